package dev.ferry.app.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.DirectoryHandle;
import org.apache.sshd.sftp.server.SftpSubsystem;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against an SFTP server that lies in its listings (a stock MINA server whose READDIR
 * reports one file under a name of the test's choosing): what it downloads stays under the local
 * directory it was given.
 */
class HostileSftpServerTest {

    @TempDir
    Path dir;
    private SshServer sshd;
    private volatile String reportedName;

    @BeforeEach
    void start() throws IOException {
        Path root = Files.createDirectories(dir.resolve("served"));
        Files.writeString(root.resolve("bait.txt"), "planted by the server");
        Files.writeString(root.resolve("plain.txt"), "an ordinary file");
        Files.writeString(root.resolve("escaped.txt"), "what a hostile server serves for the climbing name");
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        sshd.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolve("host.key")));
        sshd.setPasswordAuthenticator((user, password, session) -> "u".equals(user) && "p".equals(password));
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
        sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory() {
            @Override
            public Command createSubsystem(ChannelSession channel) {
                return new SftpSubsystem(channel, this) {
                    @Override
                    protected void writeDirEntry(int id, DirectoryHandle handle, Map<String, Path> entries, Buffer buffer, int index,
                                                 Path f, String shortName, LinkOption... options) throws IOException {
                        String name = shortName.equals("bait.txt") ? reportedName : shortName;
                        super.writeDirEntry(id, handle, entries, buffer, index, f, name, options);
                    }
                };
            }
        }));
        sshd.start();
    }

    @AfterEach
    void stop() throws IOException {
        sshd.stop(true);
    }

    private ClientRun mirror(Path target) {
        return ClientRun.of("mirror", "--known-hosts", dir.resolve("known_hosts").toString(),
                "sftp://u:p@127.0.0.1:" + sshd.getPort() + "/", target.toString());
    }

    @Test
    void anHonestListingIsMirrored() throws Exception {
        reportedName = "bait.txt";
        Path target = dir.resolve("a/honest");
        ClientRun r = mirror(target);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(target.resolve("bait.txt")).hasContent("planted by the server");
        assertThat(target.resolve("plain.txt")).hasContent("an ordinary file");
        assertThat(dir.resolve("a/escaped.txt")).doesNotExist();
    }

    @Test
    void aListedNameWithTerminalEscapesIsShownWithout() {
        reportedName = "red\u001b[31m\u001b]0;title\u0007.txt";
        for (String verb : new String[] {"ls", "ls -1"}) {
            String[] words = verb.split(" ");
            String[] args = java.util.Arrays.copyOf(words, words.length + 3);
            args[words.length] = "--known-hosts";
            args[words.length + 1] = dir.resolve("known_hosts").toString();
            args[words.length + 2] = "sftp://u:p@127.0.0.1:" + sshd.getPort() + "/";
            ClientRun r = ClientRun.of(args);
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).contains("red?[31m?]0;title?.txt").doesNotContain("\u001b").doesNotContain("\u0007");
        }
    }

    @Test
    void aListedNameThatClimbsOutIsRefusedAndNothingLandsOutside() throws Exception {
        for (String name : new String[] {"../escaped.txt", "sub/../../escaped.txt", "/tmp/escaped-by-ferry-test.txt"}) {
            reportedName = name;
            Path target = dir.resolve("a/mirror");
            ClientRun r = mirror(target);
            assertThat(r.exit()).as(r.toString()).isNotZero();
            assertThat(r.err()).contains("not a plain file name").contains(name);
            assertThat(dir.resolve("a/escaped.txt")).doesNotExist();
            assertThat(dir.resolve("escaped.txt")).doesNotExist();
            assertThat(Path.of("/tmp/escaped-by-ferry-test.txt")).doesNotExist();
        }
    }
}
