package dev.ferry.s3;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * An object read as a channel: one ranged GET from the position on, opened at the first read
 * and again after a seek (a REST, an SFTP read elsewhere in the file), each for the version that
 * was there at open (If-Match on its ETag): an object replaced meanwhile fails the read rather than
 * splicing two versions. The size is the object's when it was opened.
 */
final class ObjectReader implements SeekableByteChannel {

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final long size;
    /** The version read: a ranged GET after a seek must not splice in another one. */
    private final String etag;
    private long position;
    private ResponseInputStream<GetObjectResponse> body;
    private byte[] chunk = new byte[0];
    private boolean open = true;

    ObjectReader(S3Client s3, String bucket, String key, long size, String etag, long position) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.size = size;
        this.etag = etag;
        this.position = position;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        if (position >= size) {
            return -1;
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (body == null) {
            long from = position;
            try {
                body = s3.getObject(b -> b.bucket(bucket).key(key).range("bytes=" + from + "-").ifMatch(etag));
            } catch (SdkException e) {
                if (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException s && s.statusCode() == 412) {
                    throw new IOException(key + " was replaced while it was being read");
                }
                throw new IOException("cannot read " + key + ": " + ObjectErrors.plain(e), e);
            }
        }
        int want = (int) Math.min(dst.remaining(), 256 * 1024);
        if (dst.hasArray()) {
            int n = body.read(dst.array(), dst.arrayOffset() + dst.position(), want);
            if (n < 0) {
                return endedEarly();
            }
            dst.position(dst.position() + n);
            position += n;
            return n;
        }
        if (chunk.length < want) {
            chunk = new byte[want];
        }
        int n = body.read(chunk, 0, want);
        if (n < 0) {
            return endedEarly();
        }
        dst.put(chunk, 0, n);
        position += n;
        return n;
    }

    /**
     * The body ended before the object's end: the connection broke (a replaced object fails the
     * If-Match instead). An error, never an end of file, so no truncated download is called complete.
     */
    private int endedEarly() throws IOException {
        closeBody();
        throw new IOException("the read of " + key + " ended at " + position + " of " + size + " bytes");
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position");
        }
        if (newPosition != position) {
            closeBody();
            position = newPosition;
        }
        return this;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        closeBody();
    }

    /** Drops the rest of a GET without reading it to the end. */
    private void closeBody() {
        if (body != null) {
            body.abort();
            try {
                body.close();
            } catch (IOException ignored) {
                // aborted
            }
            body = null;
        }
    }
}
