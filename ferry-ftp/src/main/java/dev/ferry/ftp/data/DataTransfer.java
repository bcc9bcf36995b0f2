package dev.ferry.ftp.data;

import dev.ferry.core.transfer.QuotaExceededException;
import dev.ferry.core.transfer.StallWatchdog;
import dev.ferry.core.transfer.StorageException;
import dev.ferry.core.transfer.TransferLog;
import dev.ferry.core.transfer.TransferProgress;
import dev.ferry.core.transfer.TransferRecord;
import dev.ferry.core.transfer.Direction;
import dev.ferry.ftp.FtpSession;
import dev.ferry.ftp.tls.DataConnectionRefused;
import dev.ferry.ftp.tls.SessionTls;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One use of the data connection (a file or a listing), run on its own virtual thread: connects,
 * runs the body, closes, and sends the closing reply (226, or 425/426/451/452/552). It can be
 * aborted from the control thread (ABOR, shutdown) or by the stall watchdog; either way the
 * closing reply says so, and the partial file stays for a later resume.
 */
public final class DataTransfer {

    private static final Logger LOG = LoggerFactory.getLogger(DataTransfer.class);

    /** What to do with the connected data channel. */
    @FunctionalInterface
    public interface Body {
        void run(ByteChannel data) throws IOException, InterruptedException;
    }

    private final FtpSession session;
    private final DataEndpoint endpoint;
    private final TransferProgress progress;
    private final boolean fileTransfer;
    private final String successText;
    private final Closeable resource;
    private final Body body;
    private final SessionTls.DataProtection protection;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean aborted;
    private volatile boolean stalled;
    private volatile SocketChannel channel;
    /** The thread running the transfer, once it runs. */
    private volatile Thread runner;
    private boolean resourceClosed;

    /**
     * @param fileTransfer true for RETR/STOR/APPE/STOU (logged and counted), false for listings
     * @param resource     closed when the transfer ends (the open file), may be null
     */
    public DataTransfer(FtpSession session, DataEndpoint endpoint, TransferProgress progress, boolean fileTransfer,
                        String successText, Closeable resource, Body body) {
        this.session = session;
        this.endpoint = endpoint;
        this.progress = progress;
        this.fileTransfer = fileTransfer;
        this.successText = successText;
        this.resource = resource;
        this.body = body;
        this.protection = session.dataProtection(fileTransfer && progress.direction() == Direction.UPLOAD);
    }

    public TransferProgress progress() {
        return progress;
    }

    public boolean isFileTransfer() {
        return fileTransfer;
    }

    /** Stops the transfer; its thread then replies 426. */
    public void abort() {
        aborted = true;
        shutdown();
    }

    /** The closing reply has been sent. */
    public boolean finished() {
        return done.getCount() == 0;
    }

    /** Waits until the closing reply has been sent. */
    public void await() throws InterruptedException {
        done.await();
    }

