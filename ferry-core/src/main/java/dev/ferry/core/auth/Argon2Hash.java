package dev.ferry.core.auth;

import java.security.MessageDigest;
import java.util.Arrays;


/**
 * An Argon2 hash: variant, version, cost, salt and output. Arrays are not copied defensively;
 * instances never leave this package.
 */
record Argon2Hash(Argon2Type type, int version, Argon2Params params, byte[] salt, byte[] hash)
        implements StoredHash {

    static final int VERSION_10 = 0x10;
    static final int VERSION_13 = 0x13;

    /** What we write: libargon2's CLI defaults, and RFC 9106's recommendation for salt. */
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    /** A fresh Argon2id v1.3 hash, the only kind we create. */
    static Argon2Hash create(Argon2Params params, byte[] password, byte[] salt) {
        byte[] out = derive(Argon2Type.ARGON2ID, VERSION_13, params, password, salt, HASH_BYTES);
        return new Argon2Hash(Argon2Type.ARGON2ID, VERSION_13, params, salt, out);
    }

    @Override
    public boolean matches(byte[] password) {
        byte[] candidate = derive(type, version, params, password, salt, hash.length);
        try {
            return MessageDigest.isEqual(candidate, hash);
        } finally {
            Arrays.fill(candidate, (byte) 0);
        }
    }

    /** As strong as what we would write today with {@code wanted}, so no rehash is due. */
    boolean satisfies(Argon2Params wanted) {
        return type == Argon2Type.ARGON2ID && version == VERSION_13 && params.atLeast(wanted)
                && salt.length >= SALT_BYTES && hash.length >= HASH_BYTES;
    }

    private static byte[] derive(Argon2Type type, int version, Argon2Params p, byte[] password, byte[] salt,
                                 int length) {
        return Argon2Engine.hash(type.rfcType, version, p.memoryKiB(), p.iterations(), p.parallelism(), password, salt, length);
    }

    @Override
    public String toString() {
        return "Argon2Hash[" + type.phcId + ", v=" + version + ", " + params + "]";
    }
}
