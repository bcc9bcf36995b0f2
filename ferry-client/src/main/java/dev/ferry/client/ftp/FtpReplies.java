package dev.ferry.client.ftp;

import dev.ferry.client.remote.RemoteException;
import dev.ferry.client.remote.RemoteException.Kind;
import java.util.Locale;

/** Turns an FTP reply into the failure it means, for exit codes and retries. */
final class FtpReplies {

    /** 550 means "file unavailable"; these words say it exists but the operation was refused. */
    private static final java.util.List<String> REFUSAL_WORDS = java.util.List.of(
            "denied", "permission", "not allowed", "exists", "not empty", "not a ", "is a directory", "cannot");

    private FtpReplies() {}

    static RemoteException failure(String what, int code, String replyText) {
        String text = oneLine(replyText);
        return new RemoteException(kind(code, text), what + ": " + (text.isEmpty() ? "no reply from the server" : text));
    }

    static Kind kind(int code, String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return switch (code) {
            case 530, 532 -> Kind.AUTH;
            case 550 -> REFUSAL_WORDS.stream().anyMatch(t::contains) ? Kind.REFUSED : Kind.NOT_FOUND;
            case 421 -> Kind.CONNECTION;
            case 425, 426, 450, 451, 452 -> Kind.TRANSFER;
            case 500, 502, 504 -> Kind.UNSUPPORTED;
            default -> code >= 400 && code < 500 ? Kind.TRANSFER : Kind.REFUSED;
        };
    }

    /** A (possibly multi-line) reply as one line, without the trailing CRLF. */
    static String oneLine(String reply) {
        if (reply == null) {
            return "";
        }
        String[] lines = reply.strip().split("\r?\n");
        String last = lines[lines.length - 1].strip();
        return last.replaceAll("\\p{Cntrl}", "?");
    }
}
