package dev.nexus.costs.bench;

import dev.nexus.costs.hot.CounterKey;
import dev.nexus.costs.hot.SpendCounters;
import dev.nexus.costs.hot.Tally;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** One read and one add of a hot counter, among 8,192 counters in a map sized for 200,000. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SpendCountersBenchmark {

    private static final int COUNTERS = 8_192;
    private static final Tally DELTA = new Tally(4_500_000, 1_200, 1);

    private Path dir;
    private SpendCounters counters;
    private final long[] keys = new long[COUNTERS];
    private long seq;
    private int next;

    @Setup
    public void open() {
        dir = TempDir.create("counters");
        counters = SpendCounters.open(dir.resolve("spend-counters.cm"), 200_000, false);
        for (int i = 0; i < COUNTERS; i++) {
            keys[i] = CounterKey.projectDay(i + 1, Records.DAY);
            counters.add(keys[i], DELTA, ++seq);
        }
    }

    @TearDown
    public void close() {
        counters.close();
        TempDir.delete(dir);
    }

    @Benchmark
    public Tally get() {
        return counters.get(keys[next++ & (COUNTERS - 1)]);
    }

    @Benchmark
    public boolean add() {
        return counters.add(keys[next++ & (COUNTERS - 1)], DELTA, ++seq);
    }
}
