package dev.ferry.app.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.net.Cidr;
import dev.ferry.core.user.JdbcUserStore;
import dev.ferry.core.user.Permission;
import dev.ferry.core.user.User;
import dev.ferry.core.vfs.VirtualPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry user ...} as an administrator types it, checked against what lands in the store. */
class UserCommandTest {

    @TempDir
    Path data;

    private User stored(String name) throws Exception {
        try (JdbcUserStore s = JdbcUserStore.sqlite(data.resolve("users.db"))) {
            return s.find(name).orElseThrow();
        }
    }

    private Cli.Result ok(String stdin, String... args) {
        Cli.Result r = Cli.run(stdin, Cli.at(data, args));
        assertThat(r.code()).as(r.toString()).isZero();
        return r;
    }

    @Test
    void readingCommandsDoNotCreateAStoreAndBadFilesAreNamed() throws Exception {
        Path typo = data.resolve("typo");
        Cli.Result list = Cli.run("", Cli.at(typo, "user", "list"));
        assertThat(list.code()).as(list.toString()).isEqualTo(3);
        assertThat(list.err()).contains("no user store at " + typo.resolve("users.db"));
        assertThat(typo).doesNotExist();
        ok("a-long-secret\n", "user", "add", "reader", "--password-stdin");
        Cli.Result dir = Cli.run("", Cli.at(data, "user", "import", data.toString()));
        assertThat(dir.err()).as(dir.toString()).contains("is a directory, not an accounts file");
        Cli.Result missing = Cli.run("", Cli.at(data, "user", "import", data.resolve("none.json").toString()));
        assertThat(missing.err()).as(missing.toString()).contains("no such file: " + data.resolve("none.json"));
        Path latin1 = Files.write(data.resolve("latin1.txt"), new byte[] {'b', 'o', 'b', ':', (byte) 0xe9, '\n'});
        Cli.Result notUtf8 = Cli.run("", Cli.at(data, "user", "import", "--format", "passwd", latin1.toString()));
        assertThat(notUtf8.err()).as(notUtf8.toString()).contains("not UTF-8 text");
    }

    @Test
    void withObjectStorageTheAccountsFilesAreShownUnderTheBucketAndNoLocalHomeIsMade() throws Exception {
        Path yaml = Files.writeString(data.resolve("ferry.yaml"), "storage: s3://files/homes/\n");
        Cli.Result add = ok("a-long-secret\n", "user", "add", "bucketed", "--password-stdin", "--config", yaml.toString());
        assertThat(add.out()).contains("created user 'bucketed' with files under s3://files/homes/bucketed/");
        assertThat(data.resolve("home/bucketed")).doesNotExist();
        assertThat(ok("", "user", "show", "bucketed", "--config", yaml.toString()).out()).contains("s3://files/homes/bucketed/");
        assertThat(ok("", "user", "list", "--config", yaml.toString()).out()).contains("bucketed\ts3://files/homes/bucketed/");
    }

    @Test
    void twoAnswersForTheBasePermissionsAreRefused() throws Exception {
        Cli.Result r = Cli.run("a-long-secret\n", Cli.at(data, "user", "add", "both", "--password-stdin", "--read-only", "--perm", "/=all"));
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("both set the base permissions");
        ok("a-long-secret\n", "user", "add", "one", "--password-stdin", "--perm", "/=list,download");
        assertThat(stored("one").permissions().base()).containsExactlyInAnyOrder(Permission.LIST, Permission.DOWNLOAD);
    }

    @Test
    void keysAreAddedAllOrNothing() throws Exception {
        String first = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINLJf4DobDiw5jL0BybhQbkG1fUN84/qmMpDA+nJriNW alice@laptop";
        String second = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINp39T1Az6DlsspU1l7PVxtU2n68PQzVA2IDyCGIiKIw second";
        ok("a-long-secret\n", "user", "add", "keyed", "--password-stdin");
        ok(first + "\n", "user", "key", "add", "keyed");
        Cli.Result again = Cli.run(second + "\n" + first + "\n", Cli.at(data, "user", "key", "add", "keyed"));
        assertThat(again.code()).as(again.toString()).isEqualTo(2);
        assertThat(again.err()).contains("already has the key").contains("nothing added");
        assertThat(ok("", "user", "key", "list", "keyed").out()).contains("alice@laptop").doesNotContain("second");
        ok(second + "\n", "user", "key", "add", "keyed");
        assertThat(ok("", "user", "key", "list", "keyed").out()).contains("alice@laptop").contains("second");
    }

    @Test
    void wholeNumbersAreAsciiDigits() throws Exception {
        ok("a-long-secret\n", "user", "add", "digits", "--password-stdin");
        Cli.Result r = Cli.run("", Cli.at(data, "user", "set", "digits", "--max-sessions", "\u0661\u0662\u0663"));
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(stored("digits").limits().maxSessions()).isZero();
        ok("", "user", "set", "digits", "--max-sessions", "123");
        assertThat(stored("digits").limits().maxSessions()).isEqualTo(123);
    }

