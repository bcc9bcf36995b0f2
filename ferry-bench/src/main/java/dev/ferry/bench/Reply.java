package dev.ferry.bench;

/** One FTP reply: its code and its text (the last line of a multi-line reply). */
public record Reply(int code, String text) {

    public boolean positive() {
        return code >= 100 && code < 400;
    }

    @Override
    public String toString() {
        return code + " " + text;
    }
}
