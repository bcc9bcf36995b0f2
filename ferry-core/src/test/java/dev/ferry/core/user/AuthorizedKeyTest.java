package dev.ferry.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AuthorizedKeyTest {

    static final String LINE = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGX1L0bKZ8d1hF8L3xq5yF4iJ0m4Y0lC9m9xk8v7dK2c alice@laptop";

    @Test
    void parsesAnOpenSshLineAndFingerprintsItAsSshKeygenDoes() {
        AuthorizedKey k = AuthorizedKey.parse("  " + LINE + "\n", Instant.EPOCH);
        assertThat(k.algorithm()).isEqualTo("ssh-ed25519");
        assertThat(k.comment()).isEqualTo("alice@laptop");
        assertThat(k.line()).isEqualTo(LINE);
        // SHA-256 of the blob, unpadded base64: the same digest ssh-keygen -lf prints.
        assertThat(k.fingerprint()).startsWith("SHA256:").hasSize(7 + 43);
        assertThat(AuthorizedKey.fingerprint(k.blob())).isEqualTo(k.fingerprint());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "# comment", "ssh-ed25519", "ssh-ed25519 !!!notbase64",
            "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIGX1L0bKZ8d1hF8L3xq5yF4iJ0m4Y0lC9m9xk8v7dK2c",
            "from=\"10.0.0.1\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGX1L0bKZ8d1hF8L3xq5yF4iJ0m4Y0lC9m9xk8v7dK2c", "ssh-ed25519 AAAA"})
    void refusesWhatIsNotAPlainKeyLine(String line) {
        assertThatThrownBy(() -> AuthorizedKey.parse(line, Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class);
    }
}
