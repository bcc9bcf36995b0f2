package dev.ferry.client.sftp;

import dev.ferry.client.remote.RemoteHash;
import dev.ferry.core.transfer.HashAlgorithm;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.sftp.client.RawSftpClient;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.impl.SftpResponse;
import org.apache.sshd.sftp.client.impl.SftpStatus;
import org.apache.sshd.sftp.common.SftpConstants;

/**
 * The server's hash of a file or of its first bytes, through the "check-file-name" extension
 * (draft-ietf-secsh-filexfer-09, 9.1.2), which Ferry's server offers (OpenSSH's does not).
 * Sent through MINA's raw client rather than its helper, because implementations disagree on the
 * reply: the draft (and Ferry's server, and paramiko) put the digest bytes bare after the
 * algorithm name, MINA's client reads each from a length-prefixed string. Both are read here.
 */
final class CheckFile {

    static final String BY_NAME = "check-file-name";
    /** Hashing a large file takes the server a while; the reply comes only when it is done. */
    static final Duration TIMEOUT = Duration.ofMinutes(30);

    private CheckFile() {}

    /** What a server that lists check-file-name (or the bare "check-file") in its VERSION can hash. */
    static Set<HashAlgorithm> offered(Map<String, byte[]> serverExtensions) {
        if (serverExtensions.containsKey(BY_NAME) || serverExtensions.containsKey("check-file")) {
            return EnumSet.of(HashAlgorithm.SHA_256, HashAlgorithm.SHA_512, HashAlgorithm.SHA_1, HashAlgorithm.MD5);
        }
        return EnumSet.noneOf(HashAlgorithm.class);
    }

    /**
     * The hash of bytes {@code 0..length-1} of {@code path} ({@code length} -1: the whole file);
     * empty when the server does not hash with {@code algorithm}, or not this file.
     */
    static Optional<RemoteHash> hash(SftpClient sftp, String path, HashAlgorithm algorithm, long length) throws IOException {
        if (!(sftp instanceof RawSftpClient raw)) {
            return Optional.empty();
        }
        if (length == 0) { // the protocol's 0 means "to the end": the empty prefix needs no server
            return Optional.of(new RemoteHash(algorithm, 0, -1, algorithm.start().hex()));
        }
        Buffer request = new ByteArrayBuffer();
        request.putString(BY_NAME);
        request.putString(path);
        request.putString(algorithm.shortName());
        request.putLong(0);
        request.putLong(length < 0 ? 0 : length);
        request.putUInt(0); // one hash over the whole range
        int id = raw.send(SftpConstants.SSH_FXP_EXTENDED, request);
        SftpResponse response = SftpResponse.parse(SftpConstants.SSH_FXP_EXTENDED, raw.receive(id, TIMEOUT));
        if (response.getType() == SftpConstants.SSH_FXP_STATUS) {
            SftpStatus status = SftpStatus.parse(response);
            if (status.getStatusCode() == SftpConstants.SSH_FX_OP_UNSUPPORTED
                    || status.getStatusCode() == SftpConstants.SSH_FX_PERMISSION_DENIED) {
                return Optional.empty();
            }
            throw new org.apache.sshd.sftp.common.SftpException(status.getStatusCode(), status.getMessage());
        }
        if (response.getType() != SftpConstants.SSH_FXP_EXTENDED_REPLY) {
            throw new IOException("unexpected reply " + response.getType() + " to check-file-name");
        }
        Buffer reply = response.getBuffer();
        String kind = reply.getString();
        String used = reply.getString();
        if (!kind.equalsIgnoreCase("check-file") || !used.equalsIgnoreCase(algorithm.shortName())) {
            return Optional.empty();
        }
        byte[] rest = new byte[reply.available()];
        reply.getRawBytes(rest);
        return digest(rest, algorithm).map(d -> new RemoteHash(algorithm, 0, length < 0 ? -1 : length - 1, d));
    }

    /** The digest in hex, whether bare (the draft) or in a length-prefixed string (MINA's server). */
    static Optional<String> digest(byte[] rest, HashAlgorithm algorithm) {
        int n = algorithm.start().hex().length() / 2;
        if (rest.length == n) {
            return Optional.of(HexFormat.of().formatHex(rest));
        }
        if (rest.length == n + 4 && ((rest[0] & 0xff) << 24 | (rest[1] & 0xff) << 16 | (rest[2] & 0xff) << 8 | rest[3] & 0xff) == n) {
            return Optional.of(HexFormat.of().formatHex(Arrays.copyOfRange(rest, 4, rest.length)));
        }
        return Optional.empty();
    }
}
