package dev.ferry.core.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The file hashes of the FTP HASH command (draft-bryan-ftpext-hash), under their IANA names. The
 * server computes them over a user's file and the client over its local copy, so both sides use
 * this one definition of each algorithm and of its hex form.
 */
public enum HashAlgorithm {
    SHA_256("SHA-256", "SHA-256"),
    SHA_512("SHA-512", "SHA-512"),
    SHA_1("SHA-1", "SHA-1"),
    MD5("MD5", "MD5"),
    CRC32("CRC32", null);

    private final String ianaName;
    private final String jdkName;

    HashAlgorithm(String ianaName, String jdkName) {
        this.ianaName = ianaName;
        this.jdkName = jdkName;
    }

    /** The name on the wire: "SHA-256", "CRC32". */
    public String ianaName() {
        return ianaName;
    }

    /** The lower-case short form people type and read: "sha256", "crc32". */
    public String shortName() {
        return ianaName.replace("-", "").toLowerCase(Locale.ROOT);
    }

    /** Accepts the wire name or the short form, in any case ("SHA-256", "sha256"). */
    public static Optional<HashAlgorithm> byName(String name) {
        String n = name.trim().replace("-", "").toUpperCase(Locale.ROOT);
        for (HashAlgorithm a : values()) {
            if (a.ianaName.replace("-", "").equals(n)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** A fresh running hash. */
    public Hasher start() {
        if (jdkName == null) {
            CRC32 crc = new CRC32();
            return new Hasher() {
                @Override
                public void update(ByteBuffer bytes) {
                    crc.update(bytes);
                }

                @Override
                public String hex() {
                    return String.format(Locale.ROOT, "%08x", crc.getValue());
                }
            };
        }
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(jdkName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + jdkName, e);
        }
        return new Hasher() {
            @Override
            public void update(ByteBuffer bytes) {
                md.update(bytes);
            }

            @Override
            public String hex() {
                return HexFormat.of().formatHex(md.digest());
            }
        };
    }

    /** Hashes at most {@code limit} bytes of a channel (from its current position); returns the hex digest. */
    public String hash(ReadableByteChannel in, long limit) throws IOException {
        Hasher h = start();
        ByteBuffer buf = ByteBuffer.allocate(256 * 1024);
        long left = limit;
        while (left > 0) {
            buf.clear();
            if (left < buf.capacity()) {
                buf.limit((int) left);
            }
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            buf.flip();
            h.update(buf);
            left -= n;
        }
        return h.hex();
    }

    /** Hashes a whole stream. */
    public String hash(InputStream in) throws IOException {
        Hasher h = start();
        byte[] buf = new byte[256 * 1024];
        int n;
        while ((n = in.read(buf)) > 0) {
            h.update(ByteBuffer.wrap(buf, 0, n));
        }
        return h.hex();
    }

    /** A hash being computed. */
    public interface Hasher {
        void update(ByteBuffer bytes);

        /** The digest in lower-case hex; call once. */
        String hex();
    }
}
