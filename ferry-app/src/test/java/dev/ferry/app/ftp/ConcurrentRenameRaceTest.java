package dev.ferry.app.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.testing.RawFtp;
import dev.ferry.app.testing.RawFtp.Reply;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A path checked once must not be redirected between the check and the use. While FTP sessions
 * read, write, rename and delete inside {@code box/}, another process keeps swapping {@code box}
 * for a symlink to a directory outside the home (the classic time-of-check-to-time-of-use race).
 * Whatever the interleaving, nothing outside may be read, written, renamed or deleted.
 */
class ConcurrentRenameRaceTest extends FtpServerTest {

    static final long RACE_MILLIS = 4000;

    @Test
    void swappingADirectoryForALinkOutNeverLeaksOrTouchesTheOutside() throws Exception {
        Path outside = Files.createDirectories(data.resolve("race-outside"));
        Files.writeString(outside.resolve("secret.txt"), "OUTSIDE");
        Files.writeString(outside.resolve("victim.txt"), "OUTSIDE");
        Path box = Files.createDirectories(home.resolve("box"));
        Files.writeString(box.resolve("secret.txt"), "inside");
        Files.writeString(box.resolve("victim.txt"), "inside");
        Path parked = home.resolve("box.parked");

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger swaps = new AtomicInteger();
        Thread swapper = Thread.ofPlatform().start(() -> {
            while (!stop.get()) {
                try {
                    Files.move(box, parked, StandardCopyOption.ATOMIC_MOVE);
                    Files.createSymbolicLink(box, outside);
                    Thread.onSpinWait();
                    Files.delete(box);
                    Files.move(parked, box, StandardCopyOption.ATOMIC_MOVE);
                    swaps.incrementAndGet();
                } catch (Exception e) {
                    // a half-done swap is retried by the next round
                }
            }
        });

        ConcurrentLinkedQueue<String> leaks = new ConcurrentLinkedQueue<>();
        AtomicInteger served = new AtomicInteger();
        List<Thread> clients = Stream.of(0, 1, 2, 3).map(id -> Thread.ofPlatform().start(() -> {
            long end = System.currentTimeMillis() + RACE_MILLIS;
            try (RawFtp raw = RawFtp.connect(port()).login(USER, PASSWORD)) {
                raw.send("TYPE I");
                int i = 0;
                while (System.currentTimeMillis() < end) {
                    i++;
                    Socket d = raw.pasv();
                    Reply r = raw.send("RETR box/secret.txt");
                    if (r.code() == 150) {
                        String got = new String(RawFtp.drain(d), StandardCharsets.UTF_8);
                        raw.read();
                        served.incrementAndGet();
                        if (got.contains("OUTSIDE")) {
                            leaks.add("RETR served the outside file");
                        }
                    } else {
                        d.close();
                    }
                    Socket u = raw.pasv();
                    if (raw.send("STOR box/new-" + id + "-" + i + ".txt").code() == 150) {
                        try (OutputStream out = u.getOutputStream()) {
                            out.write("x".getBytes());
                        }
                        raw.read();
                    } else {
                        u.close();
                    }
                    raw.send("MKD box/dir-" + id + "-" + i);
                    raw.send("DELE box/victim.txt");
                    if (raw.send("RNFR box/secret.txt").code() == 350) {
                        raw.send("RNTO box/secret.txt");
                    }
                    raw.send("MFMT 20000101000000 box/secret.txt");
                }
            } catch (Exception e) {
                leaks.add("client failed: " + e);
            }
        })).toList();
        for (Thread t : clients) {
            t.join();
        }
        stop.set(true);
        swapper.join();

        assertThat(swaps.get()).as("the race actually ran").isGreaterThan(10);
        assertThat(served.get()).as("reads actually happened").isGreaterThan(10);
        assertThat(leaks).isEmpty();
        assertThat(outside.resolve("secret.txt")).hasContent("OUTSIDE");
        assertThat(outside.resolve("victim.txt")).hasContent("OUTSIDE");
        assertThat(Files.getLastModifiedTime(outside.resolve("secret.txt")).toInstant().getEpochSecond())
                .isGreaterThan(946_684_800L);
        try (Stream<Path> all = Files.list(outside)) {
            // Only MKD may, within a window of microseconds, create an empty directory (see SECURITY.md).
            assertThat(all.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("dir-")))
                    .containsExactlyInAnyOrder("secret.txt", "victim.txt");
        }
    }
}
