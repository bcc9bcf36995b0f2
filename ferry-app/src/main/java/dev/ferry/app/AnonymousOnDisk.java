package dev.ferry.app;

import dev.ferry.core.user.User;
import dev.ferry.core.vfs.DiskUsage;
import dev.ferry.core.vfs.HomeDirectories;
import dev.ferry.core.vfs.LocalStorage;
import dev.ferry.core.vfs.Storage;
import dev.ferry.core.vfs.UsageAccount;
import dev.ferry.core.vfs.UserFileSystem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Users' files in a bucket, while anonymous FTP still serves the local directory it was given
 * ({@code --anonymous DIR}): its account, and only it, is routed to that directory, so it can
 * never read a real account's prefix that happens to be called "anonymous".
 */
final class AnonymousOnDisk implements Storage {

    private final Storage bucket;
    private final Storage disk;
    private final User anonymous;

    AnonymousOnDisk(Storage bucket, User anonymous, Path dataDir) {
        this.bucket = bucket;
        this.disk = new LocalStorage(new HomeDirectories(dataDir));
        this.anonymous = anonymous;
    }

    private Storage of(User user) {
        return user.equals(anonymous) ? disk : bucket;
    }

    @Override
    public UserFileSystem open(User user, String who, UsageAccount usage) throws IOException {
        return of(user).open(user, who, usage);
    }

    @Override
    public DiskUsage.Totals measure(User user) throws IOException {
        return of(user).measure(user);
    }

    @Override
    public OptionalLong freeBytes(User user) throws IOException {
        return of(user).freeBytes(user);
    }

    @Override
    public OptionalLong totalBytes(User user) throws IOException {
        return of(user).totalBytes(user);
    }

    @Override
    public String describe() {
        return bucket.describe();
    }
}
