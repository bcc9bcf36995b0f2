package dev.ferry.core.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every spelling folds to one canonical path under "/", and ".." never climbs above it. */
class VirtualPathTest {

    @ParameterizedTest
    @CsvSource({
        "/,               '',            /",
        "/,               a/b,           /a/b",
        "/a/b,            c,             /a/b/c",
        "/a/b,            ..,            /a",
        "/a/b,            ../..,         /",
        "/a/b,            ../../../..,   /",
        "/a/b,            /x,            /x",
        "/a,              //x//y//,      /x/y",
        "/a,              ./x/./y/.,     /a/x/y",
        "/a,              x\\..\\..\\y,  /a/x\\..\\..\\y",
        "/,               \\..\\etc,     /\\..\\etc",
        "/a,              b\\c/d,      /a/b\\c/d",
        "/,               /../../etc,    /etc",
        "/a,              '~',           /a/~",
        "/a,              ...,           /a/...",
    })
    void folding(String cwd, String input, String expected) throws Exception {
        assertThat(VirtualPath.of(cwd).resolve(input).toString()).isEqualTo(expected);
    }

    @Test
    void nulAndOverlongNamesAreRefused() {
        assertThatThrownBy(() -> VirtualPath.of("/a\0b")).isInstanceOf(VfsException.class)
                .extracting(e -> ((VfsException) e).reason()).isEqualTo(VfsException.Reason.INVALID_NAME);
        assertThatThrownBy(() -> VirtualPath.of("/" + "x".repeat(256)))
                .extracting(e -> ((VfsException) e).reason()).isEqualTo(VfsException.Reason.NAME_TOO_LONG);
        // 255 bytes of UTF-8 is the limit, counted in bytes not characters.
        assertThatThrownBy(() -> VirtualPath.of("/" + "é".repeat(128)))
                .extracting(e -> ((VfsException) e).reason()).isEqualTo(VfsException.Reason.NAME_TOO_LONG);
        assertThatThrownBy(() -> VirtualPath.of(("/" + "d".repeat(200)).repeat(25)))
                .extracting(e -> ((VfsException) e).reason()).isEqualTo(VfsException.Reason.NAME_TOO_LONG);
    }

    @Test
    void childRefusesAnythingButOneName() throws Exception {
        for (String bad : new String[] {"", ".", "..", "a/b", "a\0"}) {
            assertThatThrownBy(() -> VirtualPath.ROOT.child(bad)).isInstanceOf(VfsException.class);
        }
        assertThat(VirtualPath.ROOT.child("ok.txt").toString()).isEqualTo("/ok.txt");
        assertThat(VirtualPath.ROOT.child("a\\b").segments()).as("a backslash is part of a name").containsExactly("a\\b");
    }

    @Test
    void parentsAndPrefixes() throws Exception {
        VirtualPath p = VirtualPath.of("/a/b/c");
        assertThat(p.parent().toString()).isEqualTo("/a/b");
        assertThat(VirtualPath.ROOT.parent()).isEqualTo(VirtualPath.ROOT);
        assertThat(p.startsWith(VirtualPath.of("/a"))).isTrue();
        assertThat(VirtualPath.of("/ab").startsWith(VirtualPath.of("/a"))).isFalse();
        assertThat(p.name()).isEqualTo("c");
        assertThat(VirtualPath.ROOT.name()).isEqualTo("/");
    }
}
