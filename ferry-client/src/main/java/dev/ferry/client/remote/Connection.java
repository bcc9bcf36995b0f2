package dev.ferry.client.remote;

import dev.ferry.client.auth.Credentials;
import java.io.IOException;

/**
 * A connection that can be made again: transfers call {@link #reconnect} after a dropped
 * connection and resume where they were. Keeps the credentials for that until closed.
 */
public final class Connection implements AutoCloseable {

    private final RemoteUrl url;
    private final Credentials credentials;
    private final ConnectOptions options;
    private RemoteFileSystem current;

    public Connection(RemoteUrl url, Credentials credentials, ConnectOptions options) {
        this.url = url;
        this.credentials = credentials;
        this.options = options;
    }

    /** The same server and login, another connection (mirror's parallel workers). */
    public Connection sibling() {
        return new Connection(url, credentials, options);
    }

    public RemoteUrl url() {
        return url;
    }

    /** The open connection, connecting first if there is none. */
    public synchronized RemoteFileSystem get() throws IOException {
        if (current == null) {
            current = Remotes.connect(url, credentials, options);
        }
        return current;
    }

    /** Drops the current connection (after a failure) and opens a new one. */
    public synchronized RemoteFileSystem reconnect() throws IOException {
        drop();
        return get();
    }

    /** Forgets the current connection; the next {@link #get} connects again. */
    public synchronized void drop() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    @Override
    public synchronized void close() {
        drop();
    }
}
