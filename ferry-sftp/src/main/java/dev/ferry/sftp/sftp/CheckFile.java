package dev.ferry.sftp.sftp;

import dev.ferry.core.transfer.BufferPool;
import dev.ferry.core.transfer.Direction;
import dev.ferry.core.transfer.PacedChannel;
import dev.ferry.core.transfer.HashAlgorithm;
import dev.ferry.core.vfs.VfsException;
import dev.ferry.core.vfs.VirtualPath;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The "check-file-name" and "check-file-handle" extensions (draft-ietf-secsh-filexfer-09, 9.1.2):
 * the hash of a file, or of a byte range of it, or one hash per block of that range, so a client
 * can verify a transfer, or the part of a file it has before resuming, without reading it back.
 * paramiko sends the handle form under the plain name "check-file", which is taken as the same.
 *
 * <p>Request: string name-or-handle, string algorithm list (comma separated, the client's
 * preference first), uint64 start, uint64 length (0: to the end), uint32 block size (0: one hash
 * of the whole range, else at least 256). Reply: SSH_FXP_EXTENDED_REPLY with string "check-file",
 * string the algorithm used, then the raw digests back to back. A range past the end hashes what
 * is there, as the bytes a READ would return. The bytes read count against the user's download
 * rate, as a READ of them would, and keep the session from its idle timeout while it hashes.
 */
final class CheckFile {

    static final String BY_NAME = "check-file-name";
    static final String BY_HANDLE = "check-file-handle";
    /** The family's own name, which some clients look for in VERSION; paramiko sends the handle form under it. */
    static final String FAMILY = "check-file";

    /** The draft's algorithms that we compute, by its names; the first the client lists wins. */
    private static final List<HashAlgorithm> OFFERED =
            List.of(HashAlgorithm.SHA_256, HashAlgorithm.SHA_512, HashAlgorithm.SHA_1, HashAlgorithm.MD5, HashAlgorithm.CRC32);
    private static final int MIN_BLOCK = 256;
    /** Digests that fit one reply, with room for its header. */
    private static final int MAX_DIGEST_BYTES = SftpLimits.MAX_PACKET - 1024;

    private final SftpState st;
    private final FileRequests files;

    CheckFile(SftpState st, FileRequests files) {
        this.st = st;
        this.files = files;
    }

    void byName(int id, Packet p) throws IOException, VfsException, Refusal, InterruptedException {
        VirtualPath path = SftpState.path(p.utf8());
        Request r = request(p);
        // Opened as a download is, so the DOWNLOAD permission and the drop-box rules decide.
        try (SeekableByteChannel in = st.files().openRead(path, 0)) {
            reply(id, r, in);
        }
    }

    void byHandle(int id, Packet p) throws IOException, Refusal, InterruptedException {
        OpenFile f = files.file(p.handle());
        Request r = request(p);
        SeekableByteChannel in = f.reader.orElseThrow(() -> new Refusal(Sftp.FX_PERMISSION_DENIED, "File not open for reading"));
        try {
            reply(id, r, in);
        } finally {
            f.readPosition = -1; // moved under the handle's reads: the next READ seeks
        }
    }

    private record Request(HashAlgorithm algorithm, long start, long length, int blockSize) {}

    private static Request request(Packet p) throws Refusal {
        String list = p.utf8();
        long start = p.u64();
        long length = p.u64();
        long blockSize = p.u32() & 0xffffffffL;
        HashAlgorithm algorithm = choose(list).orElseThrow(() -> new Refusal(Sftp.FX_OP_UNSUPPORTED,
                "None of the hash algorithms '" + ExtendedRequests.printable(list) + "' is supported"));
        if (start < 0 || length < 0) {
            throw new Refusal(Sftp.FX_FAILURE, "Invalid range");
        }
        if (blockSize != 0 && blockSize < MIN_BLOCK) {
            throw new Refusal(Sftp.FX_FAILURE, "Block size must be 0 or at least " + MIN_BLOCK);
        }
        return new Request(algorithm, start, length, (int) Math.min(blockSize, Integer.MAX_VALUE));
    }

    static Optional<HashAlgorithm> choose(String list) {
        for (String name : list.split(",")) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            for (HashAlgorithm a : OFFERED) {
                if (a.shortName().equals(n)) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }

    private void reply(int id, Request r, SeekableByteChannel in) throws IOException, Refusal, InterruptedException {
        List<byte[]> digests = new ArrayList<>();
        long size;
        try {
            size = in.size();
        } catch (IOException e) {
            throw new Refusal(Sftp.FX_FAILURE, "Storage error");
        }
        long end = r.length() == 0 ? size : Math.min(size, saturatedAdd(r.start(), r.length()));
        long start = Math.min(r.start(), end);
        long span = end - start;
        int digestBytes = digestLength(r.algorithm());
        if (r.blockSize() > 0) {
            long blocks = Math.max(1, (span + r.blockSize() - 1) / r.blockSize());
            if (blocks * digestBytes > MAX_DIGEST_BYTES) {
                throw new Refusal(Sftp.FX_FAILURE, "Too many blocks for one reply (" + blocks + "); ask for larger blocks");
            }
        }
        ByteBuffer buf = BufferPool.take();
        try {
            in.position(start);
            // As a download of the same bytes: within the user's rate, and not idle.
            PacedChannel paced = new PacedChannel(in, st.user.throttle(Direction.DOWNLOAD), st.busy);
            long at = start;
            do {
                long blockEnd = r.blockSize() > 0 ? Math.min(end, at + r.blockSize()) : end;
                HashAlgorithm.Hasher h = r.algorithm().start();
                while (at < blockEnd) {
                    buf.clear().limit((int) Math.min(buf.capacity(), blockEnd - at));
                    int n = paced.read(buf);
                    if (n < 0) {
                        end = at; // shrunk meanwhile: hash what there was
                        break;
                    }
                    at += n;
                    h.update(buf.flip());
                }
                digests.add(HexFormat.of().parseHex(h.hex()));
            } while (at < end);
        } catch (InterruptedIOException e) {
            throw new InterruptedException(); // the channel is closing
        } catch (IOException e) {
            throw new Refusal(Sftp.FX_FAILURE, "Storage error");
        } finally {
            BufferPool.give(buf);
        }
        st.replies.begin(Sftp.FXP_EXTENDED_REPLY, id).string(FAMILY).string(r.algorithm().shortName());
        for (byte[] d : digests) {
            st.replies.raw(d);
        }
        st.replies.send();
    }

    private static int digestLength(HashAlgorithm a) {
        return HexFormat.of().parseHex(a.start().hex()).length;
    }

    private static long saturatedAdd(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }
}
