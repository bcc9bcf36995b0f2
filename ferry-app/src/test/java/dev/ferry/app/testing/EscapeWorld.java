package dev.ferry.app.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The world every confinement test plants, whatever the protocol: a secret beside the homes and
 * one beside the data directory, and symlinks in the home that lead out (absolute, relative,
 * to a file, from deep down, dangling, to /etc) or stay in; and every spelling of "up and out".
 */
public final class EscapeWorld {

    public static final String SECRET = "OUTSIDE SECRET";

    private EscapeWorld() {}

    /** Plants the world for the user whose home is {@code home}; returns the outside directory. */
    public static Path plant(Path data, Path home) throws Exception {
        Path outside = Files.createDirectories(data.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), SECRET);
        Files.writeString(data.resolve("home/secret.txt"), SECRET);
        Files.writeString(home.resolve("mine.txt"), "mine");
        Files.createDirectories(home.resolve("sub/deeper"));
        Files.writeString(home.resolve("sub/inner.txt"), "inner");
        Files.createSymbolicLink(home.resolve("abs-link-out"), outside);
        Files.createSymbolicLink(home.resolve("rel-link-out"), Path.of("../../outside"));
        Files.createSymbolicLink(home.resolve("file-link-out"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(home.resolve("sub/deeper/up-and-out"), Path.of("../../../../outside/secret.txt"));
        Files.createSymbolicLink(home.resolve("dangling-out"), outside.resolve("not-yet.txt"));
        Files.createSymbolicLink(home.resolve("etc-link"), Path.of("/etc"));
        Files.createSymbolicLink(home.resolve("link-in"), Path.of("sub/inner.txt"));
        Files.createSymbolicLink(home.resolve("sub/deeper/link-up-in"), Path.of("../../mine.txt"));
        return outside;
    }

    /** Every spelling of a path out of the home that a client might try. */
    public static Stream<String> escapes() {
        return Stream.of(
                "../outside/secret.txt", "../../outside/secret.txt", "../../../../../../etc/passwd",
                "/../outside/secret.txt", "/../../etc/passwd", "//etc/passwd", "/etc/passwd",
                "..\\outside\\secret.txt", "\\..\\..\\outside\\secret.txt", "sub/../../outside/secret.txt",
                "sub/deeper/../../../secret.txt", "./../secret.txt", "../secret.txt", "~/../secret.txt",
                "abs-link-out/secret.txt", "rel-link-out/secret.txt", "file-link-out",
                "sub/deeper/up-and-out", "etc-link/passwd", "dangling-out");
    }
}
