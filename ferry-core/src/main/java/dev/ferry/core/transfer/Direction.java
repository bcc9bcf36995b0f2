package dev.ferry.core.transfer;

public enum Direction {
    /** Client to server (STOR, APPE, SFTP write). */
    UPLOAD("up"),
    /** Server to client (RETR, SFTP read). */
    DOWNLOAD("down");

    private final String word;

    Direction(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