    @Test
    void anAccountWhoseHomeCannotBeMadeIsNotCreated() throws Exception {
        Path file = Files.writeString(data.resolve("a-file"), "not a directory");
        Cli.Result r = Cli.run("a-long-secret\n", Cli.at(data, "user", "add", "homeless", "--password-stdin", "--home", file.toString()));
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("cannot make the home " + file).contains("exists and is not a directory");
        assertThat(ok("", "user", "list").out()).doesNotContain("homeless");
    }

    @Test
    void addSetsEveryFlagNamedForWhatItSets() throws Exception {
        Cli.Result r = ok("a-long-secret\n", "user", "add", "alice", "--password-stdin", "--read-only", "--perm", "/incoming=upload",
                "--perm", "/pub/mirror=list,download,rename", "--quota-bytes", "2GiB", "--quota-files", "1000", "--up-rate", "512KiB/s",
                "--down-rate", "1MiB/s", "--max-sessions", "3", "--allow", "10.0.0.0/8", "--allow", "192.0.2.0/24", "--deny", "10.1.1.1",
                "--expires", "2030-12-31");
        assertThat(r.out()).contains("created user 'alice' with home " + data.resolve("home/alice"));
        assertThat(Files.isDirectory(data.resolve("home/alice"))).isTrue();
        User u = stored("alice");
        assertThat(u.passwordHash()).startsWith("$argon2id$");
        assertThat(u.permissions().base()).containsExactlyInAnyOrder(Permission.LIST, Permission.DOWNLOAD);
        assertThat(u.permissions().at(VirtualPath.of("/incoming/x"))).containsExactly(Permission.UPLOAD);
        assertThat(u.permissions().at(VirtualPath.of("/pub/mirror"))).containsExactlyInAnyOrder(Permission.LIST, Permission.DOWNLOAD, Permission.RENAME);
        assertThat(u.limits().quotaBytes()).isEqualTo(2L << 30);
        assertThat(u.limits().quotaFiles()).isEqualTo(1000);
        assertThat(u.limits().upRate()).isEqualTo(512 * 1024);
        assertThat(u.limits().downRate()).isEqualTo(1 << 20);
        assertThat(u.limits().maxSessions()).isEqualTo(3);
        assertThat(u.limits().allow()).containsExactly(Cidr.parse("10.0.0.0/8"), Cidr.parse("192.0.2.0/24"));
        assertThat(u.limits().deny()).containsExactly(Cidr.parse("10.1.1.1"));
        assertThat(u.expires()).contains(Instant.parse("2031-01-01T00:00:00Z"));
        assertThat(u.disabled()).isFalse();

        Cli.Result show = ok("", "user", "show", "alice");
        assertThat(show.out()).contains("permissions:   list,download").contains("  /incoming:   upload")
                .contains("quota:         2.0 GiB, 1000 files").contains("usage:         unknown (measured at the next login)")
                .contains("upload rate:   512 KiB/s").contains("download rate: 1.0 MiB/s").contains("max sessions:  3")
                .contains("allow:         10.0.0.0/8, 192.0.2.0/24").contains("expires:       2031-01-01T00:00:00Z (works through 2030-12-31 UTC)")
                .contains("password hash: argon2id");
        assertThat(ok("", "user", "list").out()).startsWith("alice\t" + data.resolve("home/alice") + "\tquota 2.0 GiB, 1000 files, read-only");
    }

    @Test
    void setChangesOnlyWhatIsGiven() throws Exception {
        ok("a-long-secret\n", "user", "add", "bob", "--password-stdin", "--quota-bytes", "1GiB", "--allow", "10.0.0.0/8");
        String hash = stored("bob").passwordHash();
        ok("", "user", "set", "bob", "--write-only", "--down-rate", "2MiB/s", "--disabled", "--expires", "2029-06-30T12:00:00Z");
        User u = stored("bob");
        assertThat(u.passwordHash()).isEqualTo(hash);
        assertThat(u.permissions().base()).containsExactly(Permission.UPLOAD);
        assertThat(u.limits().quotaBytes()).as("kept").isEqualTo(1L << 30);
        assertThat(u.limits().allow()).as("kept").hasSize(1);
        assertThat(u.limits().downRate()).isEqualTo(2 << 20);
        assertThat(u.disabled()).isTrue();
        assertThat(u.expires()).contains(Instant.parse("2029-06-30T12:00:00Z"));

        ok("", "user", "set", "bob", "--enabled", "--perm", "/=all", "--allow", "none", "--quota-bytes", "0", "--expires", "never",
                "--perm", "/x=read-only");
        u = stored("bob");
        assertThat(u.disabled()).isFalse();
        assertThat(u.permissions().base()).isEqualTo(EnumSet.allOf(Permission.class));
        assertThat(u.limits().allow()).isEmpty();
        assertThat(u.limits().quotaBytes()).isZero();
        assertThat(u.expires()).isEmpty();
        ok("", "user", "set", "bob", "--perm", "/x=inherit");
        assertThat(stored("bob").permissions().overrides()).isEmpty();
    }

