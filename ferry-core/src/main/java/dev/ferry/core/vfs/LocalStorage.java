package dev.ferry.core.vfs;

import dev.ferry.core.user.User;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.util.OptionalLong;

/** Homes as local directories: {@code <data>/home/<name>}, or the account's own {@code --home}. */
public final class LocalStorage implements Storage {

    private final HomeDirectories homes;

    public LocalStorage(HomeDirectories homes) {
        this.homes = homes;
    }

    @Override
    public UserFileSystem open(User user, String who, UsageAccount usage) throws IOException {
        return new LocalFileSystem(homes.ensure(user), user.permissions(), who, usage);
    }

    @Override
    public DiskUsage.Totals measure(User user) throws IOException {
        return DiskUsage.of(homes.of(user));
    }

    @Override
    public OptionalLong freeBytes(User user) throws IOException {
        return OptionalLong.of(store(user).getUsableSpace());
    }

    @Override
    public OptionalLong totalBytes(User user) throws IOException {
        return OptionalLong.of(store(user).getTotalSpace());
    }

    private FileStore store(User user) throws IOException {
        return Files.getFileStore(homes.ensure(user));
    }

    @Override
    public String describe() {
        return homes.base().toString();
    }
}
