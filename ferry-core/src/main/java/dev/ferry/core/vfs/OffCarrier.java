package dev.ferry.core.vfs;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a file-system call that can sleep in the kernel for long (cutting a file's old blocks)
 * on a platform thread, while the virtual thread that asked for it waits parked.
 *
 * <p>A virtual thread blocked in such a system call holds its carrier, and the JDK does not add
 * one for it: with two carriers on a two-core machine, one STOR replacing a file took half the
 * server's scheduler with it. {@code perf trace} of 20 clients re-uploading 4 KiB files
 * showed ftruncate(2) averaging 0.7 ms (up to 100 ms) on this ext4 with online discard, against
 * 0.02-0.04 ms for the open, write and close around it. Handing the call over costs a thread
 * wake-up, so it is for the slow calls only.
 */
final class OffCarrier {

    /** A file-system call. */
    @FunctionalInterface
    interface Call {
        void run() throws IOException;
    }

    private static final int THREADS = 16;
    private static final ThreadPoolExecutor POOL = pool();

    private OffCarrier() {}

    /**
     * Runs {@code call} on a platform thread when the caller is a virtual thread, and waits for it
     * to finish (even when interrupted meanwhile: the call's effect must be known); on a platform
     * thread it just runs it.
     */
    static void run(Call call) throws IOException {
        if (!Thread.currentThread().isVirtual()) {
            call.run();
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        POOL.execute(() -> {
            try {
                call.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    done.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    switch (e.getCause()) {
                        case IOException io -> throw io;
                        case RuntimeException r -> throw r;
                        case Error err -> throw err;
                        default -> throw new IOException(e.getCause());
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ThreadPoolExecutor pool() {
        ThreadPoolExecutor p = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().daemon().name("ferry-fs-", 1).factory());
        p.allowCoreThreadTimeOut(true);
        return p;
    }
}
