package dev.ferry.client.progress;

/**
 * Where a command's progress and status lines go: a live board on a terminal, plain lines in a
 * pipe or log, or nothing with -q. Thread-safe: mirror's workers report through one reporter.
 */
public interface Reporter extends AutoCloseable {

    /** The display style chosen on the command line ({@code --progress}) or by detection. */
    enum Mode {
        /** Live bars, redrawn in place (terminals only). */
        BAR,
        /** A line at the start and end of each file, and one every second in between. */
        LINES,
        /** A line at the start and end of each file. */
        PLAIN,
        /** Nothing but errors. */
        QUIET
    }

    /** A transfer starts; {@code label} is what the line shows ("get big.iso"). */
    ProgressListener transfer(String label);

    /** A status line that stays ("created dir/", "not verified: ..."); suppressed by -q. */
    void message(String line);

    /** Mirror: show an overall line for this many files and bytes. */
    void overall(int files, long bytes);

    /** Mirror: one more file of the overall count is done (transferred, skipped or failed). */
    void fileDone(long bytes);

    @Override
    void close();
}