    /** The transfer itself; called once, on the transfer's own thread. */
    public void run() {
        runner = Thread.currentThread();
        String result = "ok";
        if (fileTransfer) {
            session.coreSession().transferStarted(progress);
        }
        try {
            try {
                channel = endpoint.connect(session.context().dataTimeout());
            } catch (IOException e) {
                result = aborted ? "aborted" : "failed: no data connection";
                reply(aborted ? 426 : 425, aborted ? "Transfer aborted." : "Can't open data connection: " + e.getMessage() + ".");
                return;
            }
            if (aborted) {
                shutdown();
                result = "aborted";
                reply(426, "Transfer aborted.");
                return;
            }
            ByteChannel data;
            // The watchdog bounds a TLS handshake as a whole: the handshake's read timeout alone
            // would let a client that sends one byte at a time hold it for ever.
            try (StallWatchdog.Watch handshake = session.context().watchdog().watch(progress, this::stall)) {
                data = protection.open(channel);
            } catch (DataConnectionRefused | IOException e) {
                if (aborted) {
                    result = "aborted";
                    reply(426, "Transfer aborted.");
                } else if (stalled) { // the watchdog closed it, whatever the handshake then threw
                    result = "stalled: TLS handshake";
                    reply(425, "TLS handshake on the data connection did not finish within "
                            + session.context().dataTimeout().toSeconds() + " seconds.");
                } else if (e instanceof DataConnectionRefused r) {
                    result = "refused: data connection security";
                    reply(r.code(), r.getMessage());
                } else {
                    result = "failed: data connection closed during TLS handshake";
                    reply(425, "Data connection closed during the TLS handshake.");
                }
                return;
            }
            try (AutoCloseable watch = session.context().watchdog().watch(progress, this::stall)) {
                body.run(data);
                data.close(); // on TLS this sends close_notify first
                finishResource(); // before 226, so the client's next command sees the finished file
                reply(226, successText);
            } catch (QuotaExceededException e) {
                result = "quota";
                reply(552, "Quota exceeded: upload stopped after " + (progress.startOffset() + progress.bytes()) + " bytes.");
            } catch (StorageException e) {
                result = "failed: storage";
                LOG.warn("storage error during transfer of {} for {}: {}", progress.path(), session.who(), e.getMessage());
                reply(e.isDiskFull() ? 452 : 451, e.isDiskFull() ? "Insufficient storage space." : "Local error: cannot store the file.");
            } catch (IOException e) {
                LOG.debug("data connection of {} for {} ended: {}", progress.path(), session.who(), e.toString());
                result = aborted ? "aborted" : stalled ? "stalled" : "failed: connection closed";
                reply(426, aborted ? "Transfer aborted."
                        : stalled ? "Data connection stalled for " + session.context().dataTimeout().toSeconds() + " seconds; transfer aborted."
                        : "Connection closed; transfer aborted.");
            } catch (InterruptedException e) {
                result = "aborted";
                reply(426, "Transfer aborted.");
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                result = "failed: " + e.getClass().getSimpleName();
                LOG.error("transfer of {} for {} failed", progress.path(), session.who(), e);
                reply(451, "Local error in processing.");
            }
        } finally {
            shutdown();
            closeResource();
            if (fileTransfer) {
                session.coreSession().transferEnded();
                TransferLog.record(new TransferRecord("ftp", session.user().map(u -> u.name()).orElse("-"),
                        session.clientAddress(), progress.path(), progress.direction(), progress.bytes(),
                        progress.elapsed(), result));
            }
            done.countDown();
        }
    }

    private void stall() {
        stalled = true;
        shutdown();
    }

    private void shutdown() {
        endpoint.close();
        SocketChannel ch = channel;
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // already broken
            }
            // A wait the JDK does not know of (a spliced upload's, SocketSplice) sees the close
            // when woken; a JDK wait takes the wake-up as spurious and finds the channel closed.
            Thread t = runner;
            if (t != null && t != Thread.currentThread()) {
                LockSupport.unpark(t);
            }
        }
    }

    /**
     * Closes the file at the end of a transfer that went well; a failure here (object storage
     * stores the upload at close, a network file system reports a lost write) is the transfer's:
     * 451, never a 226 for a file that is not there.
     */
    private void finishResource() throws StorageException {
        if (resource == null || resourceClosed) {
            return;
        }
        resourceClosed = true;
        try {
            resource.close();
        } catch (IOException e) {
            throw new StorageException(e);
        }
    }

    /** Closes the file after a transfer that failed anyway: a close error is only logged. */
    private void closeResource() {
        try {
            finishResource();
        } catch (StorageException e) {
            LOG.warn("closing {} after transfer failed: {}", progress.path(), e.getCause().toString());
        }
    }

    /**
     * Sends the closing reply, after releasing the data connection and the file: the client's
     * next command must see the file, and the quota figure, as this transfer left them.
     */
    private void reply(int code, String text) {
        shutdown();
        closeResource();
        session.transferReplying(this);
        try {
            session.reply(code, text);
        } catch (IOException e) {
            LOG.debug("could not send transfer reply: {}", e.toString());
        }
    }
}
