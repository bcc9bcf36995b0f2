package dev.ferry.sftp.exec;

import dev.ferry.core.session.UserContext;
import dev.ferry.core.text.AsciiDecimal;
import dev.ferry.core.transfer.BufferPool;
import dev.ferry.core.transfer.Direction;
import dev.ferry.core.transfer.QuotaExceededException;
import dev.ferry.core.transfer.TransferLog;
import dev.ferry.core.transfer.TransferProgress;
import dev.ferry.core.transfer.TransferRecord;
import dev.ferry.core.vfs.FileEntry;
import dev.ferry.core.vfs.FileTimes;
import dev.ferry.core.vfs.VfsException;
import dev.ferry.core.vfs.VirtualPath;
import dev.ferry.core.vfs.WriteMode;
import dev.ferry.sftp.ssh.SshSessionState;
import org.apache.sshd.server.channel.ChannelSession;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

/**
 * The classic SCP protocol ({@code scp -O}): {@code scp -t} receives files into the home,
 * {@code scp -f} sends files from it, {@code -r} for directories, {@code -p} for times. Every
 * file goes through the user's file system (confinement, permissions, quota), throttle and
 * transfer log, like SFTP. Paths are taken literally: with no shell there is no glob expansion.
 */
final class ScpCommand extends ExecCommand {

    private static final int MAX_LINE = 8192;

    private final boolean sink;
    private final boolean recursive;
    private final boolean keepTimes;
    private final boolean targetIsDirectory;
    private final List<String> paths;
    private SshSessionState ssh;
    private UserContext user;
    private int status;
    /** The directories being sent, outermost first (by device and inode): a link back to one is a loop. */
    private final java.util.Set<String> sending = new java.util.HashSet<>();

    private ScpCommand(ChannelSession channel, boolean sink, boolean recursive, boolean keepTimes, boolean targetIsDirectory,
                       List<String> paths) {
        super(channel);
        this.sink = sink;
        this.recursive = recursive;
        this.keepTimes = keepTimes;
        this.targetIsDirectory = targetIsDirectory;
        this.paths = paths;
    }