    @Test
    void passwdDelAndRecount() throws Exception {
        ok("a-long-secret\n", "user", "add", "carol", "--password-stdin", "--quota-bytes", "1GiB");
        String hash = stored("carol").passwordHash();
        ok("another-secret\n", "user", "passwd", "carol", "--password-stdin");
        assertThat(stored("carol").passwordHash()).isNotEqualTo(hash).startsWith("$argon2id$");
        try (JdbcUserStore s = JdbcUserStore.sqlite(data.resolve("users.db"))) {
            s.initUsage("carol", new dev.ferry.core.user.UserStore.Usage(5, 1));
        }
        assertThat(ok("", "user", "show", "carol").out()).contains("usage:         5 B (5 bytes) in 1 files");
        ok("", "user", "set", "carol", "--recount-usage");
        assertThat(ok("", "user", "show", "carol").out()).contains("unknown (measured at the next login)");
        assertThat(ok("", "user", "del", "carol").out()).contains("deleted user 'carol' (home directory kept)");
        assertThat(Files.isDirectory(data.resolve("home/carol"))).isTrue();
    }

    @Test
    void mistakesGetAClearMessageAndTheirOwnExitCode() throws Exception {
        ok("a-long-secret\n", "user", "add", "dave", "--password-stdin");
        record Case(int code, String message, String stdin, List<String> args) {}
        List<Case> cases = List.of(
                new Case(2, "already exists", "a-long-secret\n", List.of("user", "add", "dave", "--password-stdin")),
                new Case(2, "invalid user name", "a-long-secret\n", List.of("user", "add", "bad/name", "--password-stdin")),
                new Case(2, "--read-only and --write-only exclude each other", "a-long-secret\n",
                        List.of("user", "add", "eve", "--password-stdin", "--read-only", "--write-only")),
                new Case(2, "--quota-bytes: not a size", "", List.of("user", "set", "dave", "--quota-bytes", "lots")),
                new Case(2, "--up-rate: not a rate", "", List.of("user", "set", "dave", "--up-rate", "fast")),
                new Case(2, "--allow: not an IP address or CIDR block", "", List.of("user", "set", "dave", "--allow", "example.com")),
                new Case(2, "--allow: an empty entry (give 'none' alone for no restriction)", "",
                        List.of("user", "set", "dave", "--allow", "")),
                new Case(2, "--allow: an empty entry", "", List.of("user", "set", "dave", "--allow", "10.0.0.0/8,,192.0.2.1")),
                new Case(2, "--deny: 'none' stands alone", "", List.of("user", "set", "dave", "--deny", "none,10.0.0.0/8")),
                new Case(2, "--allow 10.1.0.0/16 lies wholly inside --deny 10.0.0.0/8: no address of it could log in", "",
                        List.of("user", "set", "dave", "--allow", "192.0.2.0/24,10.1.0.0/16", "--deny", "10.0.0.0/8")),
                new Case(2, "--allow 10.0.0.0/8 lies wholly inside --deny 10.0.0.0/8", "a-long-secret\n",
                        List.of("user", "add", "frank", "--password-stdin", "--allow", "10.0.0.0/8", "--deny", "10.0.0.0/8")),
                new Case(2, "--deny covers every address: no one could log in (use --disabled for that)", "",
                        List.of("user", "set", "dave", "--deny", "0.0.0.0/0,::/0")),
                new Case(2, "--expires: not a date", "", List.of("user", "set", "dave", "--expires", "tomorrow")),
                new Case(2, "unknown permission 'fly'", "", List.of("user", "set", "dave", "--perm", "/=fly")),
                new Case(2, "--perm wants PATH=PERMS", "", List.of("user", "set", "dave", "--perm", "upload")),
                new Case(2, "nothing to change", "", List.of("user", "set", "dave")),
                new Case(2, "password too short", "short\n", List.of("user", "passwd", "dave", "--password-stdin")),
                new Case(2, "the password holds a control character", "long-enough\tsecret\n",
                        List.of("user", "passwd", "dave", "--password-stdin")),
                new Case(2, "the password holds a control character", "long-enough\0secret\n",
                        List.of("user", "add", "nul", "--password-stdin")),
                new Case(3, "no user 'ghost'", "", List.of("user", "show", "ghost")),
                new Case(3, "no user 'ghost'", "", List.of("user", "set", "ghost", "--disabled")),
                new Case(3, "no user 'ghost'", "", List.of("user", "del", "ghost")),
                new Case(2, "give one or more addresses, or --all", "", List.of("ban", "del")));
        for (Case c : cases) {
            Cli.Result r = Cli.run(c.stdin(), Cli.at(data, c.args().toArray(String[]::new)));
            assertThat(r.code()).as(c.args() + "\n" + r).isEqualTo(c.code());
            assertThat(r.err()).as(c.args().toString()).contains(c.message()).doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(stored("dave").limits()).as("nothing half-applied").isEqualTo(dev.ferry.core.user.UserLimits.NONE);
        byte[] latin1 = {'p', 'a', 's', 's', 'w', 'o', 'r', 'd', (byte) 0xe9, '\n'};
        Cli.Result notUtf8 = Cli.run(latin1, Cli.at(data, "user", "passwd", "dave", "--password-stdin"));
        assertThat(notUtf8.code()).as(notUtf8.toString()).isEqualTo(2);
        assertThat(notUtf8.err()).contains("the password on standard input is not UTF-8 text");
    }

    @Test
    void overlappingRulesThatStillAdmitSomeoneAreKept() throws Exception {
        ok("a-long-secret\n", "user", "add", "gina", "--password-stdin", "--allow", "10.0.0.0/8", "--deny", "10.1.0.0/16");
        assertThat(stored("gina").limits().deny()).containsExactly(Cidr.parse("10.1.0.0/16"));
        ok("", "user", "set", "gina", "--deny", "0.0.0.0/0", "--allow", "::1");
        assertThat(stored("gina").limits().allow()).containsExactly(Cidr.parse("::1"));
    }

    @Test
    void unreadableRowsAreNamedAndTheRestStillListed() throws Exception {
        for (String n : List.of("ann", "ben", "cat")) {
            ok("a-long-secret\n", "user", "add", n, "--password-stdin");
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("users.db"));
             java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE users SET allow_cidrs = 'garbage' WHERE name = 'ann'");
            st.executeUpdate("UPDATE users SET permissions = 'fly' WHERE name = 'cat'");
        }
        Cli.Result list = Cli.run("", Cli.at(data, "user", "list"));
        assertThat(list.code()).as(list.toString()).isEqualTo(69);
        assertThat(list.out()).contains("ben\t").doesNotContain("ann").doesNotContain("cat");
        assertThat(list.err()).contains("user 'ann' cannot be read: corrupt settings: not an IP address or CIDR block: 'garbage'")
                .contains("user 'cat' cannot be read: corrupt settings: unknown permission 'fly'").contains("ferry user del ann")
                .doesNotContain("\tat ");
        Cli.Result export = Cli.run("", Cli.at(data, "user", "export"));
        assertThat(export.code()).as("a backup that leaves accounts out is refused").isEqualTo(69);
        assertThat(export.out()).isEmpty();
        assertThat(export.err()).contains("corrupt settings for users 'ann': not an IP address", "; 'cat': unknown permission 'fly'");
        ok("", "user", "del", "ann");
        ok("", "user", "del", "cat");
        assertThat(ok("", "user", "list").out()).startsWith("ben\t");
    }

