package dev.nexus.costs.traces;

import dev.nexus.costs.flush.FlushStep;
import dev.nexus.costs.hot.JournalRecord;
import dev.nexus.costs.hot.Tally;
import dev.nexus.costs.hot.UsageRecord;
import dev.nexus.costs.usage.LedgerListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The usage that names a trace but is not yet in its stored totals: heard from the ledger as it is applied,
 * added to {@code traces} by the flush, and forgotten once that flush committed.
 *
 * <p>A stored row is read together with this node's flushed sequence number, in one statement; the row then
 * holds exactly the records up to that number, and {@link #pendingAfter} adds those after it. Forgetting
 * happens under the write side of a gate whose read side spans that statement and the pending read, so that a
 * read that saw the row before a commit still finds the records that the commit moved. Records are kept with
 * their sequence number, so a record both in the row and still pending is never counted twice.
 *
 * <p>Thread-safe. Memory: one small entry per unflushed usage record that names a trace.
 */
public final class TraceTotals implements LedgerListener, FlushStep {

    private record Delta(long seq, long tokens, long costNanos) {
    }

    private final Map<String, Deque<Delta>> pending = new HashMap<>();
    private final ReadWriteLock gate = new ReentrantReadWriteLock();

    /** A read of stored rows that adds their pending usage. */
    @FunctionalInterface
    interface StoredRead<T> {
        T run() throws SQLException;
    }

    /** Runs a read of stored totals and the {@link #pendingAfter} calls that go with it, consistently. */
    <T> T read(StoredRead<T> storedAndPending) throws SQLException {
        gate.readLock().lock();
        try {
            return storedAndPending.run();
        } finally {
            gate.readLock().unlock();
        }
    }

    /** The usage of a trace in records after {@code flushedSeq}; call it inside {@link #read}. */
    synchronized Tally pendingAfter(String traceId, long flushedSeq) {
        Deque<Delta> deltas = pending.get(traceId);
        if (deltas == null) {
            return Tally.ZERO;
        }
        long tokens = 0;
        long cost = 0;
        long count = 0;
        for (Delta delta : deltas) {
            if (delta.seq() > flushedSeq) {
                tokens += delta.tokens();
                cost += delta.costNanos();
                count++;
            }
        }
        return new Tally(cost, tokens, count);
    }

    /** Whether the trace has usage that the database does not show yet. */
    synchronized boolean hasPending(String traceId) {
        return pending.containsKey(traceId);
    }

    @Override
    public synchronized void applied(List<? extends JournalRecord> records) {
        for (JournalRecord record : records) {
            if (record.traceId() != null) {
                Tally delta = record.delta();
                pending.computeIfAbsent(record.traceId(), id -> new ArrayDeque<>())
                        .addLast(new Delta(record.seq(), delta.tokens(), delta.costNanos()));
            }
        }
    }

    @Override
    public void write(Connection connection, List<JournalRecord> records) throws SQLException {
        Map<String, TraceTotalsWriter.Sum> sums = new HashMap<>();
        for (JournalRecord record : records) {
            if (record.traceId() != null) {
                long activityMicros = record instanceof UsageRecord usage ? usage.receivedAtMicros() : Long.MIN_VALUE;
                sums.merge(record.traceId(), new TraceTotalsWriter.Sum(record.delta(), activityMicros),
                        TraceTotalsWriter.Sum::plus);
            }
        }
        TraceTotalsWriter.add(connection, sums);
    }

    @Override
    public void committed(List<JournalRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        long through = records.get(records.size() - 1).seq();
        gate.writeLock().lock();
        try {
            forget(records, through);
        } finally {
            gate.writeLock().unlock();
        }
    }

    private synchronized void forget(List<JournalRecord> records, long through) {
        for (JournalRecord record : records) {
            Deque<Delta> deltas = record.traceId() == null ? null : pending.get(record.traceId());
            if (deltas == null) {
                continue;
            }
            while (!deltas.isEmpty() && deltas.peekFirst().seq() <= through) {
                deltas.removeFirst();
            }
            if (deltas.isEmpty()) {
                pending.remove(record.traceId());
            }
        }
    }
}
