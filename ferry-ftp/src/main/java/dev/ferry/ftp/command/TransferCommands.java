package dev.ferry.ftp.command;

import static dev.ferry.ftp.command.CommandSpec.Argument.NONE;
import static dev.ferry.ftp.command.CommandSpec.Argument.OPTIONAL;
import static dev.ferry.ftp.command.CommandSpec.Argument.REQUIRED;

import dev.ferry.core.transfer.Direction;
import dev.ferry.core.transfer.StorageException;
import dev.ferry.core.transfer.Throttle;
import dev.ferry.core.transfer.TransferProgress;
import dev.ferry.core.transfer.TransferPump;
import dev.ferry.core.user.Permissions;
import dev.ferry.core.vfs.FileEntry;
import dev.ferry.core.vfs.VfsException;
import dev.ferry.core.vfs.VirtualPath;
import dev.ferry.core.vfs.WriteMode;
import dev.ferry.ftp.FtpSession;
import dev.ferry.ftp.data.DataEndpoint;
import dev.ferry.ftp.data.DataTransfer;
import dev.ferry.ftp.data.LineEndingChannel;
import dev.ferry.ftp.listing.MlsxFacts;
import dev.ferry.ftp.listing.MlsxRole;
import dev.ferry.ftp.listing.NameGlob;
import dev.ferry.ftp.listing.NameListFormat;
import dev.ferry.ftp.listing.UnixListingFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/** RETR, STOR, STOU, APPE, LIST, NLST, MLSD, MLST, ABOR. */
final class TransferCommands {

    private static final UnixListingFormat LS = new UnixListingFormat(Clock.systemUTC());
    /** Listing bytes are written to the data connection in chunks of about this size. */
    private static final int LISTING_CHUNK = 32 * 1024;
    /** How many entries STAT with a path sends over the control connection (a reply held in memory whole). */
    private static final int STAT_MAX_ENTRIES = 10_000;

    private TransferCommands() {}

    static void register(CommandTable.Builder t) {
        t.add("RETR", true, REQUIRED, "RETR <sp> file-name (download)", TransferCommands::retr);
        t.add("STOR", true, REQUIRED, "STOR <sp> file-name (upload)", TransferCommands::stor);
        t.add("STOU", true, OPTIONAL, "STOU [<sp> name] (upload under a unique name)", TransferCommands::stou);
        t.add("APPE", true, REQUIRED, "APPE <sp> file-name (append, or create)", TransferCommands::appe);
        t.add("LIST", true, OPTIONAL, "LIST [<sp> path] (ls -l style listing)", TransferCommands::list);
        t.add("NLST", true, OPTIONAL, "NLST [<sp> path] (names only)", TransferCommands::nlst);
        t.add("MLSD", true, OPTIONAL, "MLSD [<sp> directory] (machine listing)", TransferCommands::mlsd);
        t.add("MLST", true, OPTIONAL, "MLST [<sp> path] (machine facts on the control connection)", TransferCommands::mlst);
        t.addDuringTransfer("ABOR", true, NONE, "ABOR (abort the transfer in progress)", TransferCommands::abor);
        t.feature(s -> s.mlstFacts().featLine());
    }

    // --- files -------------------------------------------------------------------------------

    static void retr(FtpSession s, String arg) throws IOException, VfsException {
        VirtualPath path = s.resolve(arg);
        long offset = s.takeRestOffset();
        if (!resumableMode(s, offset)) {
            return;
        }
        Optional<DataEndpoint> endpoint = dataEndpoint(s);
        if (endpoint.isEmpty()) {
            return;
        }
        SeekableByteChannel file;
        long size;
        try {
            file = s.files().openRead(path, offset);
            size = file.size();
        } catch (VfsException | IOException e) {
            endpoint.get().close();
            throw e;
        }
        TransferProgress progress = new TransferProgress(path.toString(), Direction.DOWNLOAD, offset, size - offset);
        ReadableByteChannel source = s.binary() ? file : new LineEndingChannel(file, LineEndingChannel.Direction.TO_NETWORK);
        Throttle throttle = s.throttle(Direction.DOWNLOAD);
        opening(s, "Opening " + modeName(s) + " mode data connection for " + FtpSession.printable(path.toString())
                + " (" + (size - offset) + " bytes).", file, endpoint.get());
        s.startTransfer(new DataTransfer(s, endpoint.get(), progress, true, "Transfer complete.", file,
                data -> TransferPump.send(source, offset, size, data, throttle, progress)));
    }

