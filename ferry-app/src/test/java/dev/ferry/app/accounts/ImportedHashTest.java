package dev.ferry.app.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.testing.TestServer;
import dev.ferry.core.user.User;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hashes from other FTP servers' account files are imported with {@code ferry user import}, log
 * in over FTP, and are re-hashed to Argon2id at that first login.
 */
class ImportedHashTest {

    /** Made by {@code htpasswd -nbB -C 5 bob bcrypt-pass-1} (apache2-utils). */
    static final String HTPASSWD_BCRYPT = "$2y$05$hrJ7iIfZEtq9k3uqZoLz9eB2AeOOcFeEGeT4vasmKTw1WA9O6FM/q";
    /** Openwall's crypt_blowfish test vector: "U*U". */
    static final String OPENWALL_BCRYPT = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";
    /** Made by python3's crypt.crypt('sha512-pass-1', crypt.mksalt(crypt.METHOD_SHA512)). */
    static final String PYTHON_SHA512 = "$6$4rNxyBEcxHzt6duc$AfYNEQ.3IjPYUPBL92M2FqZmmU89Qz.X.TmMMAA5muMhnUnD68UacMPoXgW1TrKbRs4dWmx814QkUIng/g4kU1";
    /** The same with an explicit rounds= field: crypt.crypt('sha512-pass-2', '$6$rounds=5000$abcdefgh'). */
    static final String PYTHON_SHA512_ROUNDS = "$6$rounds=5000$abcdefgh$1RLaEghfIfy654EyyuRHhWdEil/3chcBZuD7/gAwECLxXYA9kDLs5LfGoVQgh4bjgblll8UWCReqqqEQfjUT61";

    @TempDir
    Path data;

    private static String json(String... nameHash) {
        StringBuilder b = new StringBuilder("{\"ferry-users\": 1, \"users\": [");
        for (int i = 0; i < nameHash.length; i += 2) {
            b.append(i == 0 ? "" : ",").append("{\"name\": \"").append(nameHash[i]).append("\", \"password-hash\": \"")
                    .append(nameHash[i + 1]).append("\"}");
        }
        return b.append("]}").toString();
    }

    /** Imports, logs in, and checks the stored hash was upgraded and still accepts the password. */
    private static void loginUpgrades(TestServer server, String user, String password) throws Exception {
        String before = server.users().find(user).orElseThrow().passwordHash();
        assertThat(before).doesNotStartWith("$argon2id$");
        FTPClient c = server.login(user, password);
        assertThat(c.listNames()).isNotNull();
        c.disconnect();
        String after = server.users().find(user).orElseThrow().passwordHash();
        assertThat(after).as("re-hashed at the first login").startsWith("$argon2id$");
        server.login(user, password).disconnect();
        FTPClient wrong = server.connect();
        assertThat(wrong.login(user, password + "x")).isFalse();
        wrong.disconnect();
    }

