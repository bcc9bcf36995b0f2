package dev.ferry.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one scenario measured: its headline figures, the CPU both sides spent in the timed part,
 * and the errors it met (a benchmark that hid its errors would report nonsense fast).
 */
public final class Result {

    private final String scenario;
    private final String target;
    private final List<Metric> metrics = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private long errors;

    public Result(String scenario, String target) {
        this.scenario = scenario;
        this.target = target;
    }

    public Result add(String name, double value, String unit) {
        metrics.add(new Metric(name, value, unit));
        return this;
    }

    /** Client and server CPU of a timed window, as seconds and as a share of the wall time. */
    public Result cpu(Window.Timing t) {
        add("wall_s", t.seconds(), "s");
        add("client_cpu_s", t.clientCpuNanos() / 1e9, "s");
        add("client_cpu_pct", 100.0 * t.clientCpuNanos() / t.wallNanos(), "%");
        t.serverCpuNanos().ifPresent(s -> {
            add("server_cpu_s", s / 1e9, "s");
            add("server_cpu_pct", 100.0 * s / t.wallNanos(), "%");
        });
        return this;
    }

    public Result note(String text) {
        notes.add(text);
        return this;
    }

    public Result errors(long n) {
        errors += n;
        return this;
    }

    public String scenario() {
        return scenario;
    }

    public String target() {
        return target;
    }

    public List<Metric> metrics() {
        return List.copyOf(metrics);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public long errors() {
        return errors;
    }

    /** The value of a metric by name, or NaN. */
    public double value(String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).mapToDouble(Metric::value).findFirst().orElse(Double.NaN);
    }

    /** A plain table for a terminal. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "scenario %s against %s%n", scenario, target));
        for (Metric m : metrics) {
            b.append(String.format(Locale.ROOT, "  %-22s %14s %s%n", m.name(), format(m.value()), m.unit()));
        }
        b.append(String.format(Locale.ROOT, "  %-22s %14d%n", "errors", errors));
        for (String n : notes) {
            b.append("  note: ").append(n).append(System.lineSeparator());
        }
        return b.toString();
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : Math.abs(v) >= 1 ? "%.2f" : "%.4f", v);
    }

    /** One JSON object. */
    public String json() {
        StringBuilder b = new StringBuilder();
        b.append("{\"scenario\":").append(Json.string(scenario)).append(",\"target\":").append(Json.string(target));
        b.append(",\"metrics\":{");
        for (int i = 0; i < metrics.size(); i++) {
            Metric m = metrics.get(i);
            b.append(i == 0 ? "" : ",").append(Json.string(m.name())).append(':').append(Json.number(m.value()));
        }
        b.append("},\"units\":{");
        for (int i = 0; i < metrics.size(); i++) {
            Metric m = metrics.get(i);
            b.append(i == 0 ? "" : ",").append(Json.string(m.name())).append(':').append(Json.string(m.unit()));
        }
        b.append("},\"errors\":").append(errors).append(",\"notes\":[");
        for (int i = 0; i < notes.size(); i++) {
            b.append(i == 0 ? "" : ",").append(Json.string(notes.get(i)));
        }
        return b.append("]}").toString();
    }
}
