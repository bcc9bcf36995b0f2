package dev.ferry.client.remote;

import java.time.Instant;
import java.util.Optional;

/**
 * One file or directory on the server, as a listing or a stat reports it.
 *
 * @param name     last path component
 * @param path     absolute path on the server
 * @param size     bytes; 0 for directories, -1 when the server did not say
 * @param modified last modification time, when the server reports one
 */
public record RemoteEntry(String name, String path, Type type, long size, Optional<Instant> modified) {

    public enum Type { FILE, DIRECTORY, LINK, OTHER }

    public boolean isDirectory() {
        return type == Type.DIRECTORY;
    }

    public boolean isFile() {
        return type == Type.FILE;
    }
}
