package dev.ferry.sftp.sftp;

import dev.ferry.core.transfer.BufferPool;
import dev.ferry.core.transfer.Direction;
import dev.ferry.core.transfer.QuotaExceededException;
import dev.ferry.core.vfs.FileEntry;
import dev.ferry.core.vfs.Syncable;
import dev.ferry.core.vfs.VfsException;
import dev.ferry.core.vfs.VirtualPath;
import dev.ferry.core.vfs.WriteMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.Optional;

/**
 * OPEN, READ, WRITE, CLOSE, FSTAT, FSETSTAT and fsync@openssh.com: file handles and the bytes
 * that move through them. Every byte is paced by the user's throttle and every write is counted
 * against the quota (the file system's channels enforce it; the context's budget too); nothing is
 * forced to disk except on the client's fsync@openssh.com, as OpenSSH's sftp-server does.
 */
final class FileRequests implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FileRequests.class);
    private static final long FAR_BEYOND_END = 1L << 40;

    private final SftpState st;
    /** One direct buffer per channel for file I/O, taken at the first transfer. */
    private ByteBuffer io;

    FileRequests(SftpState st) {
        this.st = st;
    }

    void open(int id, Packet p) throws IOException, VfsException, Refusal {
        VirtualPath path = SftpState.path(p.utf8());
        int flags = p.u32();
        Attrs.Change attrs = Attrs.read(p);
        boolean write = (flags & (Sftp.FXF_WRITE | Sftp.FXF_APPEND)) != 0;
        // The mode the client asks for goes into the create itself, as open(2): a file is never
        // seen with other bits first, and a user who may upload but not chmod gets it too.
        int newFileMode = attrs.mode().orElse(0666);
        boolean read = (flags & Sftp.FXF_READ) != 0 || !write;
        Optional<SeekableByteChannel> writer = Optional.empty();
        Optional<SeekableByteChannel> reader = Optional.empty();
        boolean append = (flags & Sftp.FXF_APPEND) != 0;
        boolean resumeOnly = false;
        try {
            if (write) {
                if ((flags & Sftp.FXF_CREAT) == 0) {
                    requireExisting(path);
                }
                WriteMode mode;
                if ((flags & Sftp.FXF_CREAT) != 0 && (flags & Sftp.FXF_EXCL) != 0) {
                    mode = WriteMode.CREATE_NEW;
                } else if ((flags & Sftp.FXF_TRUNC) != 0) {
                    mode = WriteMode.TRUNCATE;
                } else if (append) {
                    mode = WriteMode.APPEND;
                } else {
                    mode = WriteMode.UPDATE;
                }
                try {
                    writer = Optional.of(st.files().openWrite(path, mode, newFileMode));
                } catch (VfsException e) {
                    if (mode != WriteMode.UPDATE || e.reason() != VfsException.Reason.PERMISSION_DENIED) {
                        throw e;
                    }
                    // May upload but not overwrite: still allowed to go on from the end (resume).
                    writer = Optional.of(st.files().openWrite(path, WriteMode.APPEND, newFileMode));
                    resumeOnly = true;
                }
            }
            if (!write && (flags & Sftp.FXF_CREAT) != 0) {
                createForReading(path, (flags & Sftp.FXF_EXCL) != 0);
            }
            if (read) {
                reader = Optional.of(st.files().openRead(path, 0));
            }
        } catch (VfsException | RuntimeException e) {
            closeQuietly(writer);
            closeQuietly(reader);
            throw e;
        }
        OpenFile f = new OpenFile(path, reader, writer, append, resumeOnly);
        Optional<String> handle = st.handles.add(f);
        if (handle.isEmpty()) {
            f.close();
            throw new Refusal(Sftp.FX_FAILURE, "Too many open handles");
        }
        st.replies.begin(Sftp.FXP_HANDLE, id).handle(handle.get()).send();
    }

    void read(int id, Packet p) throws IOException, Refusal, InterruptedException {
        OpenFile f = file(p.handle());
        long offset = p.u64();
        int length = (int) Math.min(p.u32() & 0xffffffffL, SftpLimits.MAX_READ);
        SeekableByteChannel in = f.reader.orElseThrow(() -> new Refusal(Sftp.FX_PERMISSION_DENIED, "File not open for reading"));
        if (offset < 0) {
            throw new Refusal(Sftp.FX_FAILURE, "Invalid offset");
        }
        ByteBuffer buf = buffer();
        buf.clear().limit(length);
        int total = 0;
        try {
            if (f.readPosition != offset) {
                if (offset >= in.size()) {
                    // At or past the end, however far: EOF, not the kernel's EINVAL for an offset
                    // near 2^63 taken for a storage failure.
                    st.replies.status(id, Sftp.FX_EOF, "End of file");
                    return;
                }
                in.position(offset);
            }
            while (buf.hasRemaining()) {
                int n = in.read(buf);
                if (n <= 0) {
                    break;
                }
                total += n;
            }
        } catch (IOException e) {
            throw storage(f, e);
        }
        f.readPosition = offset + total;
        if (total == 0 && length > 0) {
            st.replies.status(id, Sftp.FX_EOF, "End of file");
            return;
        }
        st.user.throttle(Direction.DOWNLOAD).acquire(total);
        buf.flip();
        st.replies.data(id, buf);
        f.countRead(total);
        st.transferring(f.progress(Direction.DOWNLOAD));
    }

    void write(int id, Packet p) throws IOException, Refusal, InterruptedException {
        OpenFile f = file(p.handle());
        long offset = p.u64();
        int length = p.stringLength();
        int start = p.position();
        SeekableByteChannel out = f.writer.orElseThrow(() -> new Refusal(Sftp.FX_PERMISSION_DENIED, "File not open for writing"));
        if (offset < 0 || offset > Long.MAX_VALUE - length) {
            throw new Refusal(Sftp.FX_FAILURE, "Invalid offset");
        }
        if (f.resumeOnly && offset != f.writePosition) {
            throw new Refusal(Sftp.FX_PERMISSION_DENIED, "Permission denied (overwrite): only appending is allowed");
        }
        st.user.throttle(Direction.UPLOAD).acquire(length);
        ByteBuffer buf = buffer();
        int written = 0;
        try {
            if (!f.append && !f.resumeOnly && f.writePosition != offset) {
                out.position(offset);
                f.writePosition = offset;
            }
            while (written < length) {
                int n = Math.min(length - written, buf.capacity());
                buf.clear();
                buf.put(p.array(), start + written, n).flip();
                while (buf.hasRemaining()) {
                    written += out.write(buf);
                }
            }
        } catch (QuotaExceededException e) {
            f.fail("quota");
            throw new Refusal(Sftp.FX_FAILURE, "Quota exceeded");
        } catch (IOException e) {
            throw beyondEnd(f, out, offset).orElseGet(() -> storage(f, e));
        } finally {
            f.writePosition += written;
            f.countWritten(written);
        }
        st.transferring(f.progress(Direction.UPLOAD));
        st.replies.status(id, Sftp.FX_OK, "");
    }

    void close(int id, Packet p) throws IOException, Refusal {
        AutoCloseable item = st.handles.remove(p.handle()).orElseThrow(Refusal::badHandle);
        try {
            if (item instanceof OpenFile f) {
                st.finish(f);
            } else {
                item.close();
            }
        } catch (IOException e) {
            throw new Refusal(Sftp.FX_FAILURE, "Storage error");
        } catch (Exception e) {
            throw new Refusal(Sftp.FX_FAILURE, "Close failed");
        }
        st.replies.status(id, Sftp.FX_OK, "");
    }

    void fstat(int id, Packet p) throws IOException, VfsException, Refusal {
        FileEntry e = st.files().stat(handlePath(p.handle()));
        st.replies.begin(Sftp.FXP_ATTRS, id);
        Attrs.write(st.replies, e);
        st.replies.send();
    }

    void fsetstat(int id, Packet p) throws IOException, VfsException, Refusal {
        String h = p.handle();
        VirtualPath path = handlePath(h);
        Attrs.Change change = Attrs.read(p);
        Optional<OpenFile> f = st.handles.get(h, OpenFile.class);
        if (change.size().isPresent()) {
            // A handle opened to append was checked for UPLOAD only: cutting the file through it
            // goes through the path, where cutting existing bytes needs OVERWRITE.
            if (f.isPresent() && f.get().writer.isEmpty()) {
                // As ftruncate(2) on a descriptor opened for reading: refused (the path's SETSTAT is there for it).
                throw new Refusal(Sftp.FX_PERMISSION_DENIED, "File not open for writing");
            }
            if (f.isPresent() && !f.get().append && !f.get().resumeOnly) {
                truncate(f.get(), change.size().getAsLong());
            } else {
                PathRequests.truncate(st, path, change.size().getAsLong());
            }
        }
        if (change.modified().isPresent()) {
            st.files().setModified(path, change.modified().get());
        }
        if (change.mode().isPresent()) {
            st.files().setMode(path, change.mode().getAsInt());
        }
        st.replies.status(id, Sftp.FX_OK, "");
    }

    /** fsync@openssh.com: the one place data is forced to disk, because the client asked. */
    void fsync(int id, Packet p) throws IOException, Refusal {
        OpenFile f = file(p.handle());
        if (f.writer.isEmpty()) {
            st.replies.status(id, Sftp.FX_OK, ""); // nothing written through it to force, as fsync(2) of a reading descriptor
            return;
        }
        SeekableByteChannel w = f.writer.get();
        try {
            switch (w) {
                case Syncable s -> s.sync();
                case FileChannel fc -> fc.force(true);
                default -> throw Refusal.unsupported("fsync on this storage");
            }
        } catch (IOException e) {
            throw storage(f, e);
        }
        st.replies.status(id, Sftp.FX_OK, "");
    }

    OpenFile file(String handle) throws Refusal {
        return st.handles.get(handle, OpenFile.class).orElseThrow(Refusal::badHandle);
    }

    VirtualPath handlePath(String handle) throws Refusal {
        Optional<OpenFile> f = st.handles.get(handle, OpenFile.class);
        if (f.isPresent()) {
            return f.get().path;
        }
        return st.handles.get(handle, OpenDirectory.class).map(d -> d.path).orElseThrow(Refusal::badHandle);
    }

    private void truncate(OpenFile f, long size) throws Refusal, IOException {
        SeekableByteChannel w = f.writer.orElseThrow();
        try {
            long now = w.size();
            if (size > now) {
                throw Refusal.unsupported("Growing a file with SETSTAT");
            }
            if (size < now) {
                w.truncate(size);
            }
        } catch (IOException e) {
            throw storage(f, e);
        }
    }

    /**
     * CREAT without WRITE, as OpenSSH's sftp-server does it (open with O_RDONLY|O_CREAT): the file is
     * made empty if missing; with EXCL an existing one is refused. Making it needs the upload right.
     */
    private void createForReading(VirtualPath path, boolean exclusive) throws VfsException {
        if (!exclusive) {
            try {
                st.files().stat(path);
                return;
            } catch (VfsException e) {
                if (e.reason() != VfsException.Reason.NOT_FOUND) {
                    throw e;
                }
            }
        }
        try {
            st.files().openWrite(path, WriteMode.CREATE_NEW).close();
        } catch (IOException e) {
            LOG.warn("storage error for {} on {}: {}", st.ssh.who(), path, e.toString());
            throw new VfsException(VfsException.Reason.IO_ERROR, path.toString(), "Storage error");
        } catch (VfsException e) {
            // Without EXCL, a file someone made since the stat above is what was asked for.
            if (exclusive || e.reason() != VfsException.Reason.ALREADY_EXISTS) {
                throw e;
            }
        }
    }

    private void requireExisting(VirtualPath path) throws VfsException {
        try {
            st.files().stat(path);
        } catch (VfsException e) {
            if (e.reason() == VfsException.Reason.NOT_FOUND) {
                throw e;
            }
            // Not allowed to look (no LIST): the open itself decides.
        }
    }

    private ByteBuffer buffer() {
        if (io == null) {
            io = BufferPool.take();
        }
        return io;
    }

    /**
     * A write far past the end that the file system cannot hold (EFBIG at 16 TiB on ext4, EINVAL
     * near 2^63) is the client's request, not a storage failure: refused, and no warning logged.
     * Only a gap of a TiB or more is read so; a failure nearer the end (a full disk) is storage's.
     */
    private Optional<Refusal> beyondEnd(OpenFile f, SeekableByteChannel out, long offset) {
        try {
            if (offset - out.size() < FAR_BEYOND_END) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        f.fail("failed: offset too large");
        LOG.debug("write for {} on {} at offset {} refused by the file system", st.ssh.who(), f.path, offset);
        return Optional.of(new Refusal(Sftp.FX_FAILURE, "Offset too large for this file system"));
    }

    private Refusal storage(OpenFile f, IOException e) {
        f.fail("failed: storage");
        LOG.warn("storage error for {} on {}: {}", st.ssh.who(), f.path, e.toString());
        return new Refusal(Sftp.FX_FAILURE, "Storage error");
    }

    private static void closeQuietly(Optional<SeekableByteChannel> ch) {
        ch.ifPresent(c -> {
            try {
                c.close();
            } catch (IOException ignored) {
                // already failing
            }
        });
    }

    @Override
    public void close() {
        if (io != null) {
            BufferPool.give(io);
            io = null;
        }
    }
}
