package dev.ferry.client.remote;

import dev.ferry.client.auth.Credentials;
import dev.ferry.client.ftp.FtpRemoteFileSystem;
import dev.ferry.client.sftp.SftpRemoteFileSystem;
import java.io.IOException;

/** Opens a logged-in {@link RemoteFileSystem} for a URL, whatever its protocol. */
public final class Remotes {

    private Remotes() {}

    public static RemoteFileSystem connect(RemoteUrl url, Credentials credentials, ConnectOptions options) throws IOException {
        return switch (url.protocol()) {
            case FTP, FTPS -> FtpRemoteFileSystem.connect(url, credentials, options);
            case SFTP -> SftpRemoteFileSystem.connect(url, credentials, options);
        };
    }
}