    @Test
    void aStoreUpgradedByANewerFerryIsUsedAndSaidSo() throws Exception {
        ok("a-long-secret\n", "user", "add", "dan", "--password-stdin");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("users.db"));
             java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE ferry_schema SET version = 99");
            st.executeUpdate("ALTER TABLE users ADD COLUMN from_the_future TEXT");
        }
        Cli.Result list = ok("", "user", "list");
        assertThat(list.out()).startsWith("dan\t");
        assertThat(list.err()).contains("the user store's schema is version 99, newer than this Ferry's");
        ok("a-long-secret\n", "user", "add", "eli", "--password-stdin");
        assertThat(stored("eli").name()).isEqualTo("eli");
    }

    @Test
    void anAccountWrittenAlreadyExpiredIsPointedOut() throws Exception {
        Cli.Result added = ok("a-long-secret\n", "user", "add", "hal", "--password-stdin", "--expires", "2020-01-31");
        assertThat(added.err()).contains("note: the account expired at 2020-02-01T00:00:00Z (works through 2020-01-31 UTC) and cannot log in");
        assertThat(stored("hal").expires()).contains(Instant.parse("2020-02-01T00:00:00Z"));
        Cli.Result later = ok("", "user", "set", "hal", "--expires", "2999-12-31");
        assertThat(later.err()).doesNotContain("note:");
        Cli.Result now = ok("", "user", "set", "hal", "--expires", "2021-06-30T12:00:00Z");
        assertThat(now.err()).contains("note: the account expired at 2021-06-30T12:00:00Z and cannot log in");
    }
}
