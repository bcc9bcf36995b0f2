package dev.ferry.app.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.ferry.app.testing.RawFtp;
import dev.ferry.app.testing.RawFtp.Reply;
import dev.ferry.app.testing.TestServer;
import dev.ferry.core.config.Settings;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain-FTP session waiting for its next command holds no thread (it waits in the server's idle
 * parking), once enough sessions are open, and behaves in every way as one that does: commands
 * split over several packets or sent several at once, transfers, the idle timeout, a shutdown's
 * 421. Threads are counted in the JVM's own thread dump, which lists virtual threads with their
 * stacks.
 */
class IdleParkingTest {

    private static final String COMMAND_LOOP = "dev.ferry.ftp.FtpSession.commandLoop";
    /** On a stack once its session has chosen to wait on its thread (and not park). */
    private static final String READING = "dev.ferry.ftp.control.CommandLineReader.next";
    private static final String TRANSFER = "dev.ferry.ftp.data.DataTransfer.run";
    /** Parking from the first session on (the default waits for 1,000 sessions). */
    private static final Map<dev.ferry.core.config.Setting<?>, String> ALWAYS = Map.of(Settings.IDLE_PARKING_FROM, "0");

    @TempDir
    Path data;

    @TempDir
    Path dumps;

    @Test
    void idleSessionsHoldNoThreadAndAnswerAsUsual() throws Exception {
        try (TestServer server = TestServer.start(data, ALWAYS)) {
            Path home = server.addUser("idler", "idler-password");
            Files.write(home.resolve("f.bin"), new byte[100_000]);
            List<RawFtp> sessions = new ArrayList<>();
            try {
                for (int i = 0; i < 40; i++) {
                    sessions.add(RawFtp.connect(server.ftpPort()).login("idler", "idler-password"));
                }
                assertThat(eventually(COMMAND_LOOP, 0)).as("threads waiting in a command loop").isZero();
                for (RawFtp s : sessions) {
                    assertThat(s.send("PWD").code()).isEqualTo(257);
                    s.write("NOOP\r\nSYST\r\nTYPE I\r\n"); // several commands in one packet
                    assertThat(s.read().code()).isEqualTo(200);
                    assertThat(s.read().code()).isEqualTo(215);
                    assertThat(s.read().code()).isEqualTo(200);
                }
                RawFtp first = sessions.get(0);
                assertThat(eventually(COMMAND_LOOP, 0)).isZero();
                first.write("NO"); // half a command, then a pause long enough to park again
                Thread.sleep(200);
                first.write("OP\r\n");
                assertThat(first.read().code()).isEqualTo(200);

                Socket d = first.pasv();
                assertThat(first.send("RETR f.bin").code()).isEqualTo(150);
                assertThat(RawFtp.drain(d)).hasSize(100_000);
                assertThat(first.read().code()).isEqualTo(226);
                assertThat(first.send("SIZE f.bin").last()).isEqualTo("213 100000");
                assertThat(eventually(COMMAND_LOOP, 0)).isZero();
            } finally {
                for (RawFtp s : sessions) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aSessionWithATransferUnderWayKeepsItsThread() throws Exception {
        try (TestServer server = TestServer.start(data, ALWAYS)) {
            Path home = server.addUser("mover", "mover-password");
            Files.write(home.resolve("big.bin"), new byte[64 * 1024 * 1024]);
            try (RawFtp raw = RawFtp.connect(server.ftpPort()).login("mover", "mover-password")) {
                raw.send("TYPE I");
                Socket d = raw.pasv();
                assertThat(raw.send("RETR big.bin").code()).isEqualTo(150);
                // The client does not read: the transfer waits on a full socket, and the control
                // thread waits for an ABOR or a STAT, since the transfer's 226 is still to come.
                assertThat(eventually(TRANSFER, 1)).as("transfer threads").isEqualTo(1);
                assertThat(eventually(READING, 1)).as("threads waiting in a command loop").isEqualTo(1);
                assertThat(RawFtp.drain(d)).hasSize(64 * 1024 * 1024);
                assertThat(raw.read().code()).isEqualTo(226);
                assertThat(raw.send("NOOP").code()).isEqualTo(200);
                assertThat(eventually(COMMAND_LOOP, 0)).isZero();
            }
        }
    }

    @Test
    void aParkedSessionGetsTheIdleTimeoutsAndTheShutdowns421() throws Exception {
        try (TestServer server = TestServer.start(data, Map.of(Settings.IDLE_TIMEOUT, "1s", Settings.IDLE_PARKING_FROM, "0"))) {
            server.addUser("sleepy", "sleepy-password");
            try (RawFtp raw = RawFtp.connect(server.ftpPort()).login("sleepy", "sleepy-password")) {
                Reply r = raw.read();
                assertThat(r.code()).isEqualTo(421);
                assertThat(r.last()).contains("Idle timeout");
                assertThat(raw.isClosedByServer()).isTrue();
            }
        }
        RawFtp raw;
        try (TestServer server = TestServer.start(data, ALWAYS)) {
            server.addUser("late", "late-password");
            raw = RawFtp.connect(server.ftpPort()).login("late", "late-password");
            assertThat(eventually(COMMAND_LOOP, 0)).isZero();
        }
        try (raw) {
            Reply r = raw.read();
            assertThat(r.code()).isEqualTo(421);
            assertThat(r.last()).contains("shutting down");
            assertThat(raw.isClosedByServer()).isTrue();
        }
    }

    @Test
    void sessionsParkOnlyOnceTheThresholdIsReached() throws Exception {
        try (TestServer server = TestServer.start(data, Map.of(Settings.IDLE_PARKING_FROM, "5"))) {
            server.addUser("many", "many-password");
            List<RawFtp> sessions = new ArrayList<>();
            try {
                // A session decides how to wait after its reply has gone out, so each count is
                // awaited before the next session comes.
                for (int i = 0; i < 4; i++) {
                    sessions.add(RawFtp.connect(server.ftpPort()).login("many", "many-password"));
                    assertThat(eventually(READING, i + 1)).as("%d sessions, below five: each on its thread", i + 1).isEqualTo(i + 1);
                }
                for (int i = 0; i < 2; i++) {
                    sessions.add(RawFtp.connect(server.ftpPort()).login("many", "many-password"));
                }
                // The fifth and sixth waited with five open; the first four wait on, in the read they began with fewer.
                assertThat(eventually(READING, 4)).as("six sessions, four of them begun below five").isEqualTo(4);
                for (RawFtp s : sessions) {
                    assertThat(s.send("NOOP").code()).isEqualTo(200);
                }
                assertThat(eventually(COMMAND_LOOP, 0)).as("six sessions, each waiting again").isZero();
                sessions.remove(5).close();
                sessions.remove(4).close();
                // Once the server has seen the two closes, a session that speaks waits on its thread.
                RawFtp first = sessions.get(0);
                int onThreads = 0;
                for (int i = 0; i < 50 && onThreads != 1; i++) {
                    assertThat(first.send("NOOP").code()).isEqualTo(200);
                    onThreads = eventually(READING, 1);
                }
                assertThat(onThreads).as("four sessions again: the one that spoke waits on its thread").isEqualTo(1);
            } finally {
                for (RawFtp s : sessions) {
                    s.close();
                }
            }
        }
    }

    /** Waits up to 5 s for {@code frame} to be on exactly {@code wanted} threads' stacks; returns the last count. */
    private int eventually(String frame, int wanted) throws Exception {
        int count = -1;
        for (int i = 0; i < 50 && count != wanted; i++) {
            if (i > 0) {
                Thread.sleep(100);
            }
            count = threadsIn(frame);
        }
        return count;
    }

    /** How many threads, platform or virtual, have {@code frame} on their stack. */
    private int threadsIn(String frame) throws Exception {
        Path file = dumps.resolve("threads-" + System.nanoTime() + ".json");
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
        String json = Files.readString(file);
        Files.delete(file);
        // Each thread is an object with a "stack" array of "class.method(File.java:N)" strings.
        Matcher thread = Pattern.compile("\"stack\":\\s*\\[(.*?)\\]", Pattern.DOTALL).matcher(json);
        int n = 0;
        while (thread.find()) {
            if (thread.group(1).contains("\"" + frame + "(")) {
                n++;
            }
        }
        return n;
    }
}
