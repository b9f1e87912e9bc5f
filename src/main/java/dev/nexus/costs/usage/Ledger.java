package dev.nexus.costs.usage;

import dev.nexus.costs.error.NexusException;
import dev.nexus.costs.hot.CorrectionRecord;
import dev.nexus.costs.hot.CounterKey;
import dev.nexus.costs.hot.EventIds;
import dev.nexus.costs.hot.Journal;
import dev.nexus.costs.hot.JournalRecord;
import dev.nexus.costs.hot.SeenEvent;
import dev.nexus.costs.hot.SpendCounters;
import dev.nexus.costs.hot.Tally;
import dev.nexus.costs.hot.UsageRecord;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The single writer of the hot state. Under one lock it decides which events are new, appends them to the
 * journal and only then adds them to the counters and the remembered ids, so that whatever the process dies
 * in the middle of, the journal says what was accepted and a restart finishes applying it.
 *
 * <p>Thread-safe.
 */
public final class Ledger {

    /** What became of the events of one post, by index. */
    public record Outcome(List<UsageRecord> accepted, Map<Integer, SeenEvent> duplicates) {
    }

    /** An event to count, with its index in the post. */
    public record Candidate(int index, UsageRecord record) {
    }

    private final Journal journal;
    private final SpendCounters counters;
    private final EventIds ids;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<LedgerListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong acceptedEvents = new AtomicLong();
    private final AtomicLong duplicateEvents = new AtomicLong();

    public Ledger(Journal journal, SpendCounters counters, EventIds ids, Clock clock) {
        this.journal = journal;
        this.counters = counters;
        this.ids = ids;
        this.clock = clock;
    }

    public void addListener(LedgerListener listener) {
        listeners.add(listener);
    }

    /**
     * Counts the new events among {@code candidates}. A repeat of a counted id with the same content is a
     * duplicate; with other content it is an error, and any error (also those in {@code errors}, found before)
     * fails the whole post with nothing counted.
     */
    public Outcome record(List<Candidate> candidates, List<NexusException.Item> errors) {
        lock.lock();
        try {
            List<NexusException.Item> allErrors = new ArrayList<>(errors);
            Map<Integer, SeenEvent> duplicates = new HashMap<>();
            List<UsageRecord> fresh = sortOut(candidates, allErrors, duplicates);
            if (!allErrors.isEmpty()) {
                throw UsageErrors.of(allErrors);
            }
            requireRoom(newCounters(fresh));
            List<UsageRecord> numbered = new ArrayList<>(fresh.size());
            long seq = journal.lastSeq();
            for (UsageRecord record : fresh) {
                numbered.add(record.withSeq(++seq));
            }
            journal.append(numbered);
            apply(numbered);
            acceptedEvents.addAndGet(numbered.size());
            duplicateEvents.addAndGet(duplicates.size());
            return new Outcome(numbered, duplicates);
        } finally {
            lock.unlock();
        }
    }

    /** Journals and applies a correction of a counted event's cost. */
    public CorrectionRecord correct(CorrectionRecord correction) {
        lock.lock();
        try {
            requireRoom(4);
            CorrectionRecord numbered = correction.withSeq(journal.lastSeq() + 1);
            journal.append(List.of(numbered));
            apply(List.of(numbered));
            return numbered;
        } finally {
            lock.unlock();
        }
    }

