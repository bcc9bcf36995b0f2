package dev.ferry.client.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.client.remote.RemoteUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetrcTest {

    static final String NETRC = """
            # comment line
            machine files.example login alice password "two words"
            machine files.example login bob password bobpw
            macdef init
            cd /pub
            bin

            default login anonymous password guest@
            """;

    @Test
    void findsTheMachineThenTheUserThenTheDefault() {
        Netrc n = Netrc.parse(NETRC);
        assertThat(n.find("files.example", Optional.empty()).flatMap(Netrc.Entry::password)).contains("two words");
        assertThat(n.find("FILES.example", Optional.of("bob")).flatMap(Netrc.Entry::password)).contains("bobpw");
        assertThat(n.find("other", Optional.empty()).flatMap(Netrc.Entry::login)).contains("anonymous");
        assertThat(n.find("files.example", Optional.of("carol")).flatMap(Netrc.Entry::machine)).isEmpty();
    }

    @Test
    void resolverOrder(@TempDir Path dir) throws Exception {
        Path netrc = dir.resolve("netrc");
        Files.writeString(netrc, NETRC);
        CredentialResolver.Prompt noTty = q -> Optional.empty();
        RemoteUrl url = RemoteUrl.parse("ftp://files.example/x");
        Credentials fromNetrc = new CredentialResolver(Optional.empty(), Map.of(), Optional.of(netrc), noTty).resolve(url);
        assertThat(fromNetrc.user()).isEqualTo("alice");
        assertThat(new String(fromNetrc.password().orElseThrow())).isEqualTo("two words");

        Credentials fromEnv = new CredentialResolver(Optional.empty(), Map.of("FERRY_PASSWORD", "envpw"), Optional.of(netrc), noTty)
                .resolve(RemoteUrl.parse("ftp://bob@files.example/"));
        assertThat(new String(fromEnv.password().orElseThrow())).isEqualTo("envpw");

        Credentials fromStdin = new CredentialResolver(Optional.of("stdinpw".toCharArray()), Map.of("FERRY_PASSWORD", "envpw"),
                Optional.empty(), noTty).resolve(RemoteUrl.parse("ftp://bob@h/"));
        assertThat(new String(fromStdin.password().orElseThrow())).isEqualTo("stdinpw");

        Credentials fromUrl = new CredentialResolver(Optional.of("stdinpw".toCharArray()), Map.of(), Optional.empty(), noTty)
                .resolve(RemoteUrl.parse("ftp://bob:urlpw@h/"));
        assertThat(new String(fromUrl.password().orElseThrow())).isEqualTo("urlpw");

        Credentials prompted = new CredentialResolver(Optional.empty(), Map.of(), Optional.empty(), q -> Optional.of("typed".toCharArray()))
                .resolve(RemoteUrl.parse("ftp://bob@h/"));
        assertThat(prompted.source()).isEqualTo("the prompt");

        Credentials anonymous = new CredentialResolver(Optional.empty(), Map.of(), Optional.empty(), noTty)
                .resolve(RemoteUrl.parse("ftp://h/"));
        assertThat(anonymous.user()).isEqualTo("anonymous");
    }

    @Test
    void aNamedUserWithoutAnyPasswordOffATerminalIsRefusedClearly() throws Exception {
        var r = new CredentialResolver(Optional.empty(), Map.of(), Optional.empty(), q -> Optional.empty());
        try {
            r.resolve(RemoteUrl.parse("ftp://bob@h/"));
            throw new AssertionError("expected Missing");
        } catch (CredentialResolver.Missing e) {
            assertThat(e.getMessage()).contains("no password for bob@h").contains("--password-stdin");
        }
    }
}
