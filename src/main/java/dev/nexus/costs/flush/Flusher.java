package dev.nexus.costs.flush;

import dev.nexus.costs.db.Database;
import dev.nexus.costs.hot.Journal;
import dev.nexus.costs.hot.JournalRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves journal records into PostgreSQL: the events, this node's day counters and whatever the registered
 * {@link FlushStep}s derive, in one transaction per run together with the node's flushed sequence number, so
 * that a run is applied exactly once however often it is tried. When the database is away, records wait in
 * the journal and the flush is tried again every interval.
 *
 * <p>Thread-safe; runs are serialised.
 */
public final class Flusher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Flusher.class);
    private static final int MAX_RECORDS_PER_RUN = 20_000;

    private final Database database;
    private final Journal journal;
    private final String nodeId;
    private final Clock clock;
    private final List<FlushStep> steps = new CopyOnWriteArrayList<>();
    private final List<AfterRun> afterRuns = new CopyOnWriteArrayList<>();
    private final AtomicLong flushedSeq = new AtomicLong();
    private final AtomicLong flushedRecords = new AtomicLong();
    private final AtomicLong failedRuns = new AtomicLong();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "nexus-flusher");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean databaseUp = true;
    private volatile Instant lastSuccess;

    public Flusher(Database database, Journal journal, String nodeId, Clock clock) {
        this.database = database;
        this.journal = journal;
        this.nodeId = nodeId;
        this.clock = clock;
    }

    /** Reads this node's flushed sequence number from the database, registering the node on first start. */
    public long loadFlushedSeq() {
        String sql = "INSERT INTO node_flush (node_id, flushed_seq, flushed_at) VALUES (?, 0, now()) "
                + "ON CONFLICT (node_id) DO UPDATE SET node_id = EXCLUDED.node_id RETURNING flushed_seq";
        try (Connection connection = database.connection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, nodeId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                flushedSeq.set(rows.getLong(1));
                return flushedSeq.get();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the flush state of node " + nodeId, e);
        }
    }

    public void addStep(FlushStep step) {
        steps.add(step);
    }

    /** Work that follows every successful run, such as reading what other nodes flushed. */
    @FunctionalInterface
    public interface AfterRun {
        void run() throws SQLException;
    }

    public void afterEachRun(AfterRun work) {
        afterRuns.add(work);
    }

    public void start(long intervalMs) {
        scheduler.scheduleWithFixedDelay(this::runQuietly, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    /** Flushes until the journal's end as it was at the call; false when the database refused. */
    public synchronized boolean flushNow() {
        long target = journal.lastSeq();
        try {
            while (flushedSeq.get() < target) {
                runOnce(target);
            }
            for (AfterRun work : afterRuns) {
                work.run();
            }
            markUp();
            return true;
        } catch (SQLException | RuntimeException e) {
            markDown(e);
            return false;
        }
    }

    public long flushedSeq() {
        return flushedSeq.get();
    }

    public long flushedRecords() {
        return flushedRecords.get();
    }

    public long failedRuns() {
        return failedRuns.get();
    }

    /** Whether the last flush reached the database. */
    public boolean isDatabaseUp() {
        return databaseUp;
    }

    public Instant lastSuccess() {
        return lastSuccess;
    }

    /** Records accepted but not yet in the database. */
    public long backlog() {
        return journal.lastSeq() - flushedSeq.get();
    }

    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Flusher did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long before = flushedRecords.get();
        if (flushNow()) {
            log.info("Flushed {} records on shutdown", flushedRecords.get() - before);
        } else {
            log.warn("Could not flush on shutdown; {} records stay in the journal for the next start", backlog());
        }
    }

    private void runQuietly() {
        flushNow();
    }

    private void runOnce(long target) throws SQLException {
        long from = flushedSeq.get();
        List<JournalRecord> records = new ArrayList<>();
        journal.read(from, Math.min(target, from + MAX_RECORDS_PER_RUN), records::add);
        if (records.isEmpty()) {
            throw new IllegalStateException("journal records " + (from + 1) + ".." + target + " are missing");
        }
        long through = records.get(records.size() - 1).seq();
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                long stored = lockFlushedSeq(connection);
                List<JournalRecord> unflushed = stored <= from ? records
                        : records.stream().filter(record -> record.seq() > stored).toList();
                FlushWriter.write(connection, nodeId, unflushed);
                for (FlushStep step : steps) {
                    step.write(connection, unflushed);
                }
                storeFlushedSeq(connection, Math.max(through, stored));
                connection.commit();
                flushedSeq.set(Math.max(through, stored));
                flushedRecords.addAndGet(unflushed.size());
                steps.forEach(step -> step.committed(unflushed));
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            }
        }
        journal.deleteThrough(flushedSeq.get());
    }

    private long lockFlushedSeq(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT flushed_seq FROM node_flush WHERE node_id = ? FOR UPDATE")) {
            select.setString(1, nodeId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    private void storeFlushedSeq(Connection connection, long seq) throws SQLException {
        String sql = "INSERT INTO node_flush (node_id, flushed_seq, flushed_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (node_id) DO UPDATE SET flushed_seq = EXCLUDED.flushed_seq, "
                + "flushed_at = EXCLUDED.flushed_at";
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, nodeId);
            update.setLong(2, seq);
            update.setTimestamp(3, java.sql.Timestamp.from(clock.instant()));
            update.executeUpdate();
        }
    }

    private void markUp() {
        if (!databaseUp) {
            log.info("Database is back; flushed up to record {}", flushedSeq.get());
        }
        databaseUp = true;
        lastSuccess = clock.instant();
    }

    private void markDown(Exception e) {
        failedRuns.incrementAndGet();
        if (databaseUp) {
            log.warn("Flush to the database failed; {} records wait in the journal and the flush will be retried "
                    + "every interval", backlog(), e);
        }
        databaseUp = false;
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            log.debug("Rollback after a failed flush failed too", e);
        }
    }
}
