package dev.nexus.costs.traces;

import dev.nexus.costs.db.Database;
import dev.nexus.costs.error.NexusException;
import dev.nexus.costs.traces.TraceOp.Outcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of trace changes: requests queue their changes here and wait; a background thread takes
 * whatever has queued, up to a batch, and applies it in one transaction ({@link TraceBatch}), then completes
 * each change's future. Many agents appending at once thus share a few round trips per batch instead of
 * paying a transaction each, and the queue's order is the order of arrival that events are numbered in.
 *
 * <p>Thread-safe. When the database fails, the batch's changes fail with 503 and nothing of them is kept.
 */
final class TraceWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TraceWriter.class);
    static final int QUEUE_CAPACITY = 20_000;
    static final int MAX_BATCH = 500;
    private static final long POLL_MS = 200;

    private final Database database;
    private final int maxEvents;
    private final BlockingQueue<TraceOp> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread thread;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong changes = new AtomicLong();
    private volatile boolean closing;

    TraceWriter(Database database, int maxEvents) {
        this.database = database;
        this.maxEvents = maxEvents;
        this.thread = new Thread(this::run, "nexus-trace-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a change; 503 when the queue is full or the writer is stopping. */
    <T extends TraceOp> T submit(T op) {
        if (closing || !queue.offer(op)) {
            throw TraceErrors.busy();
        }
        return op;
    }

    /** Transactions committed so far. */
    long batches() {
        return batches.get();
    }

    /** Changes written so far, applied or refused. */
    long changes() {
        return changes.get();
    }

    /** Changes waiting for the writer. */
    int queued() {
        return queue.size();
    }

    /** Stops taking changes and writes those already queued. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<TraceOp> left = new ArrayList<>();
        queue.drainTo(left);
        fail(left, NexusException.unavailable("shutting_down", "the service is stopping", null));
    }

    private void run() {
        List<TraceOp> batch = new ArrayList<>(MAX_BATCH);
        while (!closing || !queue.isEmpty()) {
            try {
                TraceOp first = queue.poll(POLL_MS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<TraceOp> batch) {
        List<Outcome> outcomes;
        try {
            outcomes = writeInOneTransaction(batch);
        } catch (SQLException e) {
            if (isAboutData(e) && batch.size() > 1) {
                // One change the checks let through must not fail the others that shared its batch.
                log.warn("The database refused a batch of {} trace changes for its data; writing them one by one",
                        batch.size(), e);
                batch.forEach(op -> write(List.of(op)));
            } else if (isAboutData(e)) {
                fail(batch, NexusException.invalid(null, "the database refused this trace change: "
                        + e.getMessage()));
            } else {
                log.warn("Writing {} trace changes failed; they were refused with 503", batch.size(), e);
                fail(batch, TraceRows.unavailable(e));
            }
            return;
        } catch (RuntimeException e) {
            log.error("Writing {} trace changes failed", batch.size(), e);
            fail(batch, NexusException.unavailable("trace_write_failed", "the trace change could not be written", e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).outcome().complete(outcomes.get(i));
        }
    }

    private List<Outcome> writeInOneTransaction(List<TraceOp> batch) throws SQLException {
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                List<Outcome> outcomes = new TraceBatch(maxEvents).write(connection, batch);
                connection.commit();
                batches.incrementAndGet();
                changes.addAndGet(batch.size());
                return outcomes;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** A data exception (SQLSTATE class 22): the content of a change, not the database, is at fault. */
    private static boolean isAboutData(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("22");
    }

    private static void fail(List<TraceOp> ops, NexusException error) {
        ops.forEach(op -> op.outcome().completeExceptionally(error));
    }
}
