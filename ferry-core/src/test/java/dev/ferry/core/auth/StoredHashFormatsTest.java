package dev.ferry.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Known answers from the reference implementations: the argon2 CLI (libargon2), glibc/libxcrypt
 * crypt(3) for {@code $6$} and {@code $2b$}, and Drepper's SHA-crypt specification.
 */
class StoredHashFormatsTest {

    private final PasswordHasher hasher = new PasswordHasher(new Argon2Params(1024, 1, 1));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // echo -n password | argon2 somesalt -id -t 2 -m 16 -p 4 -e
        "password|$argon2id$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$GpZ3sK/oH9p7VIiV56G/64Zo/8GaUw434IimaPqxwCo",
        // echo -n 'correct horse' | argon2 saltsaltsalt -id -t 3 -k 4096 -p 1 -e
        "correct horse|$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHRzYWx0$3mvEPlZKJ/Y2GNQzO96fxdGRhbZUuT1HiBRDNhGvfmk",
        // Drepper's specification, tests 1 and 2
        "Hello world!|$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1",
        "Hello world!|$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.",
        // crypt_blowfish's test vector, and one from libxcrypt's crypt(3)
        "U*U|$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
        "correct horse|$2b$04$abcdefghijklmnopqrstuujydOTSfIH/d5oUHpsygqV5X9xJLQc6e",
    })
    void referenceHashesVerify(String password, String encoded) {
        assertThat(PasswordHasher.isRecognised(encoded)).isTrue();
        assertThat(hasher.verify(encoded, password.toCharArray())).isTrue();
        assertThat(hasher.verify(encoded, (password + "x").toCharArray())).isFalse();
        assertThat(hasher.verify(encoded, new char[0])).isFalse();
    }

    @Test
    void bcrypt2yVerifiesLike2b() {
        String b = "$2b$04$abcdefghijklmnopqrstuujydOTSfIH/d5oUHpsygqV5X9xJLQc6e";
        assertThat(hasher.verify("$2y$" + b.substring(4), "correct horse".toCharArray())).isTrue();
    }

    @Test
    void newHashesAreArgon2idWithAFreshSaltAndVerify() {
        String a = hasher.hash("s3cret pässword".toCharArray());
        String b = hasher.hash("s3cret pässword".toCharArray());
        assertThat(a).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
        assertThat(a).isNotEqualTo(b);
        assertThat(hasher.verify(a, "s3cret pässword".toCharArray())).isTrue();
        assertThat(hasher.verify(a, "s3cret password".toCharArray())).isFalse();
        assertThat(hasher.needsRehash(a)).isFalse();
    }

    @Test
    void importedAndWeakerHashesNeedARehash() {
        assertThat(hasher.needsRehash("$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1")).isTrue();
        assertThat(hasher.needsRehash("$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW")).isTrue();
        PasswordHasher stronger = new PasswordHasher(new Argon2Params(2048, 2, 1));
        assertThat(stronger.needsRehash(hasher.hash("x".toCharArray()))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "plaintext", "$1$saltsalt$abcdefghijklmnopqrstuv", "$argon2id$v=19$m=65536,t=2,p=4$c29tZXNhbHQ",
        "$argon2id$v=19$m=065536,t=2,p=4$c29tZXNhbHQ$GpZ3sK/oH9p7VIiV56G/64Zo/8GaUw434IimaPqxwCo",
        "$argon2id$v=19$m=999999999,t=2,p=4$c29tZXNhbHQ$GpZ3sK/oH9p7VIiV56G/64Zo/8GaUw434IimaPqxwCo",
        "$6$rounds=0100$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1",
        "$2x$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
        "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOe",
    })
    void malformedOrUnsupportedHashesNeverMatch(String encoded) {
        assertThat(PasswordHasher.isRecognised(encoded)).isFalse();
        assertThat(hasher.verify(encoded, "password".toCharArray())).isFalse();
    }

    @Test
    void overlongPasswordsAreRefusedNotHashedForever() {
        char[] huge = "a".repeat(5000).toCharArray();
        assertThat(hasher.verify(hasher.hash("a".toCharArray()), huge)).isFalse();
    }
}
