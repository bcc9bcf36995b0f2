package dev.ferry.bench;

import java.util.List;
import java.util.Optional;

/** One kind of load. Each is bounded in count and in time and returns one {@link Result}. */
public interface Scenario {

    String name();

    /** One line for help text. */
    String description();

    Result run(BenchContext ctx) throws Exception;

    /** Whether it runs without a server (and so without a URL). */
    default boolean needsNoServer() {
        return false;
    }

    /**
     * Every scenario, in the order help lists them; {@code raw} (the loopback limit) and
     * {@code hash} (a login's password hash) need no server.
     */
    static List<Scenario> all() {
        return List.of(
                new StreamScenario(StreamScenario.Direction.RETR),
                new StreamScenario(StreamScenario.Direction.STOR),
                new LoginScenario(),
                new ConcurrentScenario(StreamScenario.Direction.RETR),
                new ConcurrentScenario(StreamScenario.Direction.STOR),
                new SmallFilesScenario(),
                new IdleScenario(),
                new ListScenario(),
                new RawLoopbackScenario(),
                new HashScenario());
    }

    static Optional<Scenario> byName(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
