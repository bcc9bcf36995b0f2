package dev.ferry.ftp.command;

import static dev.ferry.ftp.command.CommandSpec.Argument.OPTIONAL;
import static dev.ferry.ftp.command.CommandSpec.Argument.REQUIRED;

import dev.ferry.core.text.AsciiDecimal;
import dev.ferry.core.transfer.Direction;
import dev.ferry.core.transfer.HashAlgorithm;
import dev.ferry.core.transfer.PacedChannel;
import dev.ferry.core.vfs.FileEntry;
import dev.ferry.core.vfs.VfsException;
import dev.ferry.core.vfs.VirtualPath;
import dev.ferry.ftp.FtpSession;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * HASH and RANG (draft-bryan-ftpext-hash-02): the hash of a file, or of a byte range of it, so a
 * client can check a transfer without downloading the file again. {@code OPTS HASH <name>}
 * selects the algorithm; FEAT lists them with the selected one starred.
 *
 * <p>Ranges are written {@code start-end} with {@code end} the last byte included, as in the
 * draft's "Ending byte"; the whole of an N-byte file is {@code 0-(N-1)}, an empty one {@code 0-0}.
 *
 * <p>The hash is computed inline on the session's virtual thread: reading is bounded by the file,
 * and nothing else (ABOR, STAT) needs the control connection meanwhile. Reading goes through the
 * user's file system, so it takes the DOWNLOAD permission, like RETR.
 */
final class HashCommands {

    /** Offered algorithms, in FEAT order. */
    private static final HashAlgorithm[] OFFERED = {
            HashAlgorithm.SHA_256, HashAlgorithm.SHA_512, HashAlgorithm.SHA_1, HashAlgorithm.MD5, HashAlgorithm.CRC32};
    private static final HashAlgorithm DEFAULT = HashAlgorithm.SHA_256;

    /**
     * The session's selected algorithm and pending RANG (start and inclusive end, or start -1 for
     * none), kept in the session's family state so that REIN forgets them.
     */
    private static final class State {
        HashAlgorithm algorithm = DEFAULT;
        long rangeStart = -1;
        long rangeEnd = -1;
    }

    private HashCommands() {}

    static void register(CommandTable.Builder t) {
        t.add("HASH", true, REQUIRED, "HASH <sp> file-name (hash of the file, or of the RANG range)", HashCommands::hash);
        t.add("RANG", true, REQUIRED, "RANG <sp> start <sp> end (byte range, end included, for the next HASH)",
                HashCommands::rang);
        t.feature(s -> "HASH " + Arrays.stream(OFFERED)
                .map(a -> a.ianaName() + (a == state(s).algorithm ? "*" : ""))
                .collect(Collectors.joining(";")));
        t.feature("RANG STREAM");
    }

    private static State state(FtpSession s) {
        return s.familyState(State.class, State::new);
    }

    /** {@code OPTS HASH [name]}: shows or selects the algorithm. */
    static void opts(FtpSession s, String value) throws IOException {
        State st = state(s);
        if (value.isBlank()) {
            s.reply(200, st.algorithm.ianaName());
            return;
        }
        var chosen = HashAlgorithm.byName(value);
        if (chosen.isEmpty() || !Arrays.asList(OFFERED).contains(chosen.get())) {
            s.reply(501, "Unknown hash algorithm '" + FtpSession.printable(value.trim()) + "', current selection not changed; offered: "
                    + Arrays.stream(OFFERED).map(HashAlgorithm::ianaName).collect(Collectors.joining(", ")) + ".");
            return;
        }
        st.algorithm = chosen.get();
        s.reply(200, chosen.get().ianaName());
    }

    static void rang(FtpSession s, String arg) throws IOException {
        String[] parts = arg.trim().split("\\s+");
        long start = -1;
        long end = -1;
        if (parts.length == 2) {
            start = AsciiDecimal.parse(parts[0]);
            end = AsciiDecimal.parse(parts[1]);
            if (end < 0) {
                start = -1;
            }
        }
        State st = state(s);
        if (start == 1 && end == 0) { // the draft's way of clearing a range
            st.rangeStart = -1;
            s.reply(350, "Restarting at 0. Range cleared.");
            return;
        }
        if (start < 0 || end < start) {
            s.reply(501, "Syntax error: RANG start end, with 0 <= start <= end (end is the last byte included).");
            return;
        }
        st.rangeStart = start;
        st.rangeEnd = end;
        s.reply(350, "Restarting at " + start + ". Ending byte " + end + ".");
    }

    static void hash(FtpSession s, String arg) throws IOException, VfsException {
        State st = state(s);
        long rangeStart = st.rangeStart;
        long rangeEnd = st.rangeEnd;
        st.rangeStart = -1; // a range applies to one command only, like REST
        VirtualPath path = s.resolve(arg);
        FileEntry entry = s.files().stat(path);
        if (!entry.isFile()) {
            s.reply(553, FtpSession.printable(path.toString()) + ": not a regular file.");
            return;
        }
        long size = entry.size();
        long start = rangeStart < 0 ? 0 : rangeStart;
        long endInclusive = rangeStart < 0 ? size - 1 : Math.min(rangeEnd, size - 1);
        if (rangeStart >= 0 && start >= size && !(start == 0 && size == 0)) {
            s.reply(556, "Range " + rangeStart + "-" + rangeEnd + " lies past the end of the file (" + size + " bytes).");
            return;
        }
        HashAlgorithm algorithm = st.algorithm;
        String hex;
        try (SeekableByteChannel in = s.files().openRead(path, start)) {
            // Read as a download reads it: within the user's rate, so a HASH is no way around it.
            hex = algorithm.hash(new PacedChannel(in, s.throttle(Direction.DOWNLOAD), () -> { }),
                    Math.max(0, endInclusive - start + 1));
        } catch (IOException e) {
            s.reply(451, FtpSession.printable(path.toString()) + ": cannot read the file to hash it.");
            return;
        }
        s.reply(213, algorithm.ianaName() + " " + start + "-" + Math.max(endInclusive, start) + " " + hex + " "
                + FtpSession.printable(arg));
    }
}
