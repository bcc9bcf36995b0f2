package dev.ferry.s3;

import dev.ferry.core.user.Permission;
import dev.ferry.core.user.Permissions;
import dev.ferry.core.vfs.Access;
import dev.ferry.core.vfs.FileEntry;
import dev.ferry.core.vfs.FileType;
import dev.ferry.core.vfs.UsageAccount;
import dev.ferry.core.vfs.UserFileSystem;
import dev.ferry.core.vfs.VfsException;
import dev.ferry.core.vfs.VfsException.Reason;
import dev.ferry.core.vfs.VirtualPath;
import dev.ferry.core.vfs.WriteMode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One user's files in a bucket, under the key prefix {@code home} ("homes/alice/"): the same
 * permission, quota and drop-box rules as {@link dev.ferry.core.vfs.LocalFileSystem}, on objects.
 * A directory is a key prefix, made explicit by an empty marker object ("docs/") when created with
 * mkdir. Keys are built from {@link VirtualPath}s only, which are normalised and confined, so no
 * name reaches another user's prefix.
 *
 * <p>What differs from a local home, all of it from what S3 is: uploads are spooled to a local
 * file and stored whole when the upload ends, so an object is replaced atomically and never seen
 * half-written (a resume or an append first copies the object into the spool); renaming a
 * directory copies and deletes each object under it; modification times and modes cannot be set
 * (the listing shows when an object was stored); there are no links.
 */
final class ObjectFileSystem implements UserFileSystem {

    private final S3Client s3;
    private final String bucket;
    private final String home;
    private final Access access;
    private final String who;
    private final UsageAccount usage;
    private final Path spool;
    /** This session's uploads that are not stored yet: a stat of one answers from its spool. */
    private final Map<VirtualPath, ObjectUpload> inFlight = new ConcurrentHashMap<>();

    private final KeyLocks locks;

    ObjectFileSystem(S3Client s3, String bucket, String home, Permissions permissions, String who, UsageAccount usage, Path spool,
                     KeyLocks locks) {
        this.locks = locks;
        this.s3 = s3;
        this.bucket = bucket;
        this.home = home;
        this.access = new Access(permissions);
        this.who = who;
        this.usage = usage;
        this.spool = spool;
    }

    // --- keys ------------------------------------------------------------------------------

    /** "homes/alice/docs/a.txt" for /docs/a.txt. */
    private String key(VirtualPath path) {
        return home + String.join("/", path.segments());
    }

    /** "homes/alice/docs/" for /docs: what every key under the directory starts with. */
    private String prefix(VirtualPath dir) {
        return dir.isRoot() ? home : key(dir) + "/";
    }

