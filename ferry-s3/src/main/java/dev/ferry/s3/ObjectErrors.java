package dev.ferry.s3;

import dev.ferry.core.vfs.VfsException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** What an S3 failure means to a user: a plain reason, never the SDK's class names or request ids. */
final class ObjectErrors {

    private ObjectErrors() {}

    /** "AccessDenied (403)", "connection refused": for logs and start-up errors. */
    static String plain(SdkException e) {
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
            return s.awsErrorDetails().errorCode() + " (" + s.statusCode() + ")";
        }
        Throwable c = e;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    /** A failure the user is told about as a storage error, the cause in the server's log only. */
    static VfsException storage(String path, SdkException e) {
        return new VfsException(VfsException.Reason.IO_ERROR, path, "Storage error", e);
    }

    /** 404 of any kind: no such key. */
    static boolean notFound(SdkException e) {
        return e instanceof AwsServiceException s && s.statusCode() == 404;
    }
}
