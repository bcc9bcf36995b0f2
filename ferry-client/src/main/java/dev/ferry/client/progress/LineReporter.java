package dev.ferry.client.progress;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * Progress for pipes and logs: plain lines, never a control character. One line when a file
 * starts and one when it ends; with {@code periodic}, also one a second while it runs.
 */
public final class LineReporter implements Reporter {

    private static final long PERIOD_NANOS = 1_000_000_000L;

    private final PrintWriter out;
    private final boolean periodic;

    public LineReporter(PrintWriter out, boolean periodic) {
        this.out = out;
        this.periodic = periodic;
    }

    private synchronized void print(String line) {
        out.println(Formats.printable(line));
        out.flush();
    }

    @Override
    public ProgressListener transfer(String label) {
        TransferMeter m = new TransferMeter(label);
        return new ProgressListener() {
            private long lastPrint = System.nanoTime();

            @Override
            public void started(long offset, long total) {
                m.start(offset, total);
                lastPrint = System.nanoTime();
                String size = total < 0 ? "size unknown" : Formats.size(total);
                print(label + ": " + (offset > 0 ? "resuming at " + Formats.size(offset) + " of " + size : size));
            }

            @Override
            public void advanced(long bytes) {
                m.add(bytes);
                if (periodic) {
                    long now = System.nanoTime();
                    if (now - lastPrint >= PERIOD_NANOS) {
                        lastPrint = now;
                        print(label + ": " + m.statusText());
                    }
                }
            }

            @Override
            public void retrying(String why, Duration wait) {
                print(label + ": " + why + "; retrying in " + Formats.seconds(wait));
            }

            @Override
            public void restarting(String why) {
                print(label + ": " + why + "; starting over");
            }

            @Override
            public void finished(String note) {
                print(label + ": done, " + m.summary() + (note.isEmpty() ? "" : "; " + note));
            }

            @Override
            public void failed(String why) {
                // the command reports the error itself, once
            }
        };
    }

    @Override
    public void message(String line) {
        print(line);
    }

    @Override
    public void overall(int files, long bytes) {
        print(files + " file(s) to transfer, " + Formats.size(bytes));
    }

    @Override
    public void fileDone(long bytes) {
        // each file already printed its own end line
    }

    @Override
    public void close() {
        out.flush();
    }
}
