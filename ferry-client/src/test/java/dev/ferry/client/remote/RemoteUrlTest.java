package dev.ferry.client.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RemoteUrlTest {

    @Test
    void parsesEveryPart() throws Exception {
        RemoteUrl u = RemoteUrl.parse("ftp://alice:s%3Acret%40x@files.example:2121/dir/a%20b.txt");
        assertThat(u.protocol()).isEqualTo(Protocol.FTP);
        assertThat(u.user()).contains("alice");
        assertThat(u.password()).contains("s:cret@x");
        assertThat(u.host()).isEqualTo("files.example");
        assertThat(u.port()).isEqualTo(2121);
        assertThat(u.path()).isEqualTo("/dir/a b.txt");
        assertThat(u.toString()).isEqualTo("ftp://alice@files.example:2121/dir/a b.txt").doesNotContain("cret");
    }

    @Test
    void defaultsPortsAndPath() throws Exception {
        assertThat(RemoteUrl.parse("sftp://h").port()).isEqualTo(22);
        assertThat(RemoteUrl.parse("ftps://h").port()).isEqualTo(21);
        assertThat(RemoteUrl.parse("ftp://h").path()).isEqualTo("/");
        assertThat(RemoteUrl.parse("ftp://h").user()).isEqualTo(Optional.empty());
        RemoteUrl v6 = RemoteUrl.parse("ftp://[::1]:2121/x");
        assertThat(v6.host()).isEqualTo("::1");
        assertThat(v6.origin()).isEqualTo("ftp://[::1]:2121");
        assertThat(RemoteUrl.parse("ftp://u@h/%C3%BC").path()).isEqualTo("/ü");
    }

    @Test
    void rejectsBadUrlsWithAClearMessage() {
        assertThatThrownBy(() -> RemoteUrl.parse("http://h/")).hasMessageContaining("unsupported scheme 'http'");
        assertThatThrownBy(() -> RemoteUrl.parse("h/x")).hasMessageContaining("not a URL");
        assertThatThrownBy(() -> RemoteUrl.parse("ftp://h:99999/")).hasMessageContaining("invalid port");
        assertThatThrownBy(() -> RemoteUrl.parse("ftp://h/a%0Ab")).hasMessageContaining("CR or LF");
        assertThatThrownBy(() -> RemoteUrl.parse("ftp://h/a%zz")).hasMessageContaining("bad %-escape").hasMessageContaining("%25");
        assertThatThrownBy(() -> RemoteUrl.parse("ftp://u:pw@/x")).hasMessageContaining("no host").hasMessageNotContaining("pw");
        assertThatThrownBy(() -> RemoteUrl.parse("ftp://h/a?b")).hasMessageContaining("%3F");
    }

    @Test
    void remotePathsNormalise() {
        assertThat(RemotePaths.resolve("/a/b", "../c/./d")).isEqualTo("/a/c/d");
        assertThat(RemotePaths.resolve("/a", "/x/")).isEqualTo("/x");
        assertThat(RemotePaths.resolve("/", "../..")).isEqualTo("/");
        assertThat(RemotePaths.name("/a/b/")).isEqualTo("b");
        assertThat(RemotePaths.parent("/a")).isEqualTo("/");
        assertThat(RemotePaths.child("/", "x")).isEqualTo("/x");
    }
}