    static void stor(FtpSession s, String arg) throws IOException, VfsException {
        long offset = s.takeRestOffset();
        VirtualPath path = s.resolve(arg);
        if (!resumableMode(s, offset) || !hasEndpoint(s)) {
            return;
        }
        WritableByteChannel file = openTarget(s, path, offset > 0 ? new WriteMode.At(offset) : WriteMode.REPLACE);
        startUpload(s, path, file, offset, "Ok to send data.", "Transfer complete.");
    }

    static void appe(FtpSession s, String arg) throws IOException, VfsException {
        s.takeRestOffset(); // APPE always appends; a stray REST does not apply
        VirtualPath path = s.resolve(arg);
        if (!hasEndpoint(s)) {
            return;
        }
        WritableByteChannel file = openTarget(s, path, WriteMode.APPEND);
        startUpload(s, path, file, 0, "Ok to send data.", "Transfer complete.");
    }

    /** STOU: the name asked for, else name.1, name.2..., created atomically so two uploads never share one. */
    static void stou(FtpSession s, String arg) throws IOException, VfsException {
        s.takeRestOffset();
        VirtualPath first = s.resolve(arg.isBlank() ? "ferry.upload" : arg.trim());
        if (!hasEndpoint(s)) {
            return;
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            String suffix = attempt == 0 ? "" : "." + (attempt < 90 ? Integer.toString(attempt)
                    : Long.toHexString(ThreadLocalRandom.current().nextLong()));
            VirtualPath candidate = attempt == 0 ? first : first.parent().child(first.name() + suffix);
            WritableByteChannel file;
            try {
                file = s.files().openWrite(candidate, WriteMode.CREATE_NEW);
            } catch (VfsException e) {
                if (e.reason() == VfsException.Reason.ALREADY_EXISTS) {
                    continue;
                }
                s.closeDataEndpoint();
                throw e;
            }
            startUpload(s, candidate, file, 0, "FILE: " + candidate.name(), "Transfer complete; stored as " + candidate.name() + ".");
            return;
        }
        s.closeDataEndpoint();
        s.reply(553, "Could not find a unique file name.");
    }

    /** Opens an upload target before the 150 reply, so a refused upload fails with 550 and no data connection. */
    private static WritableByteChannel openTarget(FtpSession s, VirtualPath path, WriteMode mode) throws VfsException {
        try {
            return s.files().openWrite(path, mode);
        } catch (VfsException e) {
            s.closeDataEndpoint();
            throw e;
        }
    }

    private static void startUpload(FtpSession s, VirtualPath path, WritableByteChannel file, long offset, String opening,
                                    String success) throws IOException {
        DataEndpoint endpoint = s.takeDataEndpoint().orElseThrow();
        TransferProgress progress = new TransferProgress(path.toString(), Direction.UPLOAD, offset, -1);
        Throttle throttle = s.throttle(Direction.UPLOAD);
        boolean binary = s.binary();
        opening(s, opening, file, endpoint);
        s.startTransfer(new DataTransfer(s, endpoint, progress, true, success, file, data -> {
            // STOR cuts the old file (WriteMode.Replace) at the first byte that arrives; an upload
            // that ends with none (the client closed the data connection at once: in stream mode
            // that is an empty file) empties it here. One that fails before its first byte (reset,
            // stalled, aborted) leaves the old file as it was, or no new empty one.
            ReadableByteChannel source = binary ? data : new LineEndingChannel(data, LineEndingChannel.Direction.FROM_NETWORK);
            TransferPump.receive(source, file, throttle, progress);
            try {
                file.write(ByteBuffer.allocate(0));
            } catch (IOException e) {
                throw new StorageException(e);
            }
        }));
    }

    /**
     * The 150 before a file transfer. When the control connection is gone and it cannot be sent,
     * the file and the data endpoint are released here: an upload's open file would otherwise keep
     * the quota's count of it (and, for a STOR, a new empty file) for the life of the process.
     */
    private static void opening(FtpSession s, String text, java.io.Closeable file, DataEndpoint endpoint) throws IOException {
        try {
            s.reply(150, text);
        } catch (IOException e) {
            endpoint.close();
            try {
                file.close();
            } catch (IOException ignored) {
                // failing anyway
            }
            throw e;
        }
    }

    /** Resuming at an offset is only meaningful on exact bytes, i.e. in binary mode. */
    private static boolean resumableMode(FtpSession s, long offset) throws IOException {
        if (offset > 0 && !s.binary()) {
            s.closeDataEndpoint();
            s.reply(501, "Resuming is only possible in binary mode; send TYPE I first.");
            return false;
        }
        return true;
    }

