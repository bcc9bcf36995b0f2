package dev.ferry.core.vfs;

public enum FileType {
    FILE,
    DIRECTORY,
    /** Anything else a listing may meet (device, socket, fifo); never readable or writable. */
    OTHER
}
