package dev.ferry.ftp;

import dev.ferry.core.session.Session;
import dev.ferry.core.session.UserContext;
import dev.ferry.core.transfer.Direction;
import dev.ferry.core.transfer.Throttle;
import dev.ferry.core.session.SessionRegistry;
import dev.ferry.core.user.User;
import dev.ferry.core.vfs.UserFileSystem;
import dev.ferry.core.transfer.StallWatchdog;
import dev.ferry.core.vfs.VfsException;
import dev.ferry.core.vfs.VirtualPath;
import dev.ferry.ftp.command.CommandSpec;
import dev.ferry.ftp.control.CommandLineReader;
import dev.ferry.ftp.control.IdleParking;
import dev.ferry.ftp.control.ReplyWriter;
import dev.ferry.ftp.data.DataEndpoint;
import dev.ferry.ftp.data.DataTransfer;
import dev.ferry.ftp.listing.MlstFactSelection;
import dev.ferry.ftp.tls.SessionTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One FTP control connection, run on its own virtual thread: reads commands, checks them against
 * the command table, and calls their handlers. Holds the session's protocol state (login, current
 * directory, transfer parameters). A transfer runs on a second virtual thread so that ABOR and STAT
 * can be answered while it runs; any other command waits for it to finish, which keeps replies in
 * order. A plain-FTP session with nothing to do waits for its next command in the server's
 * {@link IdleParking}, with no thread, and goes on on a new one when the command arrives.
 */