    private static Optional<DataEndpoint> dataEndpoint(FtpSession s) throws IOException {
        if (!SecurityCommands.dataAllowed(s)) {
            return Optional.empty();
        }
        Optional<DataEndpoint> e = s.takeDataEndpoint();
        if (e.isEmpty()) {
            s.reply(425, "Use PORT, PASV, EPRT or EPSV first.");
        }
        return e;
    }

    private static boolean hasEndpoint(FtpSession s) throws IOException {
        if (!SecurityCommands.dataAllowed(s)) {
            return false;
        }
        if (!s.hasDataEndpoint()) {
            s.reply(425, "Use PORT, PASV, EPRT or EPSV first.");
            return false;
        }
        return true;
    }

    private static String modeName(FtpSession s) {
        return s.binary() ? "BINARY" : "ASCII";
    }

    // --- listings ----------------------------------------------------------------------------

    static void list(FtpSession s, String arg) throws IOException, VfsException {
        String owner = s.user().orElseThrow().name();
        sendListing(s, arg, (b, e) -> LS.append(b, e, owner, owner), false, "Here comes the directory listing.");
    }

    static void nlst(FtpSession s, String arg) throws IOException, VfsException {
        sendListing(s, arg, NameListFormat::append, true, "Here comes the name list.");
    }

    static void mlsd(FtpSession s, String arg) throws IOException, VfsException {
        VirtualPath dir = s.resolve(arg);
        FileEntry e = s.files().stat(dir);
        if (!e.isDirectory()) {
            s.closeDataEndpoint();
            s.reply(501, FtpSession.printable(dir.toString()) + ": not a directory (use MLST for a file).");
            return;
        }
        Permissions perms = s.user().orElseThrow().permissions();
        var facts = s.mlstFacts();
        // With no per-directory overrides every entry has the base permissions: no child path to build.
        streamEntries(s, dir, s.files().list(dir), (b, entry) -> MlsxFacts.append(b, entry,
                        perms.overrides().isEmpty() ? perms.base() : perms.at(childOf(dir, entry)), facts, MlsxRole.ENTRY, entry.name()),
                "Here comes the machine listing.");
    }

    static void mlst(FtpSession s, String arg) throws IOException, VfsException {
        VirtualPath path = arg.isBlank() ? s.cwd() : s.resolve(arg);
        FileEntry e = s.files().stat(path);
        Permissions perms = s.user().orElseThrow().permissions();
        Optional<String> line = MlsxFacts.line(e, perms.at(path), s.mlstFacts(), MlsxRole.ENTRY, path.toString());
        if (line.isEmpty()) {
            s.reply(550, "This name cannot be shown over FTP.");
            return;
        }
        s.reply(250, "Listing " + FtpSession.printable(path.toString()), List.of(line.get()), "End.");
    }

    /** STAT with a path: the LIST output, on the control connection (RFC 959). */
    static void statListing(FtpSession s, String arg) throws IOException, VfsException {
        VirtualPath path = s.resolve(stripOptions(arg));
        FileEntry e = s.files().stat(path);
        String owner = s.user().orElseThrow().name();
        List<String> lines = new ArrayList<>();
        boolean cut = false;
        if (e.isDirectory()) {
            try (Stream<FileEntry> entries = s.files().list(path)) {
                Iterator<FileEntry> it = entries.iterator();
                for (int n = 0; it.hasNext(); n++) {
                    if (n == STAT_MAX_ENTRIES) {
                        cut = true;
                        break;
                    }
                    LS.line(it.next(), owner, owner).ifPresent(lines::add);
                }
            }
        } else {
            LS.line(e, owner, owner).ifPresent(lines::add);
        }
        // Said on the closing line, where a client reading the body as a listing does not take it for a file.
        String end = cut ? "End of status (only the first " + STAT_MAX_ENTRIES + " entries; LIST or MLSD sends all)." : "End of status.";
        s.reply(213, "Status of " + FtpSession.printable(path.toString()) + ":", lines, end);
    }

    /** Appends one listing line (without CRLF) to the buffer; false when the entry is not shown. */
    @FunctionalInterface
    private interface LineFormat {
        boolean append(StringBuilder out, FileEntry entry);
    }

