package dev.ferry.client.progress;

/** -q: nothing at all; errors still reach stderr through the command. */
public final class QuietReporter implements Reporter {

    @Override
    public ProgressListener transfer(String label) {
        return ProgressListener.NONE;
    }

    @Override
    public void message(String line) {}

    @Override
    public void overall(int files, long bytes) {}

    @Override
    public void fileDone(long bytes) {}

    @Override
    public void close() {}
}
