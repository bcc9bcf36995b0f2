package dev.ferry.client.progress;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * Live progress on a terminal: a block of lines at the bottom (an overall line for mirror, then
 * one bar per transfer in flight) redrawn in place ten times a second by a ticker thread, with
 * finished files and messages printed above it as permanent lines. The cursor is hidden while the
 * block is live; closing, or the JVM ending on Ctrl-C, erases the block and shows the cursor again.
 */
public final class TerminalReporter implements Reporter {

    private static final String ESC = "\u001b[";
    private static final long TICK_MILLIS = 100;

    private final PrintWriter out;
    private final IntSupplier width;
    private final List<TransferMeter> active = new ArrayList<>();
    private final Thread ticker;
    private final Thread onExit;
    private int drawnLines;
    private boolean closed;
    private boolean cursorHidden;
    // mirror's overall line
    private int overallFiles = -1;
    private int filesDone;
    private long overallBytes;
    private final AtomicLong overallMoved = new AtomicLong();
    private final long startNanos = System.nanoTime();

    /** @param width the terminal's width in columns, asked at every redraw (it may be resized) */
    public TerminalReporter(PrintWriter out, IntSupplier width) {
        this.out = out;
        this.width = width;
        this.ticker = Thread.ofPlatform().daemon().name("ferry-progress").unstarted(this::tick);
        this.onExit = new Thread(this::close, "ferry-progress-cleanup");
        Runtime.getRuntime().addShutdownHook(onExit);
        ticker.start();
    }

