package dev.ferry.core.user;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * An SSH public key that may log an account in, as one line of an OpenSSH {@code authorized_keys}
 * file ({@code TYPE BASE64 [comment]}). This class checks the line's shape (the type named in the
 * line is the one inside the key blob) and computes the fingerprint; that the key itself is a valid
 * key of its type is for the SSH front-end to check when it is added.
 *
 * @param algorithm   the key type, e.g. {@code ssh-ed25519}
 * @param keyData     the key blob, base64 as in the line
 * @param comment     free text after the key; may be empty
 * @param fingerprint {@code SHA256:} and the unpadded base64 SHA-256 of the blob, as ssh-keygen -l shows it
 * @param added       when it was added
 */
public record AuthorizedKey(String algorithm, String keyData, String comment, String fingerprint, Instant added) {

    private static final Pattern ALGORITHM = Pattern.compile("[A-Za-z0-9@._+-]{1,64}");
    private static final int MAX_LINE = 16 * 1024;

    /** Parses one authorized_keys line without options. */
    public static AuthorizedKey parse(String line, Instant added) {
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
            throw new IllegalArgumentException("no public key given (expected a line like 'ssh-ed25519 AAAA... comment')");
        }
        if (text.length() > MAX_LINE) {
            throw new IllegalArgumentException("public key line too long");
        }
        String[] parts = text.split("\\s+", 3);
        if (parts.length < 2 || !ALGORITHM.matcher(parts[0]).matches()) {
            throw new IllegalArgumentException("not an OpenSSH public key line (expected 'TYPE BASE64 [comment]';"
                    + " authorized_keys options are not supported)");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key is not valid base64");
        }
        String inner = blobType(blob);
        if (!inner.equals(parts[0])) {
            throw new IllegalArgumentException("the key says it is '" + parts[0] + "' but its data is '" + inner + "'");
        }
        String comment = parts.length > 2 ? parts[2].replaceAll("\\p{Cntrl}", "?") : "";
        return new AuthorizedKey(parts[0], Base64.getEncoder().encodeToString(blob), comment, fingerprint(blob), added);
    }

    /** The key blob's bytes. */
    public byte[] blob() {
        return Base64.getDecoder().decode(keyData);
    }

    /** The line as authorized_keys would hold it. */
    public String line() {
        return algorithm + " " + keyData + (comment.isEmpty() ? "" : " " + comment);
    }

    /** The OpenSSH SHA-256 fingerprint of a key blob. */
    public static String fingerprint(byte[] blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The type string a key blob starts with (an SSH string: uint32 length, then the bytes). */
    private static String blobType(byte[] blob) {
        ByteBuffer b = ByteBuffer.wrap(blob);
        if (b.remaining() < 4) {
            throw new IllegalArgumentException("the key data is too short");
        }
        int n = b.getInt();
        if (n <= 0 || n > 64 || n > b.remaining()) {
            throw new IllegalArgumentException("the key data is not an SSH public key");
        }
        byte[] type = new byte[n];
        b.get(type);
        return new String(type, StandardCharsets.US_ASCII);
    }
}
