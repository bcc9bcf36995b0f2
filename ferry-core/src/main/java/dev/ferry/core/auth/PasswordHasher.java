package dev.ferry.core.auth;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hashes new passwords with Argon2id and verifies stored hashes of every format we accept:
 * Argon2id (and Argon2i/Argon2d for imports) in PHC format, bcrypt {@code $2a$/$2b$/$2y$}, and
 * SHA-512-crypt {@code $6$}. The one place a password meets a hash.
 *
 * <p>Passwords are encoded as UTF-8, as the Argon2 CLI, htpasswd and crypt(3) on a UTF-8 system
 * all do, so imported hashes verify. The caller's {@code char[]} is not modified; wiping it is
 * the caller's business. Verification never throws and never logs a password or a hash.
 *
 * <p>Thread-safe; every call is CPU-bound and costs one hash, so callers should run it on the
 * bounded hashing pool rather than on a connection's thread.
 */
public final class PasswordHasher {

    private static final Logger log = LoggerFactory.getLogger(PasswordHasher.class);

    private final Argon2Params params;
    private final SecureRandom random;
    private final String dummy;

    public PasswordHasher(Argon2Params params) {
        this(params, new SecureRandom());
    }

    /** With a chosen randomness source, so tests can fix the salt. */
    PasswordHasher(Argon2Params params, SecureRandom random) {
        this.params = Objects.requireNonNull(params, "params");
        this.random = Objects.requireNonNull(random, "random");
        // Matches no password (its "output" is random), but has our parameters and goes through the
        // same parsing, so checking it costs what checking a freshly made hash costs.
        this.dummy = Argon2PhcCodec.encode(new Argon2Hash(Argon2Type.ARGON2ID, Argon2Hash.VERSION_13, params,
                randomBytes(Argon2Hash.SALT_BYTES), randomBytes(Argon2Hash.HASH_BYTES)));
    }

    public Argon2Params params() {
        return params;
    }

    /**
     * A new Argon2id hash of {@code password} with a fresh random salt, in PHC string format.
     *
     * @throws IllegalArgumentException if the password is longer than 1024 bytes in UTF-8 or is
     *                                  not valid UTF-16
     */
    public String hash(char[] password) {
        Objects.requireNonNull(password, "password");
        byte[] bytes = PasswordBytes.utf8(password).orElseThrow(() ->
                new IllegalArgumentException("password is longer than " + PasswordBytes.MAX_BYTES
                        + " bytes or is not valid Unicode"));
        try {
            return Argon2PhcCodec.encode(Argon2Hash.create(params, bytes, randomBytes(Argon2Hash.SALT_BYTES)));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Whether {@code password} matches {@code encoded}; false for anything malformed or unknown. */
    public boolean verify(String encoded, char[] password) {
        return StoredHash.parse(encoded).map(stored -> check(stored, password)).orElse(false);
    }

    /**
     * Does the work of one {@link #verify} of a hash made by {@link #hash}, and discards the result,
     * so that refusing an unknown user takes as long as refusing a wrong password.
     */
    public void verifyDummy(char[] password) {
        verify(dummy, password);
    }

    /** True unless {@code encoded} is Argon2id v1.3 at least as strong as our parameters. */
    public boolean needsRehash(String encoded) {
        Optional<StoredHash> stored = StoredHash.parse(encoded);
        return !(stored.isPresent() && stored.get() instanceof Argon2Hash argon2 && argon2.satisfies(params));
    }

    /**
     * Which Argon2 compression this JVM hashes with: "vector" (the JDK's vector API, where the JVM
     * has the module and 256-bit vectors) or "scalar" ({@link Argon2Compressions}).
     */
    public static String argon2Compression() {
        return Argon2Compressions.vectorised() ? "vector" : "scalar";
    }

    /** Whether {@link #verify} understands {@code encoded}: for validating imported hashes. */
    public static boolean isRecognised(String encoded) {
        return StoredHash.parse(encoded).isPresent();
    }

    private boolean check(StoredHash stored, char[] password) {
        if (password == null) {
            return false;
        }
        Optional<byte[]> bytes = PasswordBytes.utf8(password);
        if (bytes.isEmpty()) {
            return false;
        }
        try {
            return stored.matches(bytes.get());
        } catch (RuntimeException e) {
            // Parsing should have ruled this out; say what failed, not with which input.
            log.warn("password verification failed unexpectedly for a {}: {}",
                    stored.getClass().getSimpleName(), e.getClass().getName());
            return false;
        } finally {
            Arrays.fill(bytes.get(), (byte) 0);
        }
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