    /** Parses {@code scp [-r] [-p] [-d] [-v] [-q] -t|-f [--] PATH...}; null when it is not one. */
    static ScpCommand parse(ChannelSession channel, List<String> words) {
        boolean t = false, f = false, r = false, p = false, d = false;
        int i = 1;
        for (; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("--")) {
                i++;
                break;
            }
            if (!w.startsWith("-") || w.length() < 2) {
                break;
            }
            for (char c : w.substring(1).toCharArray()) {
                switch (c) {
                    case 't' -> t = true;
                    case 'f' -> f = true;
                    case 'r' -> r = true;
                    case 'p' -> p = true;
                    case 'd' -> d = true;
                    case 'v', 'q', 'E' -> { }
                    default -> {
                        return null;
                    }
                }
            }
        }
        if (t == f) {
            return null;
        }
        List<String> rest = new ArrayList<>(words.subList(i, words.size()));
        if (rest.isEmpty()) {
            rest.add(".");
        }
        if (t && rest.size() != 1) {
            return null;
        }
        return new ScpCommand(channel, t, r, p, d, rest);
    }

    @Override
    protected int run(SshSessionState ssh) throws IOException, InterruptedException {
        this.ssh = ssh;
        this.user = ssh.context();
        if (sink) {
            receive(paths.get(0));
        } else {
            send();
        }
        return status;
    }

    // --- scp -t: the client sends, we store ----------------------------------------------------

    private void receive(String spelled) throws IOException, InterruptedException {
        VirtualPath target;
        try {
            target = VirtualPath.of(spelled);
        } catch (VfsException e) {
            fatal(spelled + ": " + e.getMessage());
            return;
        }
        boolean isDir = isDirectory(target);
        if (targetIsDirectory && !isDir) {
            fatal(spelled + ": Not a directory");
            return;
        }
        Deque<VirtualPath> dirs = new ArrayDeque<>();
        Deque<Instant> dirTimes = new ArrayDeque<>();
        Instant pendingTime = null;
        ok();
        while (true) {
            String line;
            try {
                line = readLine(true);
            } catch (java.nio.charset.CharacterCodingException e) {
                // Decoded with replacement characters, two such names would become one file.
                fatal("a file name that is not valid UTF-8 (names here are UTF-8)");
                return;
            }
            if (line == null) {
                return;
            }
            if (line.isEmpty()) {
                fatal("protocol error: empty line");
                return;
            }
            char kind = line.charAt(0);
            switch (kind) {
                case '\1', '\2' -> {
                    if (kind == '\2') {
                        return;
                    }
                }
                case 'E' -> {
                    if (dirs.isEmpty()) {
                        fatal("protocol error: unexpected E");
                        return;
                    }
                    VirtualPath done = dirs.pop();
                    Instant t = dirTimes.pop();
                    if (t != Instant.EPOCH) {
                        setTime(done, t);
                    }
                    ok();
                }
                case 'T' -> {
                    pendingTime = parseTime(line);
                    if (pendingTime == null) {
                        fatal("protocol error: bad T line");
                        return;
                    }
                    ok();
                }
                case 'C', 'D' -> {
                    String[] parts = line.substring(1).split(" ", 3);
                    long size;
                    try {
                        if (parts.length != 3 || !parts[0].matches("[0-7]{4}")) {
                            throw new NumberFormatException();
                        }
                        size = AsciiDecimal.parse(parts[1]);
                        if (size < 0) {
                            throw new NumberFormatException();
                        }
                    } catch (NumberFormatException e) {
                        fatal("protocol error: bad " + kind + " line");
                        return;
                    }
                    String name = parts[2];
                    VirtualPath dest;
                    try {
                        if (name.isEmpty() || name.equals("..") || name.equals(".") || name.contains("/")) {
                            throw new VfsException(VfsException.Reason.INVALID_NAME, name, "unexpected filename");
                        }
                        dest = !dirs.isEmpty() ? dirs.peek().child(name) : isDir ? target.child(name) : target;
                    } catch (VfsException e) {
                        fatal(name + ": " + e.getMessage());
                        return;
                    }
                    Instant time = pendingTime;
                    pendingTime = null;
                    if (kind == 'D') {
                        if (!recursive) {
                            fatal(name + ": received directory without -r");
                            return;
                        }
                        if (!isDirectory(dest)) {
                            try {
                                user.files().mkdir(dest);
                            } catch (VfsException e) {
                                fatal(dest + ": " + e.getMessage());
                                return;
                            }
                        }
                        dirs.push(dest);
                        dirTimes.push(time == null ? Instant.EPOCH : time);
                        ok();
                    } else if (!receiveFile(dest, size, time, Integer.parseInt(parts[0], 8))) {
                        return;
                    }
                }
                default -> {
                    fatal("protocol error: unexpected '" + (kind < ' ' ? "?" : String.valueOf(kind)) + "'");
                    return;
                }
            }
        }
    }

    /** One file: false when the connection is lost. */
    private boolean receiveFile(VirtualPath dest, long size, Instant time, int mode) throws IOException, InterruptedException {
        SeekableByteChannel file;
        try {
            file = user.files().openWrite(dest, WriteMode.TRUNCATE);
        } catch (VfsException e) {
            warn(dest + ": " + (e.reason() == VfsException.Reason.QUOTA_EXCEEDED ? "Quota exceeded" : e.getMessage()));
            return true;
        }
        ok();
        TransferProgress progress = new TransferProgress(dest.toString(), Direction.UPLOAD, 0, size);
        ssh.session().transferStarted(progress);
        String failure = null;
        String result = "ok";
        ByteBuffer buf = BufferPool.take();
        byte[] chunk = new byte[64 * 1024];
        long left = size;
        try (file) {
            while (left > 0) {
                int n = in.read(chunk, 0, (int) Math.min(chunk.length, left));
                if (n < 0) {
                    result = "aborted";
                    throw new EOFException("connection closed in the middle of a file");
                }
                left -= n;
                if (failure != null) {
                    continue;
                }
                user.throttle(Direction.UPLOAD).acquire(n);
                try {
                    buf.clear();
                    buf.put(chunk, 0, n).flip();
                    while (buf.hasRemaining()) {
                        file.write(buf);
                    }
                    progress.add(n);
                } catch (QuotaExceededException e) {
                    failure = "Quota exceeded";
                    result = "quota";
                } catch (IOException e) {
                    failure = "Storage error";
                    result = "failed: storage";
                }
            }
        } catch (EOFException e) {
            return false;
        } finally {
            BufferPool.give(buf);
            ssh.session().transferEnded();
            TransferLog.record(new TransferRecord("scp", user.user().name(), ssh.client(), dest.toString(), Direction.UPLOAD,
                    progress.bytes(), progress.elapsed(), result));
        }
        int end = in.read();
        if (end < 0) {
            return false;
        }
        if (failure != null) {
            warn(dest + ": " + failure);
            return true;
        }
        setMode(dest, mode); // written whole: now its mode (with -p)
        if (time != null) {
            setTime(dest, time);
        }
        ok();
        return true;
    }

    // --- scp -f: we send -----------------------------------------------------------------------

    private void send() throws IOException, InterruptedException {
        if (!response()) {
            return;
        }
        for (String spelled : paths) {
            VirtualPath path;
            FileEntry e;
            try {
                path = VirtualPath.of(spelled);
                e = user.files().stat(path);
            } catch (VfsException ex) {
                warn(spelled + ": " + ex.getMessage());
                continue;
            }
            if (!sendEntry(path, e)) {
                return;
            }
        }
    }

    /** False when the client gave up (fatal error or closed). */
    private boolean sendEntry(VirtualPath path, FileEntry e) throws IOException, InterruptedException {
        if (!path.isRoot() && path.name().indexOf('\n') >= 0) {
            // The scp protocol ends a C or D line at the first LF: such a name would desynchronise
            // the client and lose the rest of the copy. Skipped, as FTP listings hide it; SFTP carries it.
            warn(path.parent() + ": a name holding a line break; not sent (use sftp for it)");
            return true;
        }
        if (e.isDirectory()) {
            if (!recursive) {
                warn(path + ": not a regular file");
                return true;
            }
            String id = e.uniqueId();
            if (id != null && !id.isEmpty() && !sending.add(id)) {
                // A symlink to a directory it sits in: following it would send the same tree again
                // inside itself, level after level, until paths grew too long.
                warn(path + ": a link to a directory it is inside; not followed");
                return true;
            }
            try {
                return sendDirectory(path, e);
            } finally {
                if (id != null) {
                    sending.remove(id);
                }
            }
        }
        if (!e.isFile()) {
            warn(path + ": not a regular file");
            return true;
        }
        return sendFile(path, e);
    }

    private boolean sendDirectory(VirtualPath path, FileEntry e) throws IOException, InterruptedException {
        if (keepTimes && !sendLine(timeLine(e))) {
            return false;
        }
        if (!sendLine(String.format("D%04o 0 %s", e.mode() & 07777, path.isRoot() ? "home" : path.name()))) {
            return false;
        }
        List<FileEntry> children = new ArrayList<>();
        try (Stream<FileEntry> s = user.files().list(path)) {
            s.forEach(children::add);
        } catch (VfsException ex) {
            warn(path + ": " + ex.getMessage());
        }
        for (FileEntry c : children) {
            VirtualPath child;
            try {
                child = path.child(c.name());
            } catch (VfsException ex) {
                continue;
            }
            if (!sendEntry(child, c)) {
                return false;
            }
        }
        return sendLine("E");
    }

    private boolean sendFile(VirtualPath path, FileEntry e) throws IOException, InterruptedException {
        SeekableByteChannel file;
        try {
            file = user.files().openRead(path, 0);
        } catch (VfsException ex) {
            warn(path + ": " + ex.getMessage());
            return true;
        }
        try (file) {
            long size = file.size();
            if (keepTimes && !sendLine(timeLine(e))) {
                return false;
            }
            if (!sendLine(String.format("C%04o %d %s", e.mode() & 07777, size, path.name()))) {
                return false;
            }
            TransferProgress progress = new TransferProgress(path.toString(), Direction.DOWNLOAD, 0, size);
            ssh.session().transferStarted(progress);
            String result = "ok";
            ByteBuffer buf = BufferPool.take();
            byte[] chunk = new byte[buf.capacity()];
            long left = size;
            boolean shortRead = false;
            try {
                while (left > 0) {
                    buf.clear().limit((int) Math.min(buf.capacity(), left));
                    int n;
                    try {
                        n = shortRead ? -1 : file.read(buf);
                    } catch (IOException ex) {
                        n = -1;
                    }
                    if (n < 0) {
                        // The file shrank or failed: keep the protocol in step with zeros, report it after.
                        shortRead = true;
                        n = buf.limit();
                        java.util.Arrays.fill(chunk, 0, n, (byte) 0);
                    } else {
                        buf.flip().get(chunk, 0, n);
                    }
                    user.throttle(Direction.DOWNLOAD).acquire(n);
                    out.write(chunk, 0, n);
                    progress.add(n);
                    left -= n;
                }
                if (shortRead) {
                    result = "failed: file changed";
                    out.write(1);
                    out.write(("scp: " + path + ": file changed while it was read\n").getBytes(StandardCharsets.UTF_8));
                    status = 1;
                } else {
                    out.write(0);
                }
                out.flush();
            } catch (IOException ex) {
                result = "aborted";
                throw ex;
            } finally {
                BufferPool.give(buf);
                ssh.session().transferEnded();
                TransferLog.record(new TransferRecord("scp", user.user().name(), ssh.client(), path.toString(),
                        Direction.DOWNLOAD, progress.bytes(), progress.elapsed(), result));
            }
            return response();
        }
    }

    private static String timeLine(FileEntry e) {
        long t = e.modified().getEpochSecond();
        return "T" + t + " 0 " + t + " 0";
    }

    /** Sends one protocol line and waits for the answer. */
    private boolean sendLine(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return response();
    }

    /** The other side's answer: 0 ok, 1 a warning (go on), 2 fatal; false when we must stop. */
    private boolean response() throws IOException {
        int b = in.read();
        if (b == 0) {
            return true;
        }
        if (b == 1 || b == 2) {
            readLine();
            status = 1;
            return b == 1;
        }
        return false;
    }

    // --- shared --------------------------------------------------------------------------------

    private boolean isDirectory(VirtualPath path) {
        try {
            user.files().checkDirectory(path);
            return true;
        } catch (VfsException e) {
            return false;
        }
    }

    /** With -p, the mode the client sent (its rwx bits; see {@code UserFileSystem.setMode}), as scp -p does. */
    private void setMode(VirtualPath path, int mode) {
        if (!keepTimes) {
            return;
        }
        try {
            user.files().setMode(path, mode);
        } catch (VfsException e) {
            // best effort, as the times are
        }
    }

    private void setTime(VirtualPath path, Instant t) {
        if (!keepTimes) {
            return;
        }
        try {
            user.files().setModified(path, t);
        } catch (VfsException e) {
            // times are best effort, as with scp itself when the target refuses them
        }
    }

    private static Instant parseTime(String line) {
        String[] p = line.substring(1).split(" ");
        if (p.length != 4) {
            return null;
        }
        try {
            long seconds = AsciiDecimal.parse(p[0]);
            if (seconds < 0) {
                return null;
            }
            Instant t = Instant.ofEpochSecond(seconds);
            return FileTimes.isSettable(t) ? t : null; // as OpenSSH's scp, no time before 1970
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** A line up to '\n' (not included); null at the end of the input. Bounded. */
    private String readLine() throws IOException {
        return readLine(false);
    }

    /**
     * As {@link #readLine()}; with {@code strict}, a line that is not UTF-8 throws
     * {@link java.nio.charset.CharacterCodingException} instead of being read with replacement
     * characters.
     */
    private String readLine(boolean strict) throws IOException {
        byte[] b = new byte[256];
        int n = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                return n == 0 ? null : text(b, n, strict);
            }
            if (c == '\n') {
                return text(b, n, strict);
            }
            if (n == MAX_LINE) {
                throw new IOException("scp protocol line too long");
            }
            if (n == b.length) {
                b = java.util.Arrays.copyOf(b, Math.min(b.length * 2, MAX_LINE));
            }
            b[n++] = (byte) c;
        }
    }

    private static String text(byte[] b, int n, boolean strict) throws java.nio.charset.CharacterCodingException {
        return strict ? dev.ferry.core.text.StrictUtf8.decode(b, 0, n) : new String(b, 0, n, StandardCharsets.UTF_8);
    }

    private void ok() throws IOException {
        out.write(0);
        out.flush();
    }

    private void warn(String message) throws IOException {
        status = 1;
        out.write(1);
        out.write(("scp: " + printable(message) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void fatal(String message) throws IOException {
        status = 1;
        out.write(2);
        out.write(("scp: " + printable(message) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String printable(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }
}
