package dev.ferry.app.storage;

import java.net.URI;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * s3proxy on a free loopback port, in memory, for the interop script that drives real clients
 * against Ferry on object storage: {@code S3ProxyMain BUCKET ACCESS-KEY SECRET}. Prints
 * "S3 listening on PORT" and serves until killed.
 */
public final class S3ProxyMain {

    private S3ProxyMain() {}

    public static void main(String[] args) throws Exception {
        BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials(args[1], args[2]).build(BlobStoreContext.class);
        context.getBlobStore().createContainerInLocation(null, args[0]);
        S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, args[1], args[2]).build();
        proxy.start();
        for (int i = 0; i < 1000 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(10);
        }
        System.out.println("S3 listening on " + proxy.getPort());
        System.out.flush();
        Thread.currentThread().join();
    }
}
