package dev.nexus.costs.bench;

import dev.nexus.costs.hot.EventIds;
import dev.nexus.costs.hot.SeenEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Looking up an event id among 100,000 remembered ones: one that is there, and one that is not. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EventIdsBenchmark {

    private static final int REMEMBERED = 100_000;
    private static final int PROBES = 65_536;

    private Path dir;
    private EventIds ids;
    private final String[] present = new String[PROBES];
    private final String[] absent = new String[PROBES];
    private int next;

    @Setup
    public void open() {
        dir = TempDir.create("ids");
        ids = EventIds.open(dir, 1_000_000, Duration.ofDays(35), false, Records.NOW);
        SeenEvent seen = new SeenEvent(42, 0, 4_500_000, 1);
        for (int i = 0; i < REMEMBERED; i++) {
            ids.remember(1, "evt-" + i + "-7f3a9c", seen, Records.NOW);
        }
        for (int i = 0; i < PROBES; i++) {
            present[i] = "evt-" + (i * 37 % REMEMBERED) + "-7f3a9c";
            absent[i] = "evt-" + (REMEMBERED + i) + "-7f3a9c";
        }
    }

    @TearDown
    public void close() {
        ids.close();
        TempDir.delete(dir);
    }

    @Benchmark
    public Optional<SeenEvent> findHit() {
        return ids.find(1, present[next++ & (PROBES - 1)]);
    }

    @Benchmark
    public Optional<SeenEvent> findMiss() {
        return ids.find(1, absent[next++ & (PROBES - 1)]);
    }
}