    /** Applies the journal's kept records at start; listeners hear of those after {@code flushedSeq}. */
    public void replay(long flushedSeq) {
        lock.lock();
        try {
            List<JournalRecord> pending = new ArrayList<>();
            journal.read(journal.firstKeptSeq() - 1, journal.lastSeq(), record -> {
                applyToCounters(record);
                if (record.seq() > flushedSeq) {
                    pending.add(record);
                }
            });
            counters.markApplied(journal.lastSeq());
            if (!pending.isEmpty()) {
                listeners.forEach(listener -> listener.applied(pending));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Drops remembered event ids past their retention; taken under the lock, as lookups are. */
    public void expireEventIds() {
        lock.lock();
        try {
            ids.expire(clock.instant());
        } finally {
            lock.unlock();
        }
    }

    public long lastSeq() {
        return journal.lastSeq();
    }

    /** Events counted by this process since it started. */
    public long acceptedEvents() {
        return acceptedEvents.get();
    }

    /** Re-posts answered as duplicates by this process since it started. */
    public long duplicateEvents() {
        return duplicateEvents.get();
    }

    private List<UsageRecord> sortOut(List<Candidate> candidates, List<NexusException.Item> errors,
                                      Map<Integer, SeenEvent> duplicates) {
        List<UsageRecord> fresh = new ArrayList<>();
        Map<String, UsageRecord> inThisPost = new HashMap<>();
        for (Candidate candidate : candidates) {
            UsageRecord record = candidate.record();
            SeenEvent seen = ids.find(record.projectNum(), record.eventId()).orElse(null);
            UsageRecord earlier = inThisPost.putIfAbsent(record.projectNum() + ":" + record.eventId(), record);
            if (seen == null && earlier != null) {
                seen = seenOf(earlier);
            }
            if (seen == null) {
                fresh.add(record);
            } else if (sameContent(seen, record)) {
                duplicates.put(candidate.index(), seen);
            } else {
                errors.add(UsageErrors.idConflict(candidate.index(), record.eventId()));
            }
        }
        return fresh;
    }

    private static SeenEvent seenOf(UsageRecord record) {
        return new SeenEvent(record.fingerprint(), record.occurredAtMicros(), record.costNanos(), 0);
    }

    private static boolean sameContent(SeenEvent seen, UsageRecord repost) {
        return seen.fingerprint() == repost.fingerprint()
                && (!repost.timestampGiven() || seen.timestampMicros() == repost.occurredAtMicros());
    }

    private void apply(List<? extends JournalRecord> records) {
        for (JournalRecord record : records) {
            applyToCounters(record);
        }
        counters.markApplied(journal.lastSeq());
        listeners.forEach(listener -> listener.applied(records));
    }

    private void applyToCounters(JournalRecord record) {
        Tally delta = record.delta();
        for (long key : counterKeys(record)) {
            counters.add(key, delta, record.seq());
        }
        if (record instanceof UsageRecord usage) {
            SeenEvent seen = new SeenEvent(usage.fingerprint(), usage.occurredAtMicros(), usage.costNanos(),
                    usage.seq());
            ids.remember(usage.projectNum(), usage.eventId(), seen, clock.instant());
        }
    }

    /** The counters a record adds to: its project's day and month, and its agent's when it names one. */
    private static long[] counterKeys(JournalRecord record) {
        YearMonth month = YearMonth.from(record.day());
        long projectDay = CounterKey.projectDay(record.projectNum(), record.day());
        long projectMonth = CounterKey.projectMonth(record.projectNum(), month);
        if (record.agentNum() == 0) {
            return new long[] {projectDay, projectMonth};
        }
        return new long[] {projectDay, projectMonth, CounterKey.agentDay(record.agentNum(), record.day()),
            CounterKey.agentMonth(record.agentNum(), month)};
    }

    /** How many counters a post may add at most: the distinct ones its records touch. */
    /** How many counters the records would create: a post that only adds to existing ones always has room. */
    private long newCounters(List<UsageRecord> records) {
        Set<Long> keys = new HashSet<>();
        for (UsageRecord record : records) {
            for (long key : counterKeys(record)) {
                if (!counters.contains(key)) {
                    keys.add(key);
                }
            }
        }
        return keys.size();
    }

    private void requireRoom(long newCounters) {
        if (newCounters > 0 && counters.size() + newCounters > counters.capacity() * 2) {
            throw NexusException.unavailable("counters_full", "the hot counters hold " + counters.size()
                    + " entries, twice the " + counters.capacity() + " they were sized for; restart with a larger "
                    + "NEXUS_COUNTER_ENTRIES", null);
        }
    }
}
