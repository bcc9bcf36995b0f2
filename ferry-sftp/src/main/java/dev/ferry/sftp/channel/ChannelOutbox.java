package dev.ferry.sftp.channel;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.RemoteWindow;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * What a command sends on its channel, written straight into SSH_MSG_CHANNEL_DATA packets: bytes
 * are copied once, into the packet that MINA then encrypts in place and hands to the socket. The
 * packet buffers are reused once the socket has taken them, so a transfer allocates nothing per
 * packet (MINA's own stream copies into a fresh buffer for every packet). The client's window is
 * respected: a write waits, parking only this virtual thread, until the client has room.
 */
public final class ChannelOutbox extends OutputStream {

    /** Room MINA needs before the payload (packet length, padding length, message type). */
    private static final int HEADER = 5;
    /** After the message type: recipient channel and data length. */
    private static final int DATA_HEADER = 8;
    private static final Duration WAIT = Duration.ofMinutes(5);

    private final ChannelSession channel;
    private final Session session;
    private final RemoteWindow window;
    private final int packetSize;
    private final ArrayBlockingQueue<Buffer> free = new ArrayBlockingQueue<>(32);
    private Buffer current;
    private int dataStart;
    private boolean closed;

    public ChannelOutbox(ChannelSession channel) {
        this.channel = channel;
        this.session = channel.getSession();
        this.window = channel.getRemoteWindow();
        this.packetSize = (int) Math.max(1024, Math.min(window.getPacketSize(), 256 * 1024));
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, room());
            current.putRawBytes(b, off, n);
            off += n;
            len -= n;
            if (room() == 0) {
                send();
            }
        }
    }

    /** Writes {@code data}'s remaining bytes, without an intermediate copy. */
    public void write(ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            int n = Math.min(data.remaining(), room());
            int wpos = current.wpos();
            current.ensureCapacity(n);
            data.get(current.array(), wpos, n);
            current.wpos(wpos + n);
            if (room() == 0) {
                send();
            }
        }
    }

    @Override
    public void flush() throws IOException {
        // A loop: when the client's window is smaller than the packet, send() sends what fits
        // and keeps the rest as the next packet, which must go too.
        while (current != null && current.wpos() > dataStart) {
            send();
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            flush();
            closed = true;
        }
    }

    /** Free space in the packet being filled, starting one if needed. */
    private int room() throws IOException {
        if (closed) {
            throw new IOException("channel output closed");
        }
        if (current == null) {
            Buffer b = free.poll();
            if (b == null) {
                b = new ByteArrayBuffer(HEADER + DATA_HEADER + packetSize + 64, false);
            }
            b.clear();
            b = session.prepareBuffer(SshConstants.SSH_MSG_CHANNEL_DATA, b);
            b.putUInt(channel.getRecipient());
            b.putUInt(0);
            dataStart = b.wpos();
            current = b;
        }
        return packetSize - (current.wpos() - dataStart);
    }

    private void send() throws IOException {
        Buffer b = current;
        current = null;
        int len = b.wpos() - dataStart;
        try {
            long space = window.waitForSpace(WAIT);
            if (space < len) {
                // The client's window is smaller than a packet: send what fits, keep the rest.
                int fit = (int) space;
                byte[] tail = new byte[len - fit];
                System.arraycopy(b.array(), dataStart + fit, tail, 0, tail.length);
                b.wpos(dataStart + fit);
                transmit(b, fit);
                write(tail, 0, tail.length);
                return;
            }
            transmit(b, len);
        } catch (InterruptedException e) {
            throw new InterruptedIOException("interrupted while waiting for the client's window");
        }
    }

    private void transmit(Buffer b, int len) throws IOException, InterruptedException {
        window.waitAndConsume(len, WAIT);
        int end = b.wpos();
        b.wpos(dataStart - 4);
        b.putUInt(len);
        b.wpos(end);
        channel.writePacket(b).addListener(f -> {
            if (f.isWritten()) {
                free.offer(b);
            }
        });
    }
}
