package dev.ferry.core.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OffCarrierTest {

    @Test
    void fromAVirtualThreadTheCallRunsOnAPlatformThreadAndIsWaitedFor() throws Exception {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        AtomicBoolean finishedBeforeReturn = new AtomicBoolean();
        Thread vt = Thread.ofVirtual().start(() -> {
            try {
                AtomicBoolean done = new AtomicBoolean();
                OffCarrier.run(() -> {
                    ranOn.set(Thread.currentThread());
                    sleep(50);
                    done.set(true);
                });
                finishedBeforeReturn.set(done.get());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        vt.join(10_000);
        assertThat(ranOn.get()).isNotNull();
        assertThat(ranOn.get().isVirtual()).isFalse();
        assertThat(finishedBeforeReturn).isTrue();
    }

    @Test
    void onAPlatformThreadTheCallRunsInPlace() throws Exception {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        OffCarrier.run(() -> ranOn.set(Thread.currentThread()));
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void theCallsIoExceptionReachesTheCaller() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread vt = Thread.ofVirtual().start(() -> thrown.set(catchThrowable(() -> OffCarrier.run(() -> {
            throw new IOException("disk on fire");
        }))));
        vt.join(10_000);
        assertThat(thrown.get()).isInstanceOf(IOException.class).hasMessage("disk on fire");
    }

    @Test
    void anInterruptWhileWaitingStillWaitsForTheCallAndKeepsTheInterrupt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean callFinished = new AtomicBoolean();
        AtomicBoolean finishedWhenReturned = new AtomicBoolean();
        AtomicBoolean interruptKept = new AtomicBoolean();
        Thread vt = Thread.ofVirtual().start(() -> {
            try {
                OffCarrier.run(() -> {
                    started.countDown();
                    sleep(300);
                    callFinished.set(true);
                });
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            finishedWhenReturned.set(callFinished.get());
            interruptKept.set(Thread.currentThread().isInterrupted());
        });
        started.await();
        vt.interrupt();
        vt.join(10_000);
        assertThat(finishedWhenReturned).isTrue();
        assertThat(interruptKept).isTrue();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
