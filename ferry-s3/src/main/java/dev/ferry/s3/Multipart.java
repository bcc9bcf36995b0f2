package dev.ferry.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Stores a local file as an object: one PUT up to {@link #SINGLE_PUT} bytes, else a multipart
 * upload of {@link #PART}-byte parts (S3 takes at most 5 GiB in one PUT), aborted when a part
 * fails so that no half object is ever visible and no parts are left to pay for.
 */
final class Multipart {

    static final long SINGLE_PUT = 256L * 1024 * 1024;
    static final int PART = 64 * 1024 * 1024;

    private Multipart() {}

    static void put(S3Client s3, String bucket, String key, Path file, long size) throws IOException {
        if (size <= SINGLE_PUT) {
            s3.putObject(b -> b.bucket(bucket).key(key).contentLength(size), RequestBody.fromFile(file));
            return;
        }
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        try (InputStream in = Files.newInputStream(file)) {
            List<CompletedPart> parts = new ArrayList<>();
            byte[] buf = new byte[PART];
            for (int number = 1; ; number++) {
                int n = in.readNBytes(buf, 0, PART);
                if (n == 0) {
                    break;
                }
                int part = number;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(upload).partNumber(part).contentLength((long) n),
                        RequestBody.fromBytes(n == PART ? buf : java.util.Arrays.copyOf(buf, n))).eTag();
                parts.add(CompletedPart.builder().partNumber(part).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload).multipartUpload(m -> m.parts(parts)));
        } catch (IOException | RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload));
            } catch (SdkException ignored) {
                // the bucket's lifecycle rule for incomplete uploads is the last resort
            }
            throw e;
        }
    }
}
