/**
 * How the FTP front-end describes files: {@code LIST} as {@code ls -l} lines, {@code NLST} as bare
 * names, and {@code MLSD}/{@code MLST} as RFC 3659 facts.
 *
 * <p>Everything here is pure formatting: a {@link dev.ferry.core.vfs.FileEntry} (plus the caller's
 * owner/group strings or permission set) goes in, one line comes out, without its CRLF. Reading
 * directories, checking permissions and writing to sockets belong to the vfs and the data layer.
 *
 * <p>Decisions shared by every format:
 * <ul>
 *   <li>A name containing CR or LF is left out of every listing (the methods return an empty
 *       {@code Optional}). A listing is a stream of lines, so such a name would let whoever
 *       created the file forge extra entries; RFC 3659 section 2.2 allows omitting these names, and
 *       no FTP command could name the file anyway, since commands end at CRLF.</li>
 *   <li>All times are UTC and every month name is English, whatever the server's zone or locale:
 *       clients parse these columns with fixed English month tables, and MLSx is defined as UTC.</li>
 * </ul>
 */
package dev.ferry.ftp.listing;
