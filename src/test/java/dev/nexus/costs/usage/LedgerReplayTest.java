package dev.nexus.costs.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexus.costs.hot.CounterKey;
import dev.nexus.costs.hot.EventIds;
import dev.nexus.costs.hot.Journal;
import dev.nexus.costs.hot.SpendCounters;
import dev.nexus.costs.hot.Tally;
import dev.nexus.costs.hot.UsageRecord;
import dev.nexus.costs.pricing.TokenCounts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replaying the journal at start adds each record once to every counter: to the counters that had not seen it,
 * and to none twice. After a crash the counters are discarded and rebuilt, so they cannot hold half of an event.
 */
class LedgerReplayTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    private static final int PROJECT = 1;
    private static final int AGENT = 7;
    private static final long[] KEYS = {
        CounterKey.projectDay(PROJECT, DAY), CounterKey.projectMonth(PROJECT, YearMonth.from(DAY)),
        CounterKey.agentDay(AGENT, DAY), CounterKey.agentMonth(AGENT, YearMonth.from(DAY))};

    @TempDir
    Path dir;
    private Journal journal;
    private SpendCounters counters;
    private EventIds ids;

    @BeforeEach
    void open() {
        openHotState(false);
    }

    @AfterEach
    void close() {
        closeHotState();
    }

    @Test
    void aRecordAppliedToSomeOfItsCountersIsAppliedToTheRestOnReplay() {
        UsageRecord record = record(1, "e1", 2_500);
        journal.append(List.of(record));
        counters.add(KEYS[0], record.delta(), 1);
        counters.add(KEYS[1], record.delta(), 1);
        reopen(false);

        new Ledger(journal, counters, ids, Clock.fixed(NOW, ZoneOffset.UTC)).replay(0);

        for (long key : KEYS) {
            assertEquals(new Tally(2_500, 150, 1), counters.get(key));
        }
        assertTrue(ids.find(PROJECT, "e1").isPresent());
    }

    @Test
    void replayingAgainAddsNothing() {
        UsageRecord first = record(1, "e1", 2_500);
        UsageRecord second = record(2, "e2", 500);
        journal.append(List.of(first, second));
        for (long key : KEYS) {
            counters.add(key, first.delta(), 1);
        }
        counters.add(KEYS[2], second.delta(), 2);

        new Ledger(journal, counters, ids, Clock.fixed(NOW, ZoneOffset.UTC)).replay(0);
        reopen(false);
        new Ledger(journal, counters, ids, Clock.fixed(NOW, ZoneOffset.UTC)).replay(0);

        for (long key : KEYS) {
            assertEquals(new Tally(3_000, 300, 2), counters.get(key));
        }
    }

    @Test
    void theCountersOfACrashedProcessAreRebuiltFromTheJournal() {
        UsageRecord record = record(1, "e1", 2_500);
        journal.append(List.of(record));
        counters.add(KEYS[0], record.delta(), 1);
        reopen(true);

        new Ledger(journal, counters, ids, Clock.fixed(NOW, ZoneOffset.UTC)).replay(0);

        assertTrue(counters.isFresh());
        for (long key : KEYS) {
            assertEquals(new Tally(2_500, 150, 1), counters.get(key));
        }
    }

    @Test
    void aRecordWrittenButNeverAppliedIsCountedOnReplay() {
        journal.append(List.of(record(1, "e1", 2_500)));
        reopen(true);

        new Ledger(journal, counters, ids, Clock.fixed(NOW, ZoneOffset.UTC)).replay(0);

        assertEquals(new Tally(2_500, 150, 1), counters.get(KEYS[0]));
        assertEquals(new Tally(2_500, 150, 1), counters.get(KEYS[3]));
    }

    /** Closes and opens the hot files again, as a restart does; {@code crashed} when not closed cleanly. */
    private void reopen(boolean crashed) {
        closeHotState();
        openHotState(crashed);
    }

    private void openHotState(boolean recover) {
        journal = Journal.open(dir.resolve("journal"), 1 << 20, 0);
        counters = SpendCounters.open(dir.resolve("spend-counters.cm"), 1_000, recover);
        ids = EventIds.open(dir.resolve("event-ids"), 1_000, Duration.ofDays(35), recover, NOW);
    }

    private void closeHotState() {
        ids.close();
        counters.close();
        journal.close();
    }

    private static UsageRecord record(long seq, String eventId, long costNanos) {
        long micros = NOW.getEpochSecond() * 1_000_000;
        return new UsageRecord(seq, micros, "p1", PROJECT, "a1", AGENT, eventId, null, null, null,
                new TokenCounts(100, 50, 0, 0, 0), costNanos, costNanos, micros, true, DAY, 42);
    }
}
