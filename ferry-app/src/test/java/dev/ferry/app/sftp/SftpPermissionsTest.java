package dev.ferry.app.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.user.Permission;
import dev.ferry.core.user.Permissions;
import dev.ferry.core.user.User;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The account's permissions hold over SFTP exactly as over FTP: the vfs checks them, not the front-end. */
class SftpPermissionsTest extends SftpServerTest {

    static Path readerHome;
    static Path dropHome;

    @BeforeAll
    static void accounts() throws Exception {
        readerHome = server.addUser("reader", "reader-password-1", u -> withPermissions(u, Permissions.READ_ONLY));
        Files.writeString(readerHome.resolve("doc.txt"), "read me");
        Files.createDirectories(readerHome.resolve("folder"));
        dropHome = server.addUser("drop", "drop-password-1",
                u -> withPermissions(u, new Permissions(EnumSet.of(Permission.UPLOAD), java.util.Map.of())));
        Files.writeString(dropHome.resolve("stored.bin"), "0123456789");
    }

    static User withPermissions(User u, Permissions p) {
        return new User(u.name(), u.passwordHash(), u.home(), p, u.limits(), u.disabled(), u.expires());
    }

    static void denied(Executable e) {
        assertThatThrownBy(e::execute).isInstanceOf(SftpException.class)
                .satisfies(x -> assertThat(((SftpException) x).getStatus()).isEqualTo(SftpConstants.SSH_FX_PERMISSION_DENIED));
    }

    @Test
    void readOnlyUserReadsAndListsButChangesNothing() throws Exception {
        try (SftpClient c = ssh.sftp("reader", "reader-password-1")) {
            try (InputStream in = c.read("doc.txt")) {
                assertThat(new String(in.readAllBytes())).isEqualTo("read me");
            }
            assertThat(c.readDir("/")).extracting(SftpClient.DirEntry::getFilename).contains("doc.txt", "folder");
            denied(() -> c.open("new.txt", OpenMode.Write, OpenMode.Create, OpenMode.Truncate));
            denied(() -> c.open("doc.txt", OpenMode.Write));
            denied(() -> c.remove("doc.txt"));
            denied(() -> c.rename("doc.txt", "other.txt"));
            denied(() -> c.mkdir("newdir"));
            denied(() -> c.rmdir("folder"));
            SftpClient.Attributes a = new SftpClient.Attributes();
            a.setModifyTime(java.nio.file.attribute.FileTime.fromMillis(0));
            a.setAccessTime(java.nio.file.attribute.FileTime.fromMillis(0));
            denied(() -> c.setStat("doc.txt", a));
        }
        assertThat(Files.readString(readerHome.resolve("doc.txt"))).isEqualTo("read me");
        assertThat(readerHome.resolve("new.txt")).doesNotExist();
        assertThat(readerHome.resolve("folder")).isDirectory();
    }

    @Test
    void dropBoxUserUploadsAndResumesButNeverRewritesOrReads() throws Exception {
        try (SftpClient c = ssh.sftp("drop", "drop-password-1")) {
            try (OutputStream out = c.write("fresh.bin")) {
                out.write("new file".getBytes());
            }
            assertThat(Files.readString(dropHome.resolve("fresh.bin"))).isEqualTo("new file");
            // Resume: opening without TRUNC is allowed, writing on from the end works...
            try (CloseableHandle h = c.open("stored.bin", OpenMode.Write)) {
                c.write(h, 10, "ABC".getBytes());
                // ...but not rewriting what is stored.
                denied(() -> c.write(h, 0, "xx".getBytes()));
            }
            assertThat(Files.readString(dropHome.resolve("stored.bin"))).isEqualTo("0123456789ABC");
            // Nor cutting it, through a handle opened to append or by its path.
            SftpClient.Attributes empty = new SftpClient.Attributes();
            empty.setSize(0);
            try (CloseableHandle h = c.open("stored.bin", OpenMode.Write, OpenMode.Append)) {
                denied(() -> c.setStat(h, empty));
            }
            try (CloseableHandle h = c.open("stored.bin", OpenMode.Write)) {
                denied(() -> c.setStat(h, empty));
            }
            denied(() -> c.setStat("stored.bin", empty));
            denied(() -> c.open("stored.bin", EnumSet.of(OpenMode.Write, OpenMode.Create, OpenMode.Truncate)));
            denied(() -> c.open("stored.bin", OpenMode.Read));
            denied(() -> c.openDir("/"));
            denied(() -> c.remove("stored.bin"));
        }
        assertThat(Files.readString(dropHome.resolve("stored.bin"))).isEqualTo("0123456789ABC");
    }

    @Test
    void aDropBoxUploadGetsTheModeItsOpenAsksForThoughItMayNotChmod() throws Exception {
        try (SftpClient c = ssh.sftp("drop", "drop-password-1")) {
            SftpFileOperationsTest.openWithMode(c, "secret.key", 0600);
        }
        assertThat(SftpFileOperationsTest.modeBits(dropHome.resolve("secret.key"))).isEqualTo(0600);
    }

    @Test
    void checksumCommandNeedsTheDownloadPermission() throws Exception {
        try (var s = ssh.password("drop", "drop-password-1")) {
            var r = dev.ferry.app.testing.SshClients.exec(s, "sha256sum stored.bin");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("sha256sum: stored.bin: Permission denied\n");
            assertThat(r.out()).isEmpty();
        }
    }
}
