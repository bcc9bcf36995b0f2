package dev.ferry.ftp.listing;

import static dev.ferry.core.user.Permission.DELETE;
import static dev.ferry.core.user.Permission.OVERWRITE;
import static dev.ferry.core.user.Permission.RMDIR;
import static dev.ferry.core.user.Permission.UPLOAD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.user.Permission;
import dev.ferry.core.vfs.FileType;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MlsxPermTest {

    static String file(Set<Permission> p) {
        return MlsxPerm.of(FileType.FILE, p);
    }

    static String dir(Set<Permission> p) {
        return MlsxPerm.of(FileType.DIRECTORY, p);
    }

    @Test
    void readOnly() {
        Set<Permission> p = Permission.parseSet("read-only");
        assertThat(file(p)).isEqualTo("r");
        assertThat(dir(p)).isEqualTo("el");
    }

    @Test
    void writeOnlyDropBoxMayAppendAndCreateButNotReplace() {
        Set<Permission> p = Permission.parseSet("write-only");
        assertThat(file(p)).isEqualTo("a");
        assertThat(dir(p)).isEqualTo("ce");
    }

    @Test
    void everything() {
        Set<Permission> p = Permission.parseSet("all");
        assertThat(file(p)).isEqualTo("adfrw");
        assertThat(dir(p)).isEqualTo("cdeflmp");
        assertThat(MlsxPerm.of(FileType.OTHER, p)).isEqualTo("df");
    }

    @Test
    void nothingStillLetsTheClientEnterADirectory() {
        Set<Permission> p = EnumSet.noneOf(Permission.class);
        assertThat(file(p)).isEmpty();
        assertThat(dir(p)).isEqualTo("e");
        assertThat(MlsxPerm.of(FileType.OTHER, p)).isEmpty();
    }

    @Test
    void storingOverAFileNeedsUploadAndOverwrite() {
        assertThat(file(EnumSet.of(OVERWRITE))).isEmpty();
        assertThat(file(EnumSet.of(UPLOAD, OVERWRITE))).isEqualTo("aw");
    }

    @Test
    void deletingFilesAndRemovingDirectoriesAreSeparate() {
        assertThat(file(EnumSet.of(DELETE))).isEqualTo("d");
        assertThat(file(EnumSet.of(RMDIR))).isEmpty();
        assertThat(dir(EnumSet.of(DELETE))).isEqualTo("ep");
        assertThat(dir(EnumSet.of(RMDIR))).isEqualTo("de");
    }
}
