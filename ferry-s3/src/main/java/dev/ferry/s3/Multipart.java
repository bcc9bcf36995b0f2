package dev.ferry.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Stores a local file as an object, and copies objects: one request up to {@link #SINGLE} bytes,
 * else a multipart upload (or multipart copy: S3 takes at most 5 GiB in one PUT or COPY) of parts
 * streamed from the file, never held in memory, sized so that 10,000 parts (S3's most) hold the
 * file. A multipart upload that fails is aborted, so no half object is visible and no parts are
 * left to pay for.
 */
final class Multipart {

    static final long SINGLE = 256L * 1024 * 1024;
    private static final long MIN_PART = 64L * 1024 * 1024;
    private static final long MAX_PARTS = 10_000;

    private Multipart() {}

    static long partSize(long size) {
        return Math.max(MIN_PART, (size + MAX_PARTS - 1) / MAX_PARTS);
    }

    static void put(S3Client s3, String bucket, String key, Path file, long size) throws IOException {
        if (size <= SINGLE) {
            s3.putObject(b -> b.bucket(bucket).key(key).contentLength(size), RequestBody.fromFile(file));
            return;
        }
        long part = partSize(size);
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long at = 0; at < size; at += part, number++) {
                long n = Math.min(part, size - at);
                long from = at;
                int p = number;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(upload).partNumber(p).contentLength(n),
                        RequestBody.fromContentProvider(() -> slice(ch, from, n), n, "application/octet-stream")).eTag();
                parts.add(CompletedPart.builder().partNumber(p).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload).multipartUpload(m -> m.parts(parts)));
        } catch (IOException | RuntimeException e) {
            abort(s3, bucket, key, upload);
            throw e;
        }
    }

    /**
     * A copy within the bucket of the version {@code etag} (a copy of another fails: a part copy
     * must not mix two); above {@link #SINGLE} bytes in parts (UploadPartCopy), as S3 copies at
     * most 5 GiB at once.
     */
    static void copy(S3Client s3, String bucket, String from, String to, long size, String etag) {
        if (size <= SINGLE) {
            s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(from).destinationBucket(bucket).destinationKey(to)
                    .copySourceIfMatch(etag));
            return;
        }
        long part = partSize(size);
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key(to)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long at = 0; at < size; at += part, number++) {
                String range = "bytes=" + at + "-" + (Math.min(size, at + part) - 1);
                int p = number;
                String partTag = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey(from).destinationBucket(bucket)
                        .destinationKey(to).uploadId(upload).partNumber(p).copySourceRange(range).copySourceIfMatch(etag))
                        .copyPartResult().eTag();
                parts.add(CompletedPart.builder().partNumber(p).eTag(partTag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(to).uploadId(upload).multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException e) {
            abort(s3, bucket, to, upload);
            throw e;
        }
    }

    /** {@code n} bytes of the file from {@code from}, read as they are sent. */
    private static InputStream slice(FileChannel ch, long from, long n) {
        return new InputStream() {
            private long at = from;
            private final long end = from + n;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (at >= end) {
                    return -1;
                }
                int got = ch.read(java.nio.ByteBuffer.wrap(b, off, (int) Math.min(len, end - at)), at);
                if (got > 0) {
                    at += got;
                }
                return got;
            }
        };
    }

    private static void abort(S3Client s3, String bucket, String key, String upload) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload));
        } catch (SdkException ignored) {
            // the bucket's lifecycle rule for incomplete uploads is the last resort
        }
    }
}
