package dev.ferry.client.shell;

import dev.ferry.client.remote.RemoteEntry;
import dev.ferry.client.remote.RemotePaths;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: command names first, then remote paths (listing the directory typed so far,
 * cached for a few seconds) or, for the local commands, local paths.
 */
final class RemoteCompleter implements Completer {

    private static final long CACHE_NANOS = 5_000_000_000L;

    private record Listing(long at, List<RemoteEntry> entries) {}

    private final Shell shell;
    private final Map<String, Listing> cache = new ConcurrentHashMap<>();

    RemoteCompleter(Shell shell) {
        this.shell = shell;
    }

    void invalidate() {
        cache.clear();
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (line.wordIndex() == 0) {
            for (String c : ShellVerbs.NAMES) {
                candidates.add(new Candidate(c));
            }
            return;
        }
        String command = line.words().getFirst();
        String word = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        boolean local = Set.of("lcd", "lls").contains(command)
                || (Set.of("put", "mput").contains(command) && line.wordIndex() == 1);
        if (local) {
            completeLocal(word, candidates);
        } else {
            completeRemote(word, candidates);
        }
    }

    private void completeRemote(String word, List<Candidate> candidates) {
        int slash = word.lastIndexOf('/');
        String typedDir = slash < 0 ? "" : word.substring(0, slash + 1);
        String dir = typedDir.isEmpty() ? shell.cwd() : RemotePaths.resolve(shell.cwd(), typedDir);
        List<RemoteEntry> entries;
        Listing cached = cache.get(dir);
        if (cached != null && System.nanoTime() - cached.at() < CACHE_NANOS) {
            entries = cached.entries();
        } else {
            try {
                entries = shell.fs().list(dir);
            } catch (IOException e) {
                return; // nothing to offer; the command will report the problem when run
            }
            cache.put(dir, new Listing(System.nanoTime(), entries));
        }
        for (RemoteEntry e : entries) {
            String value = typedDir + e.name() + (e.isDirectory() ? "/" : "");
            candidates.add(new Candidate(value, e.name() + (e.isDirectory() ? "/" : ""), null, null, null, null, !e.isDirectory()));
        }
    }

    private void completeLocal(String word, List<Candidate> candidates) {
        int slash = word.lastIndexOf('/');
        String typedDir = slash < 0 ? "" : word.substring(0, slash + 1);
        Path dir = shell.localDir().resolve(typedDir.isEmpty() ? "." : typedDir);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                boolean isDir = Files.isDirectory(p);
                String name = p.getFileName().toString();
                candidates.add(new Candidate(typedDir + name + (isDir ? "/" : ""), name + (isDir ? "/" : ""), null, null, null, null, !isDir));
            }
        } catch (IOException ignored) {
            // no such directory: no candidates
        }
    }
}
