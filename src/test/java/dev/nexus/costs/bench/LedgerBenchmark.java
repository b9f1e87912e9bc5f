package dev.nexus.costs.bench;

import dev.nexus.costs.hot.EventIds;
import dev.nexus.costs.hot.Journal;
import dev.nexus.costs.hot.SpendCounters;
import dev.nexus.costs.usage.Ledger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
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
 * Counting one new event through the ledger: the id lookup, the journal append and the four counter adds and
 * the id remembered, under the ledger's lock. Parsing, pricing and HTTP are not in it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LedgerBenchmark {

    private Path dir;
    private Journal journal;
    private SpendCounters counters;
    private EventIds ids;
    private Ledger ledger;
    private long next;

    @Setup
    public void open() {
        dir = TempDir.create("ledger");
        journal = Journal.open(dir.resolve("journal"), 16L * 1024 * 1024, 0);
        counters = SpendCounters.open(dir.resolve("spend-counters.cm"), 200_000, false);
        ids = EventIds.open(dir.resolve("event-ids"), 1_000_000, Duration.ofDays(35), false, Records.NOW);
        ledger = new Ledger(journal, counters, ids, Clock.fixed(Records.NOW, ZoneOffset.UTC));
    }

    @TearDown(Level.Iteration)
    public void dropFlushed() {
        journal.deleteThrough(journal.lastSeq());
    }

    @TearDown
    public void close() {
        ids.close();
        counters.close();
        journal.close();
        TempDir.delete(dir);
    }

    @Benchmark
    public Ledger.Outcome recordOne() {
        Ledger.Candidate candidate = new Ledger.Candidate(-1, Records.usage("evt-7f3a9c-" + next++));
        return ledger.record(List.of(candidate), List.of());
    }
}
