package dev.ferry.sftp.sftp;

import dev.ferry.core.vfs.FileEntry;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * SFTP v3 file attributes. Outgoing: size, permission bits with the file type, and times (no
 * uid/gid: the server's numeric owners mean nothing to a client). Incoming (SETSTAT, OPEN): the
 * size and modification time are acted on; owners and permission bits are read and ignored, since
 * file modes are the server's business.
 */
final class Attrs {

    private Attrs() {}

    /** What a SETSTAT asked for, as far as we act on it. */
    record Change(OptionalLong size, Optional<Instant> modified, java.util.OptionalInt mode) {}

    static void write(Replies r, FileEntry e) {
        int type = switch (e.type()) {
            case DIRECTORY -> 0040000;
            case FILE -> 0100000;
            case OTHER -> 0;
        };
        long seconds = Math.max(0, Math.min(e.modified().getEpochSecond(), 0xffffffffL));
        r.u32(Sftp.ATTR_SIZE | Sftp.ATTR_PERMISSIONS | Sftp.ATTR_ACMODTIME)
                .u64(e.size())
                .u32(type | (e.mode() & 07777))
                .u32(seconds)
                .u32(seconds);
    }

    /** Attributes with no field set (REALPATH replies). */
    static void none(Replies r) {
        r.u32(0);
    }

    static Change read(Packet p) {
        int flags = p.u32();
        OptionalLong size = OptionalLong.empty();
        Optional<Instant> modified = Optional.empty();
        java.util.OptionalInt mode = java.util.OptionalInt.empty();
        if ((flags & Sftp.ATTR_SIZE) != 0) {
            long n = p.u64();
            if (n < 0) {
                throw new Packet.Malformed("size above 2^63-1"); // no file is that large
            }
            size = OptionalLong.of(n);
        }
        if ((flags & Sftp.ATTR_UIDGID) != 0) {
            p.u32();
            p.u32();
        }
        if ((flags & Sftp.ATTR_PERMISSIONS) != 0) {
            mode = java.util.OptionalInt.of(p.u32() & 07777);
        }
        if ((flags & Sftp.ATTR_ACMODTIME) != 0) {
            p.u32();
            modified = Optional.of(Instant.ofEpochSecond(p.u32() & 0xffffffffL));
        }
        if ((flags & Sftp.ATTR_EXTENDED) != 0) {
            int n = p.u32();
            for (int i = 0; i < n; i++) {
                p.skip(p.stringLength());
                p.skip(p.stringLength());
            }
        }
        return new Change(size, modified, mode);
    }
}
