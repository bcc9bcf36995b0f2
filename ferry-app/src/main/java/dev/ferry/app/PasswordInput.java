package dev.ferry.app;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.util.Arrays;

/** Reads a new password: one line of stdin, or twice at a terminal prompt without echo. */
final class PasswordInput {

    /** Why no password could be read; the message is for the user. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private PasswordInput() {}

    static char[] read(boolean fromStdin, InputStream in, PrintStream err, String forWhom) throws Refused, IOException {
        char[] password;
        if (fromStdin) {
            // Strict UTF-8: a byte that is not would otherwise be read as U+FFFD, and the account
            // would get a password nobody typed.
            BufferedReader r = new BufferedReader(new InputStreamReader(in, dev.ferry.core.text.StrictUtf8.decoder()));
            String line;
            try {
                line = r.readLine();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new Refused("the password on standard input is not UTF-8 text");
            }
            if (line == null) {
                throw new Refused("no password on standard input");
            }
            password = line.toCharArray();
        } else {
            Console console = System.console();
            if (console == null) {
                throw new Refused("not a terminal: pass the password on standard input with --password-stdin");
            }
            password = console.readPassword("New password for %s: ", forWhom);
            char[] again = console.readPassword("Again: ");
            if (password == null || again == null || !Arrays.equals(password, again)) {
                throw new Refused("the two passwords differ");
            }
            Arrays.fill(again, '\0');
        }
        if (password.length < 8) {
            Arrays.fill(password, '\0');
            throw new Refused("password too short: at least 8 characters");
        }
        if (password.length > 1024) {
            Arrays.fill(password, '\0');
            throw new Refused("password too long: at most 1024 characters");
        }
        for (char c : password) {
            if (Character.isISOControl(c)) {
                Arrays.fill(password, '\0');
                throw new Refused("the password holds a control character (a tab, a NUL, an escape...), "
                        + "which FTP and SSH clients cannot all send; use printable characters");
            }
        }
        return password;
    }
}
