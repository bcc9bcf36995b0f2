package dev.ferry.core.vfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A large directory stat'ed in chunks on other threads must read exactly as the plain loop does. */
class ChunkedListingTest {

    @TempDir
    Path dir;

    private void files(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            Files.writeString(dir.resolve("entry-" + i), "x".repeat(i % 7));
        }
    }

    private List<String> plainNames() throws Exception {
        List<String> names = new ArrayList<>();
        try (AnchoredDirectory anchored = AnchoredDirectory.open(dir, dir); NativeListing listing = anchored.listing()) {
            NativeListing.Stater stater = listing.stater();
            byte[] bytes;
            while ((bytes = listing.nextName()) != null) {
                if (stater.statOrNull(bytes) != null) {
                    names.add(NativeListing.name(bytes));
                }
            }
        }
        return names;
    }

    @Test
    void aLargeDirectoryComesInReaddirOrderOnceEachWithItsOwnStat() throws Exception {
        files(3000);
        List<FileEntry> listed;
        try (AnchoredDirectory anchored = AnchoredDirectory.open(dir, dir); NativeListing listing = anchored.listing();
             ChunkedListing chunks = new ChunkedListing(listing, (name, stat) -> stat.entry(name))) {
            listed = StreamSupport.stream(chunks, false).toList();
        }
        assertThat(listed.stream().map(FileEntry::name).toList()).isEqualTo(plainNames()).hasSize(3000);
        for (FileEntry e : listed) {
            assertThat(e).isEqualTo(UnixStat.of(dir.resolve(e.name()), LinkOption.NOFOLLOW_LINKS).entry(e.name()));
        }
    }

    @Test
    void aSmallDirectoryIsStatedOnTheCallersThreadAndALargeOneAlsoElsewhere() throws Exception {
        files(ChunkedListing.CHUNK - 1);
        assertThat(threadsThatStat()).containsExactly(Thread.currentThread().getName());
        files(ChunkedListing.CHUNK * 8);
        assertThat(threadsThatStat()).hasSizeGreaterThan(1).allMatch(n -> n.startsWith("ferry-stat-"));
    }

    private Set<String> threadsThatStat() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (AnchoredDirectory anchored = AnchoredDirectory.open(dir, dir); NativeListing listing = anchored.listing();
             ChunkedListing chunks = new ChunkedListing(listing, (name, stat) -> {
                 threads.add(Thread.currentThread().getName());
                 return stat.entry(name);
             })) {
            StreamSupport.stream(chunks, false).forEach(e -> { });
        }
        return threads;
    }

    @Test
    void closeWaitsForTheChunksInFlightAndNothingIsStatedAfterIt() throws Exception {
        files(ChunkedListing.CHUNK * 20);
        AtomicInteger stated = new AtomicInteger();
        int atClose;
        try (AnchoredDirectory anchored = AnchoredDirectory.open(dir, dir); NativeListing listing = anchored.listing()) {
            ChunkedListing chunks = new ChunkedListing(listing, (name, stat) -> {
                stated.incrementAndGet();
                return stat.entry(name);
            });
            List<String> some = StreamSupport.stream(chunks, false).limit(10).map(FileEntry::name).collect(Collectors.toList());
            assertThat(some).hasSize(10);
            chunks.close();
            atClose = stated.get();
        }
        Thread.sleep(100);
        assertThat(stated.get()).isEqualTo(atClose);
        // Bounded: no more than the chunks allowed in flight were read ahead of the caller.
        assertThat(atClose).isLessThanOrEqualTo(ChunkedListing.CHUNK * ChunkedListing.AHEAD);
    }
}
