package dev.ferry.core.vfs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * An upload that replaces a file puts a new file under its name instead of cutting the old one:
 * unlinkat, then openat with O_CREAT | O_EXCL in the same anchored directory, with the old file's
 * permission bits (as pure-ftpd does with a rename and an unlink). Done at the upload's first
 * write for {@link WriteMode.Replace} (FTP STOR), so a transfer that never starts leaves the old
 * file alone, and at the open for {@link WriteMode.Truncate} (SFTP, SCP), which empties it at once.
 *
 * <p>Why not ftruncate: on ext4 (delayed allocation, {@code auto_da_alloc}) a file cut to zero and
 * written again is flushed to disk at close, in the closing thread, and the cut itself frees the
 * old blocks there and then. Rewriting 4 KiB files here, open + cut + write + close took 76-93 us
 * of wall time (33-36 us of CPU) a file, unlink + create + write + close 12-13 us (12 us of CPU)
 * while the old file's blocks were not yet on disk, and about the same as cutting once they were.
 * A reader that has the old file open goes on reading the old bytes, where a cut would have ended
 * its download short.
 *
 * <p>A file with other hard links is cut in place instead (the links keep seeing one file), as is
 * one in a directory we may not write (an unlink needs that, a cut only the file's own write
 * permission). The old blocks are freed when the last descriptor on them closes; the old file's
 * is closed here, off the carrier when the file is large ({@link OffCarrier}).
 */
final class FreshReplacement {

    /** Above this, closing the old file (which then frees its blocks) runs off the carrier. */
    private static final long LARGE = 1L << 20;

    private final AnchoredDirectory dir;
    private final Path name;
    private final BasicFileAttributes was;
    /** The file this upload's open created (no name was there), or null. */
    private final UnixStat made;

    private FreshReplacement(AnchoredDirectory dir, Path name, BasicFileAttributes was, UnixStat made) {
        this.dir = dir;
        this.name = name;
        this.was = was;
        this.made = made;
    }

    /**
     * The emptying of {@code name} in {@code dir} (what the name was when the upload opened it:
     * {@code was}, null for nothing) put off until the upload's first write. It owns {@code dir}
     * from now on; {@link #swap}, {@link #discard} or {@link #abandon} closes it.
     */
    static FreshReplacement pending(AnchoredDirectory dir, Path name, BasicFileAttributes was) {
        return new FreshReplacement(dir, name, was, null);
    }

    /** As {@link #pending}, for a name the upload's open created: {@code made} is that new file. */
    static FreshReplacement pendingNew(AnchoredDirectory dir, Path name, UnixStat made) {
        return new FreshReplacement(dir, name, null, made);
    }

    /** The upload has started: {@link #emptied} now, and the directory let go. */
    FileChannel swap(FileChannel old) throws IOException {
        try {
            return emptied(dir, name, was, old);
        } finally {
            dir.close();
        }
    }

    /** The upload started and needed no emptying (the file was empty). */
    void discard() throws IOException {
        dir.close();
    }

    /**
     * The upload never started (no data connection came, or it was refused): the old file stays
     * as it was, and a file the open created is removed again, so that a failed STOR leaves no
     * empty file behind, if the name still holds that very file and it is still empty. True
     * when it was removed.
     */
    boolean abandon() throws IOException {
        try {
            if (made == null) {
                return false;
            }
            UnixStat now = dir.stat(name);
            if (now.ino() != made.ino() || now.dev() != made.dev() || now.size() != 0 || now.type() != FileType.FILE) {
                return false; // another upload has the name now
            }
            dir.deleteFile(name);
            return true;
        } catch (NoSuchFileException gone) {
            return false;
        } finally {
            dir.close();
        }
    }

    /**
     * Makes the upload target {@code old}, open on {@code name} in {@code dir} ({@code was}: what
     * the name was before, null for nothing), empty and returns the channel to write to: a new file
     * under the name when the old one is a regular file with one link, else {@code old} cut in
     * place off the carrier. {@code dir} stays the caller's.
     */
    static FileChannel emptied(AnchoredDirectory dir, Path name, BasicFileAttributes was, FileChannel old) throws IOException {
        UnixStat stat = was == null || !was.isRegularFile() ? null : statOf(dir, name, was);
        if (stat == null || stat.nlink() != 1 || stat.type() != FileType.FILE) {
            return cutInPlace(old);
        }
        try {
            dir.deleteFile(name);
        } catch (NoSuchFileException e) {
            // Deleted meanwhile: the new file takes the free name all the same.
        } catch (IOException e) {
            // EACCES, EPERM (a sticky directory), EROFS...: the name stays; cut the file in place.
            return cutInPlace(old);
        }
        FileChannel fresh;
        try {
            fresh = dir.createFile(name, stat.mode() & 0777);
        } catch (FileAlreadyExistsException e) {
            // Another upload created the name in between: share its file, as two uploads of one
            // name always have, starting it over.
            fresh = cutInPlace(dir.openFile(name, Set.of(StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)));
        }
        closeOld(old, was.size());
        return fresh;
    }

    /** The stat behind {@code was}, without a system call where the JDK's record is open to us. */
    private static UnixStat statOf(AnchoredDirectory dir, Path name, BasicFileAttributes was) throws IOException {
        UnixStat stat = UnixStat.ofRecordOrNull(was);
        return stat != null ? stat : dir.stat(name);
    }

    private static FileChannel cutInPlace(FileChannel file) throws IOException {
        OffCarrier.run(() -> file.truncate(0)); // freeing the old blocks can sleep for long
        return file;
    }

    private static void closeOld(FileChannel old, long size) {
        try {
            if (size > LARGE) {
                OffCarrier.run(old::close);
            } else {
                old.close();
            }
        } catch (IOException e) {
            // The old file is no longer under any name; nothing reads what its close reports.
        }
    }
}