    /** @param names NLST: a pattern's matches are named with the directory as the client spelled it */
    private static void sendListing(FtpSession s, String arg, LineFormat format, boolean names, String opening)
            throws IOException, VfsException {
        String spelled = stripOptions(arg);
        VirtualPath path = s.resolve(spelled);
        Optional<NameGlob> glob = path.isRoot() ? Optional.empty() : NameGlob.of(path.name());
        FileEntry e;
        try {
            e = s.files().stat(path);
        } catch (VfsException notThere) {
            if (glob.isEmpty() || notThere.reason() != VfsException.Reason.NOT_FOUND) {
                throw notThere;
            }
            sendMatches(s, spelled, path.parent(), glob.get(), format, names, opening);
            return;
        }
        Stream<FileEntry> entries = e.isDirectory() ? s.files().list(path) : Stream.of(e);
        streamEntries(s, path, entries, format, opening);
    }

    /**
     * LIST or NLST of a pattern ({@code *.log}, {@code sub/f?.bin}) that names no file itself: the
     * entries of its directory whose names match. NLST names each as the client spelled its
     * directory ({@code sub/f1.bin}), so that an mget can RETR what it got; LIST lines stay as
     * ls prints them. No match is 550, as a missing name is.
     */
    private static void sendMatches(FtpSession s, String spelled, VirtualPath dir, NameGlob glob, LineFormat format,
                                    boolean names, String opening) throws IOException, VfsException {
        List<FileEntry> matches = new ArrayList<>();
        try (Stream<FileEntry> all = s.files().list(dir)) {
            all.filter(x -> glob.matches(x.name())).forEach(matches::add);
        }
        if (matches.isEmpty()) {
            s.closeDataEndpoint();
            s.reply(550, FtpSession.printable(spelled) + ": no file matches.");
            return;
        }
        int slash = spelled.lastIndexOf('/');
        String prefix = slash < 0 || !names ? "" : spelled.substring(0, slash + 1);
        LineFormat named = prefix.isEmpty() ? format : (b, x) -> NameListFormat.append(b, x, prefix);
        streamEntries(s, dir, matches.stream(), named, opening);
    }

    private static void streamEntries(FtpSession s, VirtualPath dir, Stream<FileEntry> entries,
                                      LineFormat format, String opening) throws IOException {
        Optional<DataEndpoint> endpoint = dataEndpoint(s);
        if (endpoint.isEmpty()) {
            entries.close();
            return;
        }
        TransferProgress progress = new TransferProgress(dir.toString(), Direction.DOWNLOAD, 0, -1);
        s.reply(150, opening);
        s.startTransfer(new DataTransfer(s, endpoint.get(), progress, false, "Directory send OK.", entries::close,
                data -> writeLines(data, entries.iterator(), format, progress)));
    }

    private static void writeLines(WritableByteChannel data, Iterator<FileEntry> entries, LineFormat format,
                                   TransferProgress progress) throws IOException {
        StringBuilder chunk = new StringBuilder(LISTING_CHUNK + 512);
        while (entries.hasNext()) {
            if (!format.append(chunk, entries.next())) {
                continue;
            }
            chunk.append("\r\n");
            if (chunk.length() >= LISTING_CHUNK) {
                flush(data, chunk, progress);
            }
        }
        flush(data, chunk, progress);
    }

    private static void flush(WritableByteChannel data, StringBuilder chunk, TransferProgress progress) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(chunk.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            data.write(bytes);
        }
        progress.add(bytes.capacity());
        chunk.setLength(0);
    }

    private static VirtualPath childOf(VirtualPath dir, FileEntry e) {
        try {
            return dir.child(e.name());
        } catch (VfsException x) {
            return dir;
        }
    }

    /** LIST -la /dir: clients pass ls options; they are accepted and ignored, like vsftpd does. */
    static String stripOptions(String arg) {
        String a = arg.strip();
        while (a.startsWith("-")) {
            int sp = a.indexOf(' ');
            a = sp < 0 ? "" : a.substring(sp + 1).stripLeading();
        }
        return a;
    }

    // --- abort -------------------------------------------------------------------------------

    static void abor(FtpSession s, String arg) throws IOException, InterruptedException {
        Optional<DataTransfer> running = s.transfer();
        if (running.isPresent()) {
            running.get().abort();
            running.get().await(); // its 426 goes out first
            s.reply(226, "ABOR command successful.");
            return;
        }
        s.awaitTransfer(); // one that is just sending its closing reply: that reply goes first
        s.closeDataEndpoint();
        s.reply(225, "No transfer to abort.");
    }
}
