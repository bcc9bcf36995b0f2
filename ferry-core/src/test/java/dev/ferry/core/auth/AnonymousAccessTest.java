package dev.ferry.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.user.Permission;
import dev.ferry.core.vfs.VirtualPath;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnonymousAccessTest {

    @Test
    void readOnlyEverywhereAndUploadOnlyInTheUploadDirectory() throws Exception {
        AnonymousAccess a = new AnonymousAccess(Path.of("/srv/mirror"), Optional.of("incoming"));
        assertThat(a.matches("anonymous")).isTrue();
        assertThat(a.matches("FTP")).isTrue();
        assertThat(a.matches("alice")).isFalse();
        var perms = a.user().permissions();
        assertThat(perms.at(VirtualPath.of("/pub/file"))).containsExactlyInAnyOrder(Permission.LIST, Permission.DOWNLOAD);
        assertThat(perms.at(VirtualPath.of("/incoming/x"))).containsExactly(Permission.UPLOAD);
        assertThat(a.user().home()).contains("/srv/mirror");
        assertThat(a.user().name()).isEqualTo("anonymous");
    }

    @Test
    void withoutAnUploadDirectoryNothingIsWritable() throws Exception {
        AnonymousAccess a = new AnonymousAccess(Path.of("/srv/mirror"), Optional.empty());
        assertThat(a.user().permissions().overrides()).isEmpty();
        assertThat(a.user().permissions().base()).doesNotContain(Permission.UPLOAD, Permission.DELETE, Permission.RENAME,
                Permission.MKDIR, Permission.RMDIR, Permission.OVERWRITE, Permission.SET_TIME);
    }
}
