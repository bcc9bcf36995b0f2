package dev.ferry.app.accounts;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import org.apache.commons.net.ftp.FTPClient;

/** Small helpers over Commons Net for the accounts tests: every call reports the server's reply code. */
final class Ftp {

    private Ftp() {}

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /**
     * Uploads {@code data} and returns the final reply: 226 when stored, 550 when refused before
     * the transfer, 552 when the quota cut it off (the server may close the data connection while
     * the client is still sending, so the reply is read whatever happens to the data stream).
     */
    static int upload(FTPClient c, String name, byte[] data) throws IOException {
        OutputStream out = c.storeFileStream(name);
        if (out == null) {
            return c.getReplyCode();
        }
        try (out) {
            for (int off = 0; off < data.length; off += 64 * 1024) {
                out.write(data, off, Math.min(64 * 1024, data.length - off));
            }
        } catch (IOException closedByServer) {
            // the reply says why
        }
        c.completePendingCommand();
        return c.getReplyCode();
    }

    /** Like {@link #upload} with APPE. */
    static int append(FTPClient c, String name, byte[] data) throws IOException {
        OutputStream out = c.appendFileStream(name);
        if (out == null) {
            return c.getReplyCode();
        }
        try (out) {
            out.write(data);
        } catch (IOException closedByServer) {
            // the reply says why
        }
        c.completePendingCommand();
        return c.getReplyCode();
    }

    /** Downloads a file; returns its bytes, or null (with the reply code in the client) when refused. */
    static byte[] download(FTPClient c, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return c.retrieveFile(name, out) ? out.toByteArray() : null;
    }

    /** Downloads a file into nowhere; returns the byte count, or -1 when refused. */
    static long drain(FTPClient c, String name) throws IOException {
        InputStream in = c.retrieveFileStream(name);
        if (in == null) {
            return -1;
        }
        long n = 0;
        byte[] buf = new byte[64 * 1024];
        try (in) {
            int r;
            while ((r = in.read(buf)) > 0) {
                n += r;
            }
        }
        if (!c.completePendingCommand()) {
            return -1;
        }
        return n;
    }

    static InputStream stream(byte[] b) {
        return new ByteArrayInputStream(b);
    }
}
