package dev.ferry.sftp;

import dev.ferry.sftp.exec.ExecCommands;
import dev.ferry.sftp.sftp.SftpSubsystem;
import dev.ferry.sftp.ssh.Algorithms;
import dev.ferry.sftp.ssh.BoundedSessionChannels;
import dev.ferry.sftp.ssh.HostKeys;
import dev.ferry.sftp.ssh.Logins;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;

/**
 * The SSH listener (SFTP and SCP) on Apache MINA SSHD. MINA does the transport (key exchange,
 * ciphers, channels); everything a user can touch goes through the core: logins through the
 * {@link dev.ferry.core.auth.Authenticator}, files through the user's confined file system. No
 * shell, no port forwarding, no agent or X11 forwarding.
 */
public final class SftpServer implements AutoCloseable {

    /** Remote window we grant per channel: room for OpenSSH's 64 pipelined 255 KiB writes to keep moving. */
    static final long WINDOW_SIZE = 8L * 1024 * 1024;
    /** Largest SSH packet we accept per channel, as OpenSSH sshd: 32 KiB of data. */
    public static final long MAX_PACKET = 32 * 1024;
    /** Session channels (exec, SCP, SFTP) one connection may hold open at once. */
    public static final int MAX_CHANNELS = 10;

    private final SftpContext ctx;
    private final List<InetAddress> bindAddresses;
    private final int port;
    private final HostKeys hostKeys;
    private Listener sshd;

    /** MINA's server, with a way to stop accepting while the sessions go on (a graceful shutdown). */
    private static final class Listener extends SshServer {
        void unbindAll() {
            if (acceptor != null) {
                acceptor.unbind();
            }
        }
    }

    /**
     * @param bindAddresses where to listen; empty = every interface
     * @param port          the SSH port; 0 picks a free one (the same for every address)
     */
    public SftpServer(SftpContext ctx, List<InetAddress> bindAddresses, int port) throws IOException {
        this.ctx = ctx;
        this.bindAddresses = List.copyOf(bindAddresses);
        this.port = port;
        this.hostKeys = HostKeys.loadOrCreate(ctx.hostKeyDir());
    }

    /** The host keys, with the fingerprints clients will see. */
    public List<HostKeys.HostKey> hostKeys() {
        return hostKeys.keys();
    }

    /** Binds and starts accepting. Returns the bound addresses. */
    public List<InetSocketAddress> start() throws IOException {
        Listener s = (Listener) ServerBuilder.builder().factory(Listener::new).build();
        Algorithms.configure(s, ctx.legacyAlgorithms());
        s.setKeyPairProvider(hostKeys.provider());
        Logins logins = new Logins(ctx);
        s.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE, UserAuthPasswordFactory.INSTANCE));
        s.setPasswordAuthenticator(logins);
        s.setPublickeyAuthenticator(logins);
        s.setKeyboardInteractiveAuthenticator(null);
        s.setGSSAuthenticator(null);
        s.setHostBasedAuthenticator(null);
        s.addSessionListener(logins);
        s.setShellFactory(null);
        s.setCommandFactory(new ExecCommands());
        s.setSubsystemFactories(List.of(SftpSubsystem.factory(ctx)));
        s.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        s.setAgentFactory(null);
        s.setChannelFactories(List.of(new BoundedSessionChannels(MAX_CHANNELS)));
        configure(s);
        s.setPort(port == 0 && bindAddresses.size() > 1 ? freePort(bindAddresses.get(0)) : port);
        if (!bindAddresses.isEmpty()) {
            s.setHost(bindAddresses.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(",")));
        }
        try {
            s.start();
        } catch (IOException e) {
            s.stop(true);
            throw new IOException("cannot listen for SSH on port " + port + ": " + e.getMessage(), e);
        }
        sshd = s;
        List<InetSocketAddress> bound = new ArrayList<>();
        for (SocketAddress a : s.getBoundAddresses()) {
            if (a instanceof InetSocketAddress i) {
                bound.add(i);
            }
        }
        bound.sort(Comparator.comparing(InetSocketAddress::toString));
        return bound;
    }

    private void configure(FactoryManager s) {
        CoreModuleProperties.SERVER_IDENTIFICATION.set(s, "Ferry");
        CoreModuleProperties.IDLE_TIMEOUT.set(s, ctx.idleTimeout());
        CoreModuleProperties.AUTH_TIMEOUT.set(s, java.time.Duration.ofSeconds(60));
        CoreModuleProperties.MAX_AUTH_REQUESTS.set(s, 10);
        CoreModuleProperties.WINDOW_SIZE.set(s, WINDOW_SIZE);
        CoreModuleProperties.MAX_PACKET_SIZE.set(s, MAX_PACKET);
    }

    private static int freePort(InetAddress address) throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, address)) {
            return probe.getLocalPort();
        }
    }

    /** Stops accepting new connections; connected sessions go on. */
    public void stopAccepting() {
        if (sshd != null) {
            try {
                sshd.unbindAll();
            } catch (RuntimeException e) {
                // already closed
            }
        }
    }

    @Override
    public void close() {
        if (sshd != null) {
            try {
                sshd.stop(true);
            } catch (IOException e) {
                // closing anyway
            }
            sshd = null;
        }
    }
}
