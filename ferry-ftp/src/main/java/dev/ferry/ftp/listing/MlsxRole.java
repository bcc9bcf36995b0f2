package dev.ferry.ftp.listing;

/**
 * What an MLSx line describes, which decides its {@code type} fact: an ordinary entry
 * ({@code file} or {@code dir}), the directory being listed ({@code cdir}) or its parent
 * ({@code pdir}). Clients skip cdir and pdir lines when building a file list, so a directory
 * listed as itself must be marked, or it would appear inside itself.
 */
public enum MlsxRole {
    ENTRY,
    LISTED_DIRECTORY,
    PARENT_DIRECTORY
}
