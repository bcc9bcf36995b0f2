package dev.ferry.ftp.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReadAheadTest {

    @Test
    void everyEntryArrivesOnceInTheSourcesOrder() {
        List<Integer> source = IntStream.range(0, 10_000).boxed().toList();
        List<Integer> seen = new ArrayList<>();
        try (ReadAhead<Integer> ahead = new ReadAhead<>(source.iterator())) {
            ahead.forEachRemaining(seen::add);
            assertThat(ahead.hasNext()).isFalse();
        }
        assertThat(seen).isEqualTo(source);
    }

    @Test
    void aSmallSourceIsReadOnTheCallersThreadAlone() {
        List<String> readOn = new ArrayList<>();
        Iterator<Integer> source = new Iterator<>() {
            int i;
            public boolean hasNext() { return i < ReadAhead.BATCH; }
            public Integer next() { readOn.add(Thread.currentThread().getName()); return i++; }
        };
        List<Integer> seen = new ArrayList<>();
        try (ReadAhead<Integer> ahead = new ReadAhead<>(source)) {
            ahead.forEachRemaining(seen::add);
        }
        assertThat(seen).hasSize(ReadAhead.BATCH);
        assertThat(readOn).containsOnly(Thread.currentThread().getName());
    }

    @Test
    void theSourcesFailureReachesTheCallerAfterTheEntriesBeforeIt() {
        Iterator<Integer> failing = new Iterator<>() {
            int i;
            public boolean hasNext() { return true; }
            public Integer next() {
                if (i == 1000) {
                    throw new UncheckedIOException(new java.io.IOException("EIO in readdir"));
                }
                return i++;
            }
        };
        List<Integer> seen = new ArrayList<>();
        try (ReadAhead<Integer> ahead = new ReadAhead<>(failing)) {
            assertThatThrownBy(() -> ahead.forEachRemaining(seen::add))
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining("EIO in readdir");
        }
        assertThat(seen).isEqualTo(IntStream.range(0, 1000).boxed().toList());
    }

    @Test
    void closeStopsTheReaderAndTheSourceIsLeftAlone() throws Exception {
        AtomicInteger produced = new AtomicInteger();
        AtomicBoolean touchedAfterClose = new AtomicBoolean();
        AtomicBoolean closed = new AtomicBoolean();
        Iterator<Integer> endless = new Iterator<>() {
            public boolean hasNext() { touchedAfterClose.compareAndSet(false, closed.get()); return true; }
            public Integer next() { touchedAfterClose.compareAndSet(false, closed.get()); return produced.getAndIncrement(); }
        };
        ReadAhead<Integer> ahead = new ReadAhead<>(endless);
        for (int i = 0; i < 10; i++) {
            assertThat(ahead.next()).isEqualTo(i);
        }
        Thread.sleep(100); // the reader fills the queue and waits for room
        ahead.close();
        closed.set(true);
        int atClose = produced.get();
        Thread.sleep(100);
        assertThat(produced.get()).isEqualTo(atClose);
        assertThat(touchedAfterClose).isFalse();
        // Bounded: the reader never ran further ahead than the queue allows.
        assertThat(atClose).isLessThanOrEqualTo(ReadAhead.BATCH * (ReadAhead.QUEUED + 2));
    }
}
