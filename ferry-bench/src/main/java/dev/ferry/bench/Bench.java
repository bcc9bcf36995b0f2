package dev.ferry.bench;

import java.io.PrintStream;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/** Runs one scenario within its time limit. */
public final class Bench {

    private Bench() {}

    /**
     * Runs {@code scenario}; progress goes to {@code log}. Past {@code options.timeLimit()} every
     * socket of the scenario is closed, which ends it, and this throws {@link TimeoutException}.
     */
    public static Result run(Scenario scenario, BenchOptions options, PrintStream log) throws Exception {
        AtomicReference<Result> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (BenchContext ctx = new BenchContext(options, log)) {
            // A platform thread: the single-stream scenarios use sendfile and blocking reads on it.
            Thread runner = Thread.ofPlatform().name("bench-" + scenario.name()).start(() -> {
                try {
                    result.set(scenario.run(ctx));
                } catch (Exception e) {
                    failure.set(e);
                }
            });
            runner.join(options.timeLimit().toMillis());
            if (runner.isAlive()) {
                ctx.connections().closeAll();
                runner.interrupt();
                runner.join(10_000);
                throw new TimeoutException(scenario.name() + " did not finish within " + options.timeLimit().toSeconds()
                        + " s; stopped");
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }
}
