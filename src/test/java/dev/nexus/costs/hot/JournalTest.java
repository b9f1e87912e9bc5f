package dev.nexus.costs.hot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexus.costs.pricing.TokenCounts;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    private static final long SMALL_SEGMENT_BYTES = 1_000;

    @TempDir
    Path dir;

    @Test
    void recordsAreReadBackInOrderAcrossSegments() {
        try (Journal journal = Journal.open(dir, SMALL_SEGMENT_BYTES, 0)) {
            appendOneByOne(journal, 1, 40);

            assertEquals(seqs(1, 40), read(journal, 0, 40));
            assertEquals(seqs(11, 25), read(journal, 10, 25));
            assertTrue(segments().size() > 3, "small segments roll");
        }
    }

    @Test
    void aReopenedJournalGoesOnAfterItsLastRecord() {
        try (Journal journal = Journal.open(dir, SMALL_SEGMENT_BYTES, 0)) {
            appendOneByOne(journal, 1, 25);
        }

        try (Journal journal = Journal.open(dir, SMALL_SEGMENT_BYTES, 0)) {
            appendOneByOne(journal, 26, 30);

            assertEquals(30, journal.lastSeq());
            assertEquals(seqs(1, 30), read(journal, 0, 30));
        }
    }

    @Test
    void aTornRecordAtTheTailIsDroppedOnOpen() throws IOException {
        try (Journal journal = Journal.open(dir, 1 << 20, 0)) {
            journal.append(List.of(record(1), record(2), record(3)));
        }
        Path segment = segments().get(0);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(Files.size(segment) - 5);
        }

        try (Journal journal = Journal.open(dir, 1 << 20, 0)) {
            journal.append(List.of(record(3)));

            assertEquals(seqs(1, 3), read(journal, 0, 3));
        }
    }

    @Test
    void flushedSegmentsAreDeletedButTheOneBeingWrittenIsKept() {
        try (Journal journal = Journal.open(dir, SMALL_SEGMENT_BYTES, 0)) {
            appendOneByOne(journal, 1, 40);

            journal.deleteThrough(40);

            assertEquals(1, segments().size());
            assertEquals(seqs(journal.firstKeptSeq(), 40), read(journal, journal.firstKeptSeq() - 1, 40));
        }
    }

    @Test
    void aSegmentWithUnflushedRecordsIsKept() {
        try (Journal journal = Journal.open(dir, SMALL_SEGMENT_BYTES, 0)) {
            appendOneByOne(journal, 1, 40);

            journal.deleteThrough(20);

            assertTrue(journal.firstKeptSeq() <= 21);
            assertEquals(seqs(21, 40), read(journal, 20, 40));
        }
    }

    @Test
    void anEmptyJournalStartsAfterTheFloor() {
        try (Journal journal = Journal.open(dir, SMALL_SEGMENT_BYTES, 500)) {
            journal.append(List.of(record(501)));

            assertEquals(501, journal.lastSeq());
            assertEquals(List.of(501L), read(journal, 500, 501));
        }
    }

    @Test
    void aRecordOutOfSequenceIsRefused() {
        try (Journal journal = Journal.open(dir, SMALL_SEGMENT_BYTES, 0)) {
            journal.append(List.of(record(1)));

            assertThrows(IllegalArgumentException.class, () -> journal.append(List.of(record(3))));
        }
    }

    @Test
    void aRecordIsReadBackWithEveryField() {
        UsageRecord written = new UsageRecord(1, 1_000, "p1", 3, "a1", 4, "évent-1", "s1", "t1", "gpt-4o",
                new TokenCounts(10, 20, 3, 2, 5), 4_500_000L, 4_500_000L, 2_000, true, LocalDate.of(2026, 3, 10),
                -77);
        try (Journal journal = Journal.open(dir, SMALL_SEGMENT_BYTES, 0)) {
            journal.append(List.of(written));

            List<JournalRecord> read = new ArrayList<>();
            journal.read(0, 1, read::add);

            assertEquals(List.of(written), read);
        }
    }

    private static void appendOneByOne(Journal journal, long first, long last) {
        for (long seq = first; seq <= last; seq++) {
            journal.append(List.of(record(seq)));
        }
    }

    private static List<Long> read(Journal journal, long after, long through) {
        List<Long> seqs = new ArrayList<>();
        journal.read(after, through, record -> seqs.add(record.seq()));
        return seqs;
    }

    private static List<Long> seqs(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().toList();
    }

    private List<Path> segments() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".journal")).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static UsageRecord record(long seq) {
        return new UsageRecord(seq, 0, "p1", 1, null, 0, "e" + seq, null, null, null, TokenCounts.NONE, 1L, 1, 0,
                false, LocalDate.of(2026, 3, 10), seq);
    }
}