    @Test
    void bcryptAndSha512CryptHashesFromRealToolsImportAndLogIn() throws Exception {
        try (TestServer server = TestServer.start(data)) {
            Path file = data.resolve("accounts.json");
            Files.writeString(file, json("bob", HTPASSWD_BCRYPT, "openwall", OPENWALL_BCRYPT, "sha", PYTHON_SHA512,
                    "rounds", PYTHON_SHA512_ROUNDS));
            Cli.Result r = Cli.run(Cli.at(data, "user", "import", file.toString()));
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out()).contains("imported 4 account(s): 4 created").contains("4 account(s) have older hashes");
            assertThat(Cli.run(Cli.at(data, "user", "show", "bob")).out()).contains("bcrypt (re-hashed to argon2id at the next login)");

            loginUpgrades(server, "bob", "bcrypt-pass-1");
            loginUpgrades(server, "openwall", "U*U");
            loginUpgrades(server, "sha", "sha512-pass-1");
            loginUpgrades(server, "rounds", "sha512-pass-2");
            assertThat(Cli.run(Cli.at(data, "user", "show", "bob")).out()).contains("password hash: argon2id");
        }
    }

    /** Fresh hashes made now by htpasswd and by python3's crypt, in the passwd-line format those setups use. */
    @Test
    void freshHashesFromHtpasswdAndCryptImportAsPasswdLines() throws Exception {
        Path htpasswd = Tools.require("/usr/bin/htpasswd");
        Path python = Tools.require("/usr/bin/python3");
        String bcryptLine = Tools.run(List.of(htpasswd.toString(), "-nbB", "-C", "6", "hta", "fresh-bcrypt-1")).strip();
        String sha = Tools.run(List.of(python.toString(), "-W", "ignore", "-c",
                "import crypt; print(crypt.crypt('fresh-sha-1', crypt.mksalt(crypt.METHOD_SHA512)))")).strip();
        Path home = data.resolve("srv/shauser");
        Files.createDirectories(home);
        try (TestServer server = TestServer.start(data)) {
            Path file = data.resolve("passwd");
            // htpasswd's name:hash, and a proftpd/pure-ftpd style line with uid, gid, gecos and home (pure-ftpd's "/./" chroot mark).
            Files.writeString(file, "# migrated\n" + bcryptLine + "\nshauser:" + sha + ":1001:1001:Sha User:" + home + "/./:/bin/false\n");
            Cli.Result dry = Cli.run(Cli.at(data, "user", "import", "--format", "passwd", "--dry-run", file.toString()));
            assertThat(dry.out()).as(dry.toString()).contains("would import 2 account(s): 2 created");
            assertThat(server.users().find("hta")).isEmpty();
            Cli.Result r = Cli.run(Cli.at(data, "user", "import", "--format", "passwd", file.toString()));
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(server.users().find("shauser").orElseThrow().home()).contains(home.toString());
            loginUpgrades(server, "hta", "fresh-bcrypt-1");
            loginUpgrades(server, "shauser", "fresh-sha-1");
        }
    }

    @Test
    void anImportIsCheckedWholeBeforeAnythingIsWritten() throws Exception {
        try (TestServer server = TestServer.start(data)) {
            server.addUser("taken", "taken-pass-1");
            Path bad = data.resolve("bad.json");
            Files.writeString(bad, json("fine", PYTHON_SHA512, "broken", "$1$md5$isnotaccepted"));
            Cli.Result r = Cli.run(Cli.at(data, "user", "import", bad.toString()));
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("user 'broken': password hash not recognised");
            assertThat(server.users().find("fine")).as("nothing imported").isEmpty();

            Path clash = data.resolve("clash.json");
            Files.writeString(clash, json("fresh", PYTHON_SHA512, "taken", HTPASSWD_BCRYPT));
            Cli.Result c = Cli.run(Cli.at(data, "user", "import", clash.toString()));
            assertThat(c.code()).isEqualTo(2);
            assertThat(c.err()).contains("already exist: taken");
            assertThat(server.users().find("fresh")).isEmpty();
            Cli.Result skip = Cli.run(Cli.at(data, "user", "import", "--skip-existing", clash.toString()));
            assertThat(skip.out()).as(skip.toString()).contains("1 created, 0 replaced, 1 skipped");
            Cli.Result replace = Cli.run(Cli.at(data, "user", "import", "--replace", clash.toString()));
            assertThat(replace.out()).as(replace.toString()).contains("0 created, 2 replaced");
            assertThat(server.users().find("taken").orElseThrow().passwordHash()).isEqualTo(HTPASSWD_BCRYPT);
        }
    }

    @Test
    void exportThenImportElsewhereGivesTheSameAccounts() throws Exception {
        Path other = data.resolve("other");
        try (TestServer server = TestServer.start(data.resolve("first"))) {
            Path first = data.resolve("first");
            Cli.Result add = Cli.run("long-secret-1\n", Cli.at(first, "user", "add", "alice", "--password-stdin", "--write-only",
                    "--perm", "/pub=read-only", "--quota-bytes", "5GiB", "--quota-files", "900", "--up-rate", "1MiB/s",
                    "--down-rate", "2MiB/s", "--max-sessions", "4", "--allow", "10.0.0.0/8,192.0.2.0/24", "--deny", "10.9.9.9",
                    "--expires", "2031-05-01", "--disabled"));
            assertThat(add.code()).as(add.toString()).isZero();
            String key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINLJf4DobDiw5jL0BybhQbkG1fUN84/qmMpDA+nJriNW alice@laptop";
            Cli.Result keyAdd = Cli.run(key + "\n", Cli.at(first, "user", "key", "add", "alice"));
            assertThat(keyAdd.code()).as(keyAdd.toString()).isZero();
            Path export = data.resolve("export.json");
            Cli.Result ex = Cli.run(Cli.at(first, "user", "export", "-o", export.toString()));
            assertThat(ex.code()).as(ex.toString()).isZero();
            assertThat(Files.getPosixFilePermissions(export)).extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
            Cli.Result toStdout = Cli.run(Cli.at(first, "user", "export", "-o", "-"));
            assertThat(toStdout.out()).as("'-' is standard output").isEqualTo(Files.readString(export));
            assertThat(Path.of("-")).as("no file named -").doesNotExist();
            Cli.Result im = Cli.run(Cli.at(other, "user", "import", export.toString()));
            assertThat(im.code()).as(im.toString()).isZero();
            List<User> original = server.users().list();
            try (TestServer second = TestServer.start(other)) {
                assertThat(second.users().list()).as("every setting and hash, the first-start account included").isEqualTo(original);
                assertThat(second.users().keys("alice")).extracting(k -> k.line()).as("SSH keys travel too").containsExactly(key);
                assertThat(second.console()).as("no first-start account when accounts exist").doesNotContain("First start");
            }
        }
    }
}
