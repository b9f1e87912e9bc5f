package dev.nexus.costs.bench;

import dev.nexus.costs.hot.Journal;
import dev.nexus.costs.hot.UsageRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Appending to the journal (encoding, checksum, write to the page cache; no fsync, as in the service): one
 * record, and a batch of 1,000 as one post of a full batch makes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JournalBenchmark {

    private static final int BATCH = 1_000;

    private Path dir;
    private Journal journal;
    private final UsageRecord template = Records.usage("evt-7f3a9c-000001");

    @Setup
    public void open() {
        dir = TempDir.create("journal");
        journal = Journal.open(dir, 16L * 1024 * 1024, 0);
    }

    /** Drops the written segments, as the flush would, so that a run does not fill the disk. */
    @TearDown(Level.Iteration)
    public void dropFlushed() {
        journal.deleteThrough(journal.lastSeq());
    }

    @TearDown
    public void close() {
        journal.close();
        TempDir.delete(dir);
    }

    @Benchmark
    public long appendOne() {
        journal.append(List.of(template.withSeq(journal.lastSeq() + 1)));
        return journal.lastSeq();
    }

    @Benchmark
    public long appendBatchOf1000() {
        List<UsageRecord> batch = new ArrayList<>(BATCH);
        long seq = journal.lastSeq();
        for (int i = 0; i < BATCH; i++) {
            batch.add(template.withSeq(++seq));
        }
        journal.append(batch);
        return journal.lastSeq();
    }
}