public final class FtpSession implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(FtpSession.class);
    private static final Logger SECURITY = LoggerFactory.getLogger("ferry.security");
    /** How long a closing session waits for its last reply (a 421) to be written before it closes anyway. */
    private static final java.time.Duration LAST_REPLY_WAIT = java.time.Duration.ofSeconds(2);

    private final FtpContext ctx;
    private final Socket socket;
    private InetAddress localAddress;
    private Session session;
    private volatile ReplyWriter replies;
    private CommandLineReader reader;
    private volatile boolean closing;
    /** The control connection is in its TLS handshake: nothing may be written to it in the clear. */
    private volatile boolean handshaking;
    private boolean freshThreadWanted;
    private final StallWatchdog idle;
    private StallWatchdog.Watch idleWatch;
    /** Where the session waits for a command without a thread; null when it never may (implicit TLS). */
    private final IdleParking.Spot parking;
    /** The control connection is TLS: its bytes pass through the SSLSocket's buffers, so it stays on its thread. */
    private boolean controlTls;
    /** This thread was started because the parked connection became readable: it reads before it parks again. */
    private boolean woken;
    /** System.nanoTime() of the last command (or the end of the last transfer), for the idle timeout. */
    private volatile long lastActivity = System.nanoTime();

    // FTPS: TLS on the control connection (AUTH TLS, or from the start on the implicit port)
    private final boolean implicitTls;
    private final SessionTls tls;

    // login
    private String pendingUser;
    private UserContext account;
    private int failedLogins;

    // navigation and transfer parameters
    private VirtualPath cwd = VirtualPath.ROOT;
    private boolean binary = true;
    private long restOffset;
    private VirtualPath renameFrom;
    private DataEndpoint dataEndpoint;
    private boolean epsvAll;
    private MlstFactSelection mlstFacts = MlstFactSelection.all();
    /** The transfer in progress, until its closing reply. */
    private volatile DataTransfer transfer;
    /** The last transfer started: commands that wait for a transfer wait for its closing reply. */
    private volatile DataTransfer lastTransfer;
    /** What command families keep per session (HASH's algorithm and range...); forgotten at REIN. */
    private final java.util.Map<Class<?>, Object> familyState = new java.util.HashMap<>();

    /**
     * @param implicitTls the connection starts with a TLS handshake (implicit FTPS, port 990 style)
     * @param idle        what ends the connection when the client stays silent for the idle timeout
     * @param parking     where the session waits for commands with no thread of its own; null for never
     */
    public FtpSession(FtpContext ctx, SocketChannel channel, boolean implicitTls, StallWatchdog idle, IdleParking.Spot parking) {
        this.ctx = ctx;
        this.socket = channel.socket();
        this.implicitTls = implicitTls;
        this.idle = idle;
        this.parking = parking;
        this.tls = new SessionTls(ctx.tls());
    }

    @Override
    public void run() {
        if (open()) {
            resume();
        }
    }

    /** Admits the connection and greets it; false (the session ended) when refused or failed. */
    private boolean open() {
        SessionRegistry registry = ctx.sessions();
        boolean open = false;
        try {
            socket.setTcpNoDelay(true);
            socket.setOOBInline(true); // the urgent byte of IAC DM (before ABOR) arrives inline
            // No read timeout: the idle watchdog looks for silence (a timed read costs a scheduler timer per command).
            replies = new ReplyWriter(socket.getOutputStream());
            reader = new CommandLineReader(socket.getInputStream(), FtpContext.MAX_LINE_BYTES);
            switch (registry.open("ftp", socket.getInetAddress(), this::closeNow)) {
                case SessionRegistry.Admission.Refused r -> {
                    // On the implicit-TLS port a refused (banned, over-limit) client is closed
                    // before any handshake: a clear-text 421 would be noise to it, and the
                    // handshake is the costly part a flood would aim at.
                    if (implicitTls) {
                        LOG.debug("refused implicit-TLS connection from {}: {}", socket.getInetAddress().getHostAddress(), r.reason());
                    } else {
                        replies.reply(421, r.reason() + ".");
                    }
                    return false;
                }
                case SessionRegistry.Admission.Admitted a -> session = a.session();
            }
            if (ctx.idleTimeout().isPositive()) {
                // A long transfer keeps the control connection quiet, legitimately.
                idleWatch = idle.watch(() -> lastActivity, () -> transfer != null, () -> closeWith(421,
                        "Idle timeout (" + ctx.idleTimeout().toSeconds() + " seconds): closing control connection."));
            }
            if (implicitTls) {
                startTls();
                // Implicit FTPS predates PBSZ/PROT: its clients expect private data connections
                // from the start, as with AUTH SSL. PROT C still clears them for a client that asks.
                tls.setPbsz();
                tls.setProtectData(true);
            }
            replies.reply(220, "Ferry FTP server ready.");
            open = true;
        } catch (IOException | RuntimeException e) {
            ended(e);
        } finally {
            if (!open) {
                end();
            }
        }
        return open;
    }

    /** How a session that threw ended: logged by kind, never shown to the client. */
    private void ended(Exception e) {
        switch (e) {
            case IOException io -> LOG.debug("control connection ended: {}", io.toString());
            case InterruptedException ie -> Thread.currentThread().interrupt();
            default -> LOG.error("session {} failed", session == null ? socket.getInetAddress() : session.who(), e);
        }
    }

    /**
     * Asks the session to go on on a new virtual thread once the current command is done. A
     * virtual thread keeps the stack chunk of its deepest park for life, and the login's (inside
     * the password check) is about twice the depth of the idle wait for the next command: an idle
     * session held some 2-3 KB of stack it would never use again. The new thread starts shallow.
     */
    public void continueOnFreshThread() {
        freshThreadWanted = true;
    }

    /** A parked connection became readable: the command loop goes on, on this new thread. */
    private void woken() {
        woken = true;
        resume();
    }

    /** How a turn of the command loop on one thread ends. */
    private enum Next { END, FRESH_THREAD, PARKED }

    /** The command loop until the session ends; true when it goes on on a new thread instead (or parked). */
    private boolean serve() throws IOException, InterruptedException {
        switch (commandLoop()) {
            case FRESH_THREAD -> {
                Thread.ofVirtual().start(this::resume);
                return true;
            }
            case PARKED -> {
                return true;
            }
            case END -> {
                tls.close(); // close_notify before the TCP close, when the session ends normally
                return false;
            }
        }
        throw new AssertionError();
    }

    /**
     * The command loop on this thread, and on new ones as it asks (see {@link #continueOnFreshThread})
     * or as a parked session's next command arrives.
     */
    private void resume() {
        boolean continued = false;
        try {
            continued = serve();
        } catch (IOException | InterruptedException | RuntimeException e) {
            ended(e);
        } finally {
            if (!continued) {
                end();
            }
        }
    }

    private void end() {
        if (idleWatch != null) {
            idleWatch.close();
        }
        DataTransfer t = transfer;
        if (t != null) {
            t.abort();
        }
        closeDataEndpoint();
        if (session != null) {
            ctx.sessions().close(session);
        }
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing the control connection: {}", e.toString());
        }
    }

    /** Runs commands until the session ends, asks for a fresh thread, or parks. */
    private Next commandLoop() throws IOException, InterruptedException {
        while (!closing) {
            if (mayPark()) {
                reader.release();
                if (parking.park(this::woken)) {
                    return Next.PARKED;
                }
            }
            woken = false;
            CommandLineReader.Result r = reader.next();
            lastActivity = System.nanoTime();
            switch (r) {
                case CommandLineReader.EndOfStream e -> {
                    return Next.END;
                }
                case CommandLineReader.TooLong t -> {
                    forgetPendingArguments();
                    replies.reply(500, "Command line too long.");
                }
                case CommandLineReader.NotUtf8 n -> {
                    forgetPendingArguments();
                    replies.reply(501, "Command line is not valid UTF-8: file names here are UTF-8 (RFC 2640).");
                }
                case CommandLineReader.Line line -> dispatch(line.text());
            }
            if (freshThreadWanted) {
                freshThreadWanted = false;
                if (!closing) {
                    return Next.FRESH_THREAD;
                }
            }
        }
        return Next.END;
    }

    /**
     * The wait for the next command may be a parked one: plain FTP, enough sessions open that their
     * threads' memory counts (a parked wait costs a command some microseconds more than the JDK's
     * own, the selector's round trips), nothing already read that is waiting to be parsed, and no
     * transfer that could still write its closing reply (a parked connection is in non-blocking
     * mode, and only its own thread or a reclaim may write to it).
     */
    private boolean mayPark() {
        if (woken || parking == null || controlTls || reader.hasBufferedInput() || ctx.sessions().count() < ctx.parkingFrom()) {
            return false;
        }
        DataTransfer t = lastTransfer;
        return t == null || t.finished();
    }

    /**
     * Commands between REST and the transfer it restarts that keep the offset: setting up the data
     * connection and its type (clients send REST before or after PASV, TYPE, PROT), and NOOP.
     * RFC 959 4.1.3 and RFC 3659 5 want the transfer command right after REST; any other command
     * (a listing, SIZE, CWD...) drops the offset, so that a later RETR does not start mid-file.
     */
    private static final java.util.Set<String> KEEP_REST = java.util.Set.of("REST", "RETR", "STOR", "APPE", "STOU",
            "PASV", "EPSV", "PORT", "EPRT", "TYPE", "MODE", "STRU", "ALLO", "PBSZ", "PROT", "NOOP", "RANG");

    /** A line that is not a command (too long, not UTF-8) still ends a pending RNFR and REST. */
    private void forgetPendingArguments() {
        renameFrom = null;
        restOffset = 0;
    }

    private void dispatch(String line) throws IOException, InterruptedException {
        int sp = line.indexOf(' ');
        String verb = (sp < 0 ? line : line.substring(0, sp)).trim().toUpperCase(Locale.ROOT);
        String arg = sp < 0 ? "" : line.substring(sp + 1);
        // RFC 959: RNTO must immediately follow RNFR. Any other line, and an RNTO refused before
        // it runs (no argument), ends the pending rename; only an RNTO that runs gets the name.
        VirtualPath pendingRename = renameFrom;
        renameFrom = null;
        if (!KEEP_REST.contains(verb)) {
            restOffset = 0;
        }
        if (verb.isEmpty()) {
            replies.reply(500, "Empty command.");
            return;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} <- {} {}", who(), printable(verb), verb.equals("PASS") ? "****" : printable(arg));
        }
        Optional<CommandSpec> found = ctx.commands().find(verb);
        if (found.isEmpty()) {
            replies.reply(500, "Unknown command '" + printable(verb) + "'.");
            return;
        }
        CommandSpec spec = found.get();
        if (!spec.duringTransfer()) {
            awaitTransfer();
        }
        if (!spec.implemented()) {
            replies.reply(502, verb + " not implemented.");
            return;
        }
        if (spec.needsLogin() && account == null) {
            replies.reply(530, "Please log in with USER and PASS first.");
            return;
        }
        if (spec.argument() == CommandSpec.Argument.REQUIRED && arg.isBlank()) {
            replies.reply(501, "Syntax error: " + verb + " needs an argument (" + spec.syntax() + ").");
            return;
        }
        if (spec.argument() == CommandSpec.Argument.NONE && !arg.isBlank()) {
            replies.reply(501, "Syntax error: " + verb + " takes no argument.");
            return;
        }
        if (verb.equals("RNTO")) {
            renameFrom = pendingRename;
        }
        try {
            spec.handler().handle(this, arg);
        } catch (VfsException e) {
            replyError(e);
        } catch (RuntimeException e) {
            // A defect of ours, not the client's: logged whole here, a plain 451 there, and the
            // session goes on (one bad command must not cost the client its login and its place).
            LOG.error("{} {} failed for {}", verb, verb.equals("PASS") ? "****" : printable(arg), who(), e);
            replies.reply(451, "Requested action aborted: local error in processing.");
        }
    }

    // --- replies -------------------------------------------------------------------------------

    public void reply(int code, String text) throws IOException {
        replies.reply(code, text);
    }

    public void reply(int code, String first, List<String> body, String last) throws IOException {
        replies.reply(code, first, body, last);
    }

    /** The reply for a file-system failure; the message names only the virtual path. */
    public void replyError(VfsException e) throws IOException {
        if (e.reason() == VfsException.Reason.INVALID_NAME || e.reason() == VfsException.Reason.NAME_TOO_LONG) {
            SECURITY.warn("refused path from {}: {} ({})", who(), printable(e.virtualPath()), e.getMessage());
        }
        int code = switch (e.reason()) {
            case QUOTA_EXCEEDED -> 552;
            case INVALID_OFFSET -> 554;
            case IO_ERROR -> 451;
            default -> 550;
        };
        String path = e.virtualPath();
        reply(code, (path == null || path.isEmpty() ? "" : printable(path) + ": ") + e.getMessage() + ".");
    }

    // --- state accessors for the command handlers ------------------------------------------------

    public FtpContext context() {
        return ctx;
    }

    public Session coreSession() {
        return session;
    }

    public InetAddress clientAddress() {
        return socket.getInetAddress();
    }

    /** This end of the control connection (asked of the kernel once: each ask is a getsockname). */
    public InetAddress localAddress() {
        InetAddress local = localAddress;
        if (local == null) {
            local = socket.getLocalAddress();
            localAddress = local;
        }
        return local;
    }

    public String who() {
        return session == null ? "-@" + socket.getInetAddress().getHostAddress() : session.who();
    }

    public Optional<User> user() {
        return Optional.ofNullable(account).map(UserContext::user);
    }

    public Optional<String> pendingUser() {
        return Optional.ofNullable(pendingUser);
    }

    public void setPendingUser(String name) {
        this.pendingUser = name;
    }

    /** Records a successful login. */
    public void loggedIn(UserContext account) {
        this.account = account;
        this.pendingUser = null;
        this.cwd = VirtualPath.ROOT;
        this.failedLogins = 0;
    }

    /** This connection came in on the implicit-FTPS port (TLS from its first byte). */
    public boolean implicitTls() {
        return implicitTls;
    }

    /** Returns the session to its state just after connecting (REIN). */
    public void reinitialize() {
        ctx.sessions().logout(session);
        account = null;
        pendingUser = null;
        cwd = VirtualPath.ROOT;
        binary = true;
        restOffset = 0;
        renameFrom = null;
        epsvAll = false;
        mlstFacts = MlstFactSelection.all();
        familyState.clear();
        closeDataEndpoint();
    }

    /** Counts a failed login; returns the number so far in this session. */
    public int loginFailed() {
        pendingUser = null;
        return ++failedLogins;
    }

    /** The logged-in user's files; only called by handlers that need login. */
    public UserFileSystem files() {
        if (account == null) {
            throw new IllegalStateException("not logged in");
        }
        return account.files();
    }

    public VirtualPath cwd() {
        return cwd;
    }

    public void setCwd(VirtualPath cwd) {
        this.cwd = cwd;
    }

    /** A client-supplied path, resolved against the current directory. */
    public VirtualPath resolve(String argument) throws VfsException {
        return cwd.resolve(argument);
    }

    public boolean binary() {
        return binary;
    }

    public void setBinary(boolean binary) {
        this.binary = binary;
    }

    public void setRestOffset(long offset) {
        this.restOffset = offset;
    }

    /** The REST offset for this transfer command; it applies to one command only. */
    public long takeRestOffset() {
        long r = restOffset;
        restOffset = 0;
        return r;
    }

    public Optional<VirtualPath> takeRenameFrom() {
        VirtualPath r = renameFrom;
        renameFrom = null;
        return Optional.ofNullable(r);
    }

    public void setRenameFrom(VirtualPath from) {
        this.renameFrom = from;
    }

    public boolean epsvAll() {
        return epsvAll;
    }

    public void setEpsvAll() {
        this.epsvAll = true;
    }

    /**
     * The state a command family keeps for this session, made by {@code initial} on first use and
     * forgotten at REIN. Used from the control thread only.
     */
    public <T> T familyState(Class<T> key, java.util.function.Supplier<T> initial) {
        return key.cast(familyState.computeIfAbsent(key, k -> initial.get()));
    }

    public MlstFactSelection mlstFacts() {
        return mlstFacts;
    }

    public void setMlstFacts(MlstFactSelection facts) {
        this.mlstFacts = facts;
    }

    /** Replaces the pending data endpoint (a new PASV/PORT cancels the previous one). */
    public void setDataEndpoint(DataEndpoint endpoint) {
        closeDataEndpoint();
        this.dataEndpoint = endpoint;
    }

    public boolean hasDataEndpoint() {
        return dataEndpoint != null;
    }

    /** The pending data endpoint, handed over to a transfer. */
    public Optional<DataEndpoint> takeDataEndpoint() {
        DataEndpoint e = dataEndpoint;
        dataEndpoint = null;
        return Optional.ofNullable(e);
    }

    public void closeDataEndpoint() {
        DataEndpoint e = dataEndpoint;
        dataEndpoint = null;
        if (e != null) {
            e.close();
        }
    }

    // --- FTPS ----------------------------------------------------------------------------------

    public SessionTls tls() {
        return tls;
    }

    /**
     * Switches the control connection to TLS (after the 234 reply to AUTH TLS, or at connect on
     * the implicit port). Whatever the client sent in the clear after AUTH is dropped with the old
     * reader: commands count only once they arrive inside TLS.
     */
    public void startTls() throws IOException {
        SSLSocket s;
        handshaking = true;
        try {
            s = tls.upgrade(socket);
        } catch (IOException e) {
            LOG.info("TLS handshake with {} failed: {}", who(), e.getMessage());
            throw e;
        } finally {
            handshaking = false;
        }
        controlTls = true;
        replies = new ReplyWriter(s.getOutputStream());
        reader = new CommandLineReader(s.getInputStream(), FtpContext.MAX_LINE_BYTES);
        LOG.debug("{} control connection now {}", who(), tls.describe().orElse("TLS"));
    }

    /**
     * How the next data connection is protected, fixed when its command is accepted.
     *
     * @param upload the client only sends on it
     */
    public SessionTls.DataProtection dataProtection(boolean upload) {
        return tls.dataProtection(tls.reuse(user().map(User::tls)), upload, who());
    }

    // --- transfers ---------------------------------------------------------------------------

    /** How fast this session may move data in one direction. */
    public Throttle throttle(Direction direction) {
        return account == null ? Throttle.NONE : account.throttle(direction);
    }


    public Optional<DataTransfer> transfer() {
        return Optional.ofNullable(transfer);
    }

    /** Starts a transfer on its own virtual thread; the control thread goes on reading commands. */
    public void startTransfer(DataTransfer t) {
        transfer = t;
        lastTransfer = t;
        Thread.ofVirtual().name("ftp-data-" + session.id()).start(() -> {
            try {
                t.run();
            } finally {
                lastActivity = System.nanoTime(); // the idle time counts from the transfer's end
                transferReplying(t);
            }
        });
    }

    /**
     * The transfer's closing reply is about to go out: from now on no transfer is in progress, so
     * a STAT or an ABOR the client sends on reading that reply finds none.
     */
    public void transferReplying(DataTransfer t) {
        if (transfer == t) { // a later transfer cannot have started: it waits for this one's reply
            transfer = null;
        }
    }

    /** Waits until the last transfer started, if any, has sent its closing reply. */
    public void awaitTransfer() throws InterruptedException {
        DataTransfer t = lastTransfer;
        if (t != null) {
            t.await();
        }
    }

    /** Ends the session after the current reply (QUIT, too many failed logins). */
    public void close() {
        closing = true;
    }

    /** Closes the connection at once, from another thread (server shutdown). */
    private void closeNow() {
        closeWith(421, "Server shutting down, closing control connection.");
    }

    /**
     * Sends the last reply and closes, from another thread (the session's own one, blocked reading
     * the next command, then ends on the closed socket); any transfer is aborted.
     */
    private void closeWith(int code, String text) {
        closing = true;
        // A parked session has no thread to end it: taken back here, it is ended here.
        boolean parked = parking != null && parking.reclaim();
        if (!handshaking) { // a clear-text reply would land inside the client's TLS handshake
            // On a thread of its own, waited for a little: a client that stopped reading holds the
            // write (and the reply lock) for as long as it likes, and the close must not wait for it.
            // Closing the socket below ends such a write.
            Thread last = Thread.ofVirtual().name("ferry-last-reply").start(() -> {
                try {
                    replies.reply(code, text);
                } catch (IOException | RuntimeException ignored) {
                    // the client may be gone already
                }
            });
            try {
                last.join(LAST_REPLY_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        DataTransfer t = transfer;
        if (t != null) {
            t.abort();
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        if (parked) {
            end();
        }
    }

    /** Text from the client made safe for a reply or a log line. */
    public static String printable(String s) {
        String t = s.length() > 200 ? s.substring(0, 200) + "..." : s;
        StringBuilder b = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return b.toString();
    }
}