    private Optional<HeadObjectResponse> head(VirtualPath path) throws VfsException {
        if (path.isRoot()) {
            return Optional.empty();
        }
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key(path))));
        } catch (SdkException e) {
            if (ObjectErrors.notFound(e)) {
                return Optional.empty();
            }
            throw ObjectErrors.storage(path.toString(), e);
        }
    }

    /** The home always is one; another path is one when any key lies under it (its marker included). */
    private boolean isDirectory(VirtualPath path) throws VfsException {
        if (path.isRoot()) {
            return true;
        }
        try {
            // The marker first: not every store lists a key that equals the prefix asked for.
            s3.headObject(b -> b.bucket(bucket).key(prefix(path)));
            return true;
        } catch (SdkException e) {
            if (!ObjectErrors.notFound(e)) {
                throw ObjectErrors.storage(path.toString(), e);
            }
        }
        try {
            ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix(path)).maxKeys(1));
            return !r.contents().isEmpty();
        } catch (SdkException e) {
            throw ObjectErrors.storage(path.toString(), e);
        }
    }

    private static FileEntry file(String name, long size, Instant modified, String key) {
        return new FileEntry(name, FileType.FILE, size, modified, 0644, 1, key);
    }

    private static FileEntry directory(String name, String prefix) {
        return new FileEntry(name, FileType.DIRECTORY, 0, Instant.EPOCH, 0755, 2, prefix);
    }

    // --- reading ---------------------------------------------------------------------------

    @Override
    public FileEntry stat(VirtualPath path) throws VfsException {
        if (access.statIsDropBox(path)) {
            if (access.mayLearnDirectory(path) && head(path).isEmpty() && isDirectory(path)) {
                return directory(path.name(), prefix(path));
            }
            throw denied(Permission.LIST, path);
        }
        ObjectUpload running = inFlight.get(path);
        if (running != null) { // being written here: what the spool holds (an SFTP fstat, a getattr after create)
            return file(path.name(), running.size(), Instant.now(), unique(key(path)));
        }
        Optional<HeadObjectResponse> h = head(path);
        if (h.isPresent()) {
            return file(path.name(), h.get().contentLength(), h.get().lastModified(), unique(key(path)));
        }
        if (isDirectory(path)) {
            return directory(path.isRoot() ? "/" : path.name(), unique(prefix(path)));
        }
        throw notFound(path);
    }

    @Override
    public void checkDirectory(VirtualPath path) throws VfsException {
        if (path.isRoot()) {
            return;
        }
        if (head(path).isPresent()) {
            throw new VfsException(Reason.NOT_A_DIRECTORY, path.toString(), "Not a directory");
        }
        if (!isDirectory(path)) {
            throw notFound(path);
        }
    }

    @Override
    public Stream<FileEntry> list(VirtualPath directory) throws VfsException {
        require(Permission.LIST, directory);
        checkDirectory(directory);
        String prefix = prefix(directory);
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).delimiter("/").build();
        java.util.Iterator<ListObjectsV2Response> pages = s3.listObjectsV2Paginator(request).iterator();
        // Pages are fetched as the stream is read: a failure then is the listing's storage error.
        java.util.Iterator<List<FileEntry>> entries = new java.util.Iterator<>() {
            private final java.util.Set<String> directories = new java.util.HashSet<>();

            @Override
            public boolean hasNext() {
                try {
                    return pages.hasNext();
                } catch (SdkException e) {
                    throw new java.io.UncheckedIOException(new IOException("Storage error", e));
                }
            }

            @Override
            public List<FileEntry> next() {
                ListObjectsV2Response page;
                try {
                    page = pages.next();
                } catch (SdkException e) {
                    throw new java.io.UncheckedIOException(new IOException("Storage error", e));
                }
                List<FileEntry> out = new ArrayList<>();
                page.commonPrefixes().forEach(p -> directoryEntry(p.prefix(), prefix, directories, out));
                for (S3Object o : page.contents()) {
                    String name = o.key().substring(prefix.length());
                    if (name.endsWith("/")) {
                        // A marker listed as an object, as some stores do rather than as a prefix.
                        directoryEntry(o.key(), prefix, directories, out);
                    } else if (listable(name)) { // the directory's own marker has the empty name
                        out.add(file(name, o.size(), o.lastModified(), unique(o.key())));
                    }
                }
                return out;
            }
        };
        Iterable<List<FileEntry>> iterable = () -> entries;
        return StreamSupport.stream(iterable.spliterator(), false).flatMap(List::stream);
    }

    private void directoryEntry(String key, String prefix, java.util.Set<String> seen, List<FileEntry> out) {
        String name = key.substring(prefix.length(), key.length() - 1);
        if (listable(name) && seen.add(name)) {
            out.add(directory(name, unique(key)));
        }
    }

    /** MLSx "unique": stable for a key, without showing the bucket's layout to the client. */
    private static String unique(String key) {
        return java.util.HexFormat.of().formatHex(java.util.Arrays.copyOf(sha256(key), 8));
    }

    private static byte[] sha256(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A name a path can hold: keys made by other tools may have empty or odd components. */
    private static boolean listable(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0) {
            return false;
        }
        try {
            VirtualPath.ROOT.child(name);
            return true;
        } catch (VfsException e) {
            return false;
        }
    }

    @Override
    public SeekableByteChannel openRead(VirtualPath path, long offset) throws VfsException {
        require(Permission.DOWNLOAD, path);
        HeadObjectResponse h = head(path).orElseThrow(() -> isDirectoryQuietly(path)
                ? new VfsException(Reason.IS_A_DIRECTORY, path.toString(), "Is a directory") : notFound(path));
        long size = h.contentLength();
        if (offset > size) {
            throw new VfsException(Reason.INVALID_OFFSET, path.toString(), "Restart offset beyond end of file");
        }
        return new ObjectReader(s3, bucket, key(path), size, h.eTag(), offset);
    }

    private boolean isDirectoryQuietly(VirtualPath path) {
        try {
            return isDirectory(path);
        } catch (VfsException e) {
            return false;
        }
    }

    // --- writing ---------------------------------------------------------------------------

    @Override
    public SeekableByteChannel openWrite(VirtualPath path, WriteMode mode) throws VfsException {
        require(Permission.UPLOAD, path);
        if (path.isRoot()) {
            throw new VfsException(Reason.IS_A_DIRECTORY, "/", "Is a directory");
        }
        Optional<HeadObjectResponse> h = head(path);
        boolean exists = h.isPresent();
        if (!exists && isDirectory(path)) {
            throw new VfsException(Reason.IS_A_DIRECTORY, path.toString(), "Is a directory");
        }
        checkDirectory(path.parent());
        long size = exists ? h.get().contentLength() : 0;
        access.requireUpload(path, mode, exists, size);
        // What of the object the upload keeps, copied into the spool first.
        long keep = switch (mode) {
            case WriteMode.At at -> at.offset();
            case WriteMode.Append ap -> size;
            case WriteMode.Update u -> size;
            default -> 0;
        };
        // Nothing is counted as freed: the old object stays in the bucket, and counted, until the
        // upload is stored (ObjectUpload settles then).
        usage.beginWrite(path.toString(), 0, !exists);
        Path file = null;
        Path kept = null;
        FileChannel ch = null;
        try {
            file = Files.createTempFile(spool, "upload-", ".part");
            if (keep > 0) {
                kept = file.resolveSibling(file.getFileName() + ".kept");
                Path into = kept;
                String etag = h.get().eTag(); // the version looked at, or a failure: never a mix
                s3.getObject(b -> b.bucket(bucket).key(key(path)).range("bytes=0-" + (keep - 1)).ifMatch(etag),
                        ResponseTransformer.toFile(into));
                if (Files.size(kept) != keep) {
                    throw new IOException("the stored object changed while its first " + keep + " bytes were copied");
                }
                Files.move(kept, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            long position = mode instanceof WriteMode.Append || mode instanceof WriteMode.At ? keep : 0;
            boolean keepsAsIs = exists && (mode instanceof WriteMode.Append || mode instanceof WriteMode.Update);
            ObjectUpload upload = new ObjectUpload(this, path, file, ch, usage, position,
                    new ObjectUpload.Start(exists, mode instanceof WriteMode.Replace, !keepsAsIs));
            inFlight.put(path, upload);
            return upload;
        } catch (IOException | RuntimeException e) {
            usage.cancelWrite(0, !exists);
            usage.endWrite();
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // failing anyway
                }
            }
            deleteQuietly(file);
            deleteQuietly(kept);
            throw e instanceof SdkException s ? ObjectErrors.storage(path.toString(), s)
                    : new VfsException(Reason.IO_ERROR, path.toString(), "Storage error", e);
        }
    }

    /**
     * Runs an upload's store with its key locked, so that no delete or rename of this node lands
     * between the look at the old object and the PUT, and the settlement sees what the PUT replaced.
     */
    <T, E extends Exception> T locked(VirtualPath path, KeyLocks.Work<T, E> work) throws E {
        return locks.with(key(path), work);
    }

    /** The stored object's size now, or empty when there is none (for settling an upload). */
    OptionalLong storedSize(VirtualPath path) throws VfsException {
        Optional<HeadObjectResponse> h = head(path);
        return h.isPresent() ? OptionalLong.of(h.get().contentLength()) : OptionalLong.empty();
    }

    /** An upload of this session ended: its path shows what the bucket has again. */
    void finished(VirtualPath path, ObjectUpload upload) {
        inFlight.remove(path, upload);
    }

    /** Stores a finished upload's spool file as the object (one PUT; multipart when large). */
    void store(VirtualPath path, Path file, long size) throws IOException {
        try {
            Multipart.put(s3, bucket, key(path), file, size);
        } catch (SdkException e) {
            throw new IOException("cannot store " + path + ": " + ObjectErrors.plain(e), e);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a spool file left behind is only space
            }
        }
    }

    // --- changing the tree -----------------------------------------------------------------

    @Override
    public long delete(VirtualPath path) throws VfsException {
        require(Permission.DELETE, path);
        return locks.with(key(path), () -> {
            Optional<HeadObjectResponse> h = head(path);
            if (h.isEmpty()) {
                throw isDirectory(path) ? new VfsException(Reason.IS_A_DIRECTORY, path.toString(), "Is a directory") : notFound(path);
            }
            try {
                s3.deleteObject(b -> b.bucket(bucket).key(key(path)));
            } catch (SdkException e) {
                throw ObjectErrors.storage(path.toString(), e);
            }
            long size = h.get().contentLength();
            usage.removed(size, 1);
            return size;
        });
    }

    @Override
    public void rename(VirtualPath from, VirtualPath to) throws VfsException {
        require(Permission.RENAME, from);
        require(Permission.RENAME, to);
        if (from.isRoot()) {
            throw new VfsException(Reason.PERMISSION_DENIED, from.toString(), "Cannot rename the home directory");
        }
        if (to.isRoot()) {
            throw new VfsException(Reason.PERMISSION_DENIED, to.toString(), "Cannot replace the home directory");
        }
        if (to.startsWith(from) && !to.equals(from)) {
            throw new VfsException(Reason.PERMISSION_DENIED, to.toString(), "Cannot move a directory into itself");
        }
        if (from.equals(to)) {
            stat(from);
            return;
        }
        if (head(from).isEmpty() && isDirectory(from)) {
            // A directory: each object moves under its own keys' locks (moveTree); holding these
            // two as well would nest locks, which two directory renames could deadlock on.
            renameChecked(from, to, true);
            return;
        }
        locks.with(key(from), key(to), () -> {
            renameChecked(from, to, false);
            return null;
        });
    }

    private void renameChecked(VirtualPath from, VirtualPath to, boolean directory) throws VfsException {
        Optional<HeadObjectResponse> source = head(from);
        boolean sourceIsDir = source.isEmpty() && isDirectory(from);
        if (source.isEmpty() && !sourceIsDir) {
            throw notFound(from);
        }
        if (sourceIsDir != directory) {
            throw new VfsException(Reason.IO_ERROR, from.toString(), "Changed while being renamed; try again");
        }
        checkDirectory(to.parent());
        Optional<HeadObjectResponse> target = head(to);
        if (target.isEmpty() && isDirectory(to) || target.isPresent() && sourceIsDir) {
            throw new VfsException(Reason.ALREADY_EXISTS, to.toString(), "Destination exists");
        }
        if (target.isPresent()) {
            require(Permission.OVERWRITE, to);
        }
        try {
            if (sourceIsDir) {
                moveTree(prefix(from), prefix(to));
            } else {
                move(key(from), key(to), source.get().contentLength(), source.get().eTag());
            }
        } catch (SdkException e) {
            throw ObjectErrors.storage(to.toString(), e);
        }
        target.ifPresent(t -> usage.removed(t.contentLength(), 1));
    }

    /** Copy (of exactly the version looked at) then delete: S3 has no rename. */
    private void move(String fromKey, String toKey, long size, String etag) {
        Multipart.copy(s3, bucket, fromKey, toKey, size, etag);
        s3.deleteObject(b -> b.bucket(bucket).key(fromKey));
    }

    /**
     * Every object under one prefix to the other: S3 has no directories to rename. Object by
     * object, so a failure part-way leaves some under each name, none lost.
     */
    private void moveTree(String fromPrefix, String toPrefix) {
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(fromPrefix).build();
        for (S3Object o : s3.listObjectsV2Paginator(request).contents()) {
            String toKey = toPrefix + o.key().substring(fromPrefix.length());
            locks.with(o.key(), toKey, () -> {
                move(o.key(), toKey, o.size(), o.eTag());
                return null;
            });
        }
    }

    @Override
    public void mkdir(VirtualPath path) throws VfsException {
        require(Permission.MKDIR, path);
        if (path.isRoot() || head(path).isPresent() || isDirectory(path)) {
            throw new VfsException(Reason.ALREADY_EXISTS, path.toString(), "File exists");
        }
        checkDirectory(path.parent());
        try {
            s3.putObject(b -> b.bucket(bucket).key(prefix(path)), RequestBody.empty());
        } catch (SdkException e) {
            throw ObjectErrors.storage(path.toString(), e);
        }
    }

    @Override
    public void rmdir(VirtualPath path) throws VfsException {
        require(Permission.RMDIR, path);
        if (path.isRoot()) {
            throw new VfsException(Reason.PERMISSION_DENIED, "/", "Cannot remove the home directory");
        }
        if (head(path).isPresent()) {
            throw new VfsException(Reason.NOT_A_DIRECTORY, path.toString(), "Not a directory");
        }
        String prefix = prefix(path);
        if (!isDirectory(path)) {
            throw notFound(path);
        }
        try {
            ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).maxKeys(2));
            if (r.contents().stream().map(S3Object::key).anyMatch(k -> !k.equals(prefix))) {
                throw new VfsException(Reason.DIRECTORY_NOT_EMPTY, path.toString(), "Directory not empty");
            }
            s3.deleteObject(b -> b.bucket(bucket).key(prefix));
        } catch (SdkException e) {
            throw ObjectErrors.storage(path.toString(), e);
        }
    }

    @Override
    public void setModified(VirtualPath path, Instant time) throws VfsException {
        require(Permission.SET_TIME, path);
        stat(path);
        throw new VfsException(Reason.IO_ERROR, path.toString(), "Modification times cannot be set on object storage");
    }

    @Override
    public void setMode(VirtualPath path, int mode) throws VfsException {
        require(Permission.OVERWRITE, path);
        stat(path);
        throw new VfsException(Reason.IO_ERROR, path.toString(), "Modes cannot be set on object storage");
    }

    // --- refusals --------------------------------------------------------------------------

    private void require(Permission permission, VirtualPath path) throws VfsException {
        access.require(permission, path);
    }

    private static VfsException denied(Permission permission, VirtualPath path) {
        return Access.denied(permission, path);
    }

    private static VfsException notFound(VirtualPath path) {
        return Access.notFound(path);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + home + " for " + who;
    }
}
