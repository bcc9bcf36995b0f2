package dev.ferry.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class UserJsonTest {

    @Test
    void everySettingSurvivesExportAndImport() throws Exception {
        List<User> users = List.of(UserStoreContract.fullUser("alice"), User.withDefaults("bob", "$2y$05$abcdefghijklmnopqrstuu5Ac8tWWcnE2PqNQyYnMZyybXy4YwF1C"));
        String json = UserJson.write(users);
        assertThat(json).contains("\"ferry-users\" : 1").contains("\"password-hash\"").doesNotContain("password\" :");
        assertThat(UserJson.read(json)).isEqualTo(users);
    }

    @Test
    void tlsRulesSurviveExportAndImport() throws Exception {
        User strict = User.withDefaults("tina", "$6$salt$x").withTls(new UserTls(
                java.util.Optional.of(dev.ferry.core.tls.TlsPolicy.parse("all")),
                java.util.Optional.of(dev.ferry.core.tls.TlsReuse.parse("optional")),
                dev.ferry.core.tls.ClientCertLogin.parse("cert-and-password")));
        String json = UserJson.write(List.of(strict));
        assertThat(json).contains("\"tls-policy\" : \"all\"").contains("\"tls-client-cert\" : \"cert-and-password\"");
        assertThat(UserJson.read(json)).containsExactly(strict);
        assertThat(UserJson.read("{\"users\": [{\"name\": \"a\", \"password-hash\": \"h\"}]}").get(0).tls())
                .isEqualTo(UserTls.INHERIT);
    }

    @Test
    void handWrittenFilesMayUseSizesAndOmitDefaults() throws Exception {
        List<User> users = UserJson.read("""
                {"users": [{"name": "carol", "password-hash": "$6$salt$x", "quota-bytes": "10GiB",
                            "down-rate": "1MiB/s", "allow": "10.0.0.0/8", "directory-permissions": {"/pub": "read-only"}}]}
                """);
        User c = users.get(0);
        assertThat(c.limits().quotaBytes()).isEqualTo(10L << 30);
        assertThat(c.limits().downRate()).isEqualTo(1 << 20);
        assertThat(c.limits().allow()).hasSize(1);
        assertThat(c.permissions().base()).isEqualTo(Permissions.ALL.base());
        assertThat(c.permissions().overrides()).hasSize(1);
        assertThat(c.disabled()).isFalse();
    }

    @Test
    void mistakesAreReportedWithTheirPlace() {
        assertThatThrownBy(() -> UserJson.read("{\"users\": [{\"name\": \"a\", \"password-hash\": \"h\", \"quota\": 5}]}"))
                .hasMessageContaining("user #1: unknown key 'quota'");
        assertThatThrownBy(() -> UserJson.read("{\"users\": [{\"name\": \"a\"}]}")).hasMessageContaining("user 'a': no \"password-hash\"");
        assertThatThrownBy(() -> UserJson.read("{\"users\": [{\"name\": \"a\", \"password-hash\": \"h\", \"permissions\": \"fly\"}]}"))
                .hasMessageContaining("unknown permission 'fly'");
        assertThatThrownBy(() -> UserJson.read("[1,2]")).hasMessageContaining("not a Ferry accounts document");
        assertThatThrownBy(() -> UserJson.read("{")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> UserJson.read("{\"users\": [{\"name\": \"a\", \"password-hash\": \"h\", \"quota-bytes\": 18446744073709551617}]}"))
                .as("2^64 + 1 is not read as 1").hasMessageContaining("out of range: 18446744073709551617");
        assertThatThrownBy(() -> UserJson.read("{\"users\": []} {\"users\": []}")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> UserJson.read("{\"users\": [{\"name\": \"a\", \"name\": \"b\", \"password-hash\": \"h\"}]}"))
                .hasMessageContaining("not JSON").hasMessageContaining("name");
        assertThatThrownBy(() -> UserJson.read("[".repeat(100_000))).hasMessageContaining("not JSON").hasMessageNotContaining("null");
        assertThatThrownBy(() -> UserJson.read("{\"users\": [{\"name\": \"a\", \"password-hash\": \"h\", \"ssh-keys\": [\"ssh-rsa junk\"]}]}"))
                .hasMessageContaining("user 'a': ssh key");
        assertThatThrownBy(() -> UserJson.read("{\"users\": [{\"name\": \"a\", \"password-hash\": \"h\", \"home\": \"rel/x\"}]}"))
                .hasMessageContaining("absolute path");
        assertThatThrownBy(() -> UserJson.read("{\"users\": [{\"name\": \"a\", \"password-hash\": \"h\", \"home\": \"/a\\nb\"}]}"))
                .hasMessageContaining("control characters");
        assertThatThrownBy(() -> UserJson.read("{\"ferry-users\": 99, \"users\": []}")).hasMessageContaining("newer");
    }
}
