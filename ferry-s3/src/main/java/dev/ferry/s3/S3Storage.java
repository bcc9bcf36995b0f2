package dev.ferry.s3;

import dev.ferry.core.user.User;
import dev.ferry.core.vfs.DiskUsage;
import dev.ferry.core.vfs.Storage;
import dev.ferry.core.vfs.UsageAccount;
import dev.ferry.core.vfs.UserFileSystem;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Users' files as objects in one S3-compatible bucket ({@code s3://bucket/prefix}): user
 * {@code alice}'s {@code /docs/a.txt} is the object {@code prefix/alice/docs/a.txt}, so several
 * nodes with the same bucket (and one PostgreSQL user store) serve the same files. Uploads are
 * spooled to a local file and stored whole when they end (one PUT, or a multipart upload when
 * large), so an object is never seen half-written. See {@link ObjectFileSystem} for what differs
 * from local homes.
 */
public final class S3Storage implements Storage, AutoCloseable {

    private final S3Client s3;
    private final String bucket;
    /** "" or "homes/": the part of each key before the user name. */
    private final String prefix;
    private final Path spool;
    private final String description;
    /** One per node: every session's store, delete and rename of a key take its lock. */
    private final KeyLocks locks = new KeyLocks();

    private final Spool claimed;

    private S3Storage(S3Client s3, String bucket, String prefix, Path spool, String description, Spool claimed) {
        this.claimed = claimed;
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.spool = spool;
        this.description = description;
    }

    /**
     * @param url       {@code s3://bucket} or {@code s3://bucket/prefix}
     * @param endpoint  a compatible store's address (MinIO, Ceph, s3proxy), path-style; empty = AWS
     * @param accessKey empty = the AWS default chain (AWS_ACCESS_KEY_ID, ~/.aws, instance roles)
     * @param spool     a local directory for uploads in progress
     * @throws IOException when the bucket cannot be reached with these credentials
     */
    public static S3Storage connect(URI url, Optional<URI> endpoint, String region, String accessKey, String secretKey, Path spool)
            throws IOException {
        if (!"s3".equals(url.getScheme()) || url.getHost() == null || url.getHost().isEmpty()) {
            throw new IllegalArgumentException("storage must look like s3://bucket or s3://bucket/prefix, not " + url);
        }
        String bucket = url.getHost();
        String path = url.getPath() == null ? "" : url.getPath().replaceAll("^/+|/+$", "");
        String prefix = path.isEmpty() ? "" : path + "/";
        AwsCredentialsProvider credentials = accessKey.isEmpty() ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
        var builder = S3Client.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                // Checksums only where S3 requires them: compatible stores do not all know the
                // trailing checksums that the SDK would otherwise add to every upload.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        endpoint.ifPresent(e -> builder.endpointOverride(e).forcePathStyle(true));
        S3Client s3 = builder.build();
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (SdkException e) {
            s3.close();
            throw new IOException("cannot reach bucket " + bucket + endpoint.map(e2 -> " at " + e2).orElse("") + ": "
                    + ObjectErrors.plain(e), e);
        }
        Spool mine = Spool.claim(spool);
        return new S3Storage(s3, bucket, prefix, mine.dir(), url + endpoint.map(e -> " at " + e).orElse(""), mine);
    }

    @Override
    public UserFileSystem open(User user, String who, UsageAccount usage) {
        return new ObjectFileSystem(s3, bucket, home(user), user.permissions(), who, usage, spool, locks);
    }

    /** "prefix/alice/": every key of the user's files starts with it. */
    String home(User user) {
        return prefix + user.name() + "/";
    }

    @Override
    public DiskUsage.Totals measure(User user) throws IOException {
        long bytes = 0;
        long files = 0;
        try {
            ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(home(user)).build();
            for (S3Object o : s3.listObjectsV2Paginator(request).contents()) {
                if (!o.key().endsWith("/")) { // a directory's marker is no file
                    bytes += o.size();
                    files++;
                }
            }
        } catch (SdkException e) {
            throw new IOException("cannot list " + home(user) + ": " + ObjectErrors.plain(e), e);
        }
        return new DiskUsage.Totals(bytes, files);
    }

    /** The bucket has no size, but every upload passes through the spool: its disk is the limit. */
    @Override
    public OptionalLong freeBytes(User user) throws IOException {
        return OptionalLong.of(Files.getFileStore(spool).getUsableSpace());
    }

    @Override
    public OptionalLong totalBytes(User user) throws IOException {
        return OptionalLong.of(Files.getFileStore(spool).getTotalSpace());
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        s3.close();
        claimed.close();
    }
}
