package dev.ferry.ftp.command;

/**
 * One row of the command table: what the dispatcher checks before calling the handler, and what
 * HELP says about it.
 *
 * @param name          upper-case command verb
 * @param needsLogin    refused with 530 before login
 * @param argument      whether an argument is required, forbidden or optional
 * @param duringTransfer may run while a transfer is in progress (ABOR, STAT, NOOP, QUIT), instead
 *                      of waiting for it to finish
 * @param syntax        HELP text
 * @param handler       the code; null for commands that are recognised but not implemented
 */
public record CommandSpec(String name, boolean needsLogin, Argument argument, boolean duringTransfer, String syntax,
                          CommandHandler handler) {

    public enum Argument { REQUIRED, NONE, OPTIONAL }

    public boolean implemented() {
        return handler != null;
    }
}