    private void tick() {
        try {
            while (true) {
                Thread.sleep(TICK_MILLIS);
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    if (!active.isEmpty() || overallFiles >= 0) {
                        redraw();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Moves to the first line of the block and erases it and everything below. */
    private void eraseBlock(StringBuilder b) {
        if (drawnLines > 0) {
            b.append('\r');
            if (drawnLines > 1) {
                b.append(ESC).append(drawnLines - 1).append('A');
            }
            b.append(ESC).append('J');
            drawnLines = 0;
        }
    }

    private void redraw() {
        int w = Math.max(20, width.getAsInt()) - 1; // never touch the last column: some terminals wrap there
        List<String> lines = new ArrayList<>();
        if (overallFiles >= 0) {
            lines.add(overallLine(w));
        }
        int shown = 0;
        for (TransferMeter m : active) {
            if (shown++ == 8) {
                lines.add(Formats.fit("  ... and " + (active.size() - 8) + " more", w));
                break;
            }
            lines.add(barLine(m.label, m.fraction(), m.position(), m.total(), m.rate(), m.eta(), w));
        }
        StringBuilder b = new StringBuilder(256);
        if (!cursorHidden) {
            b.append(ESC).append("?25l");
            cursorHidden = true;
        }
        eraseBlock(b);
        for (int i = 0; i < lines.size(); i++) {
            b.append(lines.get(i));
            if (i < lines.size() - 1) {
                b.append('\n');
            }
        }
        drawnLines = lines.size();
        out.print(b);
        out.flush();
    }

    private String overallLine(int w) {
        long moved = overallMoved.get();
        double secs = (System.nanoTime() - startNanos) / 1e9;
        double rate = secs < 0.05 ? 0 : moved / secs;
        Duration eta = rate <= 0 ? null : Duration.ofSeconds((long) Math.ceil(Math.max(0, overallBytes - moved) / rate));
        double f = overallBytes == 0 ? (overallFiles == 0 ? 1 : (double) filesDone / overallFiles) : (double) moved / overallBytes;
        return barLine("total " + filesDone + "/" + overallFiles + " files", f, moved, overallBytes, rate, eta, w);
    }

    static String barLine(String label, double fraction, long position, long total, double rate, Duration eta, int w) {
        String pct = fraction < 0 ? "  ? " : String.format(Locale.ROOT, "%3d%%", Math.round(fraction * 100));
        String sizes = total < 0 ? Formats.size(position) : Formats.size(position) + "/" + Formats.size(total);
        String rateAndEta = String.format(Locale.ROOT, " %s ETA %s", Formats.rate(rate), Formats.clock(eta));
        String right = String.format(Locale.ROOT, " %19s %12s ETA %s", sizes, Formats.rate(rate), Formats.clock(eta));
        int barWidth = Math.max(0, Math.min(32, w / 4));
        int labelWidth = w - pct.length() - right.length() - (barWidth > 0 ? barWidth + 1 : 0) - 1;
        if (labelWidth < 8) { // narrow: the bar goes first, then the byte counts; name, rate and ETA stay
            barWidth = 0;
            labelWidth = w - pct.length() - right.length() - 1;
            if (labelWidth < 8) {
                right = rateAndEta;
                labelWidth = w - pct.length() - right.length() - 1;
            }
            labelWidth = Math.max(4, labelWidth);
        }
        String name = String.format("%-" + labelWidth + "s", Formats.fit(Formats.printable(label), labelWidth));
        String line = name + " " + pct + (barWidth > 0 ? " " + Formats.bar(Math.max(0, fraction), barWidth) : "") + right;
        return line.length() > w ? line.substring(0, w) : line;
    }

    /** Prints a permanent line above the block. */
    private synchronized void permanent(String line) {
        if (closed) {
            out.println(Formats.printable(line));
            return;
        }
        StringBuilder b = new StringBuilder();
        eraseBlock(b);
        b.append(Formats.printable(line)).append('\n');
        out.print(b);
        if (!active.isEmpty() || overallFiles >= 0) {
            redraw();
        } else {
            out.flush();
        }
    }

    @Override
    public ProgressListener transfer(String label) {
        TransferMeter m = new TransferMeter(label);
        return new ProgressListener() {
            private long lastPosition;

            @Override
            public void started(long offset, long total) {
                synchronized (TerminalReporter.this) {
                    m.start(offset, total);
                    lastPosition = offset;
                    if (!active.contains(m)) {
                        active.add(m);
                    }
                    if (offset > 0) {
                        permanent(label + ": resuming at " + Formats.size(offset) + (total < 0 ? "" : " of " + Formats.size(total)));
                    }
                }
            }

            @Override
            public void advanced(long bytes) {
                m.add(bytes);
                overallMoved.addAndGet(bytes);
            }

            @Override
            public void retrying(String why, Duration wait) {
                permanent(label + ": " + why + "; retrying in " + Formats.seconds(wait));
            }

            @Override
            public void restarting(String why) {
                permanent(label + ": " + why + "; starting over");
            }

            @Override
            public void finished(String note) {
                synchronized (TerminalReporter.this) {
                    active.remove(m);
                    permanent(label + ": " + m.summary() + (note.isEmpty() ? "" : ", " + note));
                }
            }

            @Override
            public void failed(String why) {
                synchronized (TerminalReporter.this) {
                    active.remove(m); // the command reports the error itself, once
                    StringBuilder b = new StringBuilder();
                    eraseBlock(b);
                    out.print(b);
                    out.flush();
                }
            }
        };
    }

    @Override
    public void message(String line) {
        permanent(line);
    }

    @Override
    public synchronized void overall(int files, long bytes) {
        overallFiles = files;
        overallBytes = bytes;
    }

    @Override
    public synchronized void fileDone(long bytes) {
        filesDone++;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        StringBuilder b = new StringBuilder();
        if (overallFiles >= 0 && drawnLines > 0) {
            eraseBlock(b);
            b.append(Formats.printable(overallLine(Math.max(20, width.getAsInt()) - 1))).append('\n');
        } else {
            eraseBlock(b);
        }
        closed = true;
        if (cursorHidden) {
            b.append(ESC).append("?25h");
        }
        out.print(b);
        out.flush();
        ticker.interrupt();
        if (Thread.currentThread() != onExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }
}
