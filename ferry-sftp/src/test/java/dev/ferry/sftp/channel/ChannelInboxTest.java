package dev.ferry.sftp.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.apache.sshd.server.channel.ChannelSession;
import org.junit.jupiter.api.Test;

class ChannelInboxTest {

    private static final int CHUNK = 32 * 1024;

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void manyTinyMessagesHoldNoMoreThanTheirBytes() throws Exception {
        ChannelSession channel = new ChannelSession();
        channel.getLocalWindow().init(org.apache.sshd.common.PropertyResolver.EMPTY);
        ChannelInbox inbox = new ChannelInbox(channel, CHUNK);
        int messages = 20_000;
        byte[] one = new byte[1];
        long before = allocatedByThisThread();
        for (int i = 0; i < messages; i++) {
            one[0] = (byte) i;
            inbox.data(channel, one, 0, 1);
        }
        long allocated = allocatedByThisThread() - before;
        // A chunk per message would be 20,000 x 32 KiB = 625 MiB; packed, 20 KB lies in one chunk.
        assertThat(allocated).isLessThan(16L << 20);
        assertThat(inbox.available()).isEqualTo(messages);
        byte[] got = new byte[messages];
        int n = 0;
        while (n < messages) {
            n += inbox.read(got, n, Math.min(5000, messages - n));
        }
        for (int i = 0; i < messages; i++) {
            assertThat(got[i]).as("byte %d", i).isEqualTo((byte) i);
        }
        assertThat(inbox.available()).isZero();
    }

    @Test
    void messagesLargerThanAChunkAndInterleavedReadsKeepTheOrder() throws Exception {
        ChannelSession channel = new ChannelSession();
        channel.getLocalWindow().init(org.apache.sshd.common.PropertyResolver.EMPTY);
        ChannelInbox inbox = new ChannelInbox(channel, CHUNK);
        byte[] sent = new byte[300_000];
        new java.util.Random(7).nextBytes(sent);
        byte[] got = new byte[sent.length];
        int in = 0;
        int out = 0;
        int[] sizes = {1, 70_000, 3, 32 * 1024, 17, 5000};
        for (int k = 0; in < sent.length; k++) {
            int len = Math.min(sizes[k % sizes.length], sent.length - in);
            inbox.data(channel, sent, in, len);
            in += len;
            if (k % 2 == 1) {
                out += inbox.read(got, out, Math.min(9000, in - out));
            }
        }
        while (out < sent.length) {
            out += inbox.read(got, out, sent.length - out);
        }
        assertThat(got).isEqualTo(sent);
    }
}
