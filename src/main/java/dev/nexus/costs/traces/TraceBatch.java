package dev.nexus.costs.traces;

import dev.nexus.costs.traces.TraceOp.Outcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies a batch of queued changes in the caller's transaction, in a handful of round trips: lock the traces
 * they touch (in id order, as every writer of traces does), decide each change against the locked rows in
 * queue order, then insert all new events in one batch and update the rows in another.
 *
 * <p>Because the rows are locked, the numbering of events and the checks of status and size hold across
 * threads and across nodes sharing the database. Not thread-safe: one per batch.
 */
final class TraceBatch {

    private static final String LOCK = "SELECT id, status, event_count, event_bytes, last_activity_at, completed_at "
            + "FROM traces WHERE id = ANY(?) ORDER BY id FOR NO KEY UPDATE";
    private static final String INSERT = "INSERT INTO trace_events (trace_id, seq, type, occurred_at, data) "
            + "VALUES (?, ?, ?, ?, ?::json)";
    private static final String UPDATE = "UPDATE traces SET status = ?, completed_at = ?, last_activity_at = ?, "
            + "event_count = ?, event_bytes = ? WHERE id = ?";

    /** A locked trace row as the batch changes it. */
    private static final class Row {
        String status;
        int eventCount;
        long eventBytes;
        Instant lastActivityAt;
        Instant completedAt;
        boolean changed;
    }

    private record NewEvent(String traceId, TraceEvent event) {
    }

    private final int maxEvents;
    private final Map<String, Row> rows = new TreeMap<>();
    private final List<NewEvent> newEvents = new ArrayList<>();

    TraceBatch(int maxEvents) {
        this.maxEvents = maxEvents;
    }

    /** Applies the changes; the outcomes are in the changes' order and hold once the transaction commits. */
    List<Outcome> write(Connection connection, List<TraceOp> ops) throws SQLException {
        lock(connection, ops.stream().map(TraceOp::traceId).distinct().toArray(String[]::new));
        List<Outcome> outcomes = new ArrayList<>(ops.size());
        for (TraceOp op : ops) {
            outcomes.add(apply(op, rows.get(op.traceId())));
        }
        insertEvents(connection);
        updateRows(connection);
        return outcomes;
    }

    private Outcome apply(TraceOp op, Row row) {
        if (row == null) {
            return Outcome.MISSING;
        }
        if (!Trace.RUNNING.equals(row.status)) {
            return Outcome.CLOSED;
        }
        if (op instanceof TraceOp.Append append) {
            return append(op.traceId(), row, append);
        }
        if (op instanceof TraceOp.Complete complete) {
            return close(row, complete.status(), complete.completedAt(), complete.receivedAt());
        }
        return closeIdle(op.traceId(), row, (TraceOp.IdleClose) op);
    }

    private Outcome append(String traceId, Row row, TraceOp.Append append) {
        if ((long) row.eventCount + append.events().size() > maxEvents) {
            return Outcome.FULL;
        }
        append.events().forEach(event -> add(traceId, row, event));
        row.lastActivityAt = latest(row.lastActivityAt, append.receivedAt());
        return Outcome.DONE;
    }

    private Outcome closeIdle(String traceId, Row row, TraceOp.IdleClose idle) {
        if (row.lastActivityAt.isAfter(idle.lastActivityAt())) {
            return Outcome.ACTIVE;
        }
        // The reason is recorded even in a full trace: it is the one event the service itself adds.
        add(traceId, row, idle.why());
        return close(row, Trace.ERROR, idle.closedAt(), idle.closedAt());
    }

    private static Outcome close(Row row, String status, Instant completedAt, Instant receivedAt) {
        row.status = status;
        row.completedAt = completedAt;
        row.lastActivityAt = latest(row.lastActivityAt, receivedAt);
        row.changed = true;
        return Outcome.DONE;
    }

    private void add(String traceId, Row row, TraceEvent event) {
        row.eventCount++;
        row.eventBytes += event.dataBytes();
        row.changed = true;
        newEvents.add(new NewEvent(traceId, event.numbered(row.eventCount)));
    }

    private void lock(Connection connection, String[] traceIds) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(LOCK)) {
            select.setArray(1, connection.createArrayOf("text", traceIds));
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    Row row = new Row();
                    row.status = result.getString(2);
                    row.eventCount = result.getInt(3);
                    row.eventBytes = result.getLong(4);
                    row.lastActivityAt = TraceRows.instant(result, 5);
                    row.completedAt = TraceRows.instant(result, 6);
                    rows.put(result.getString(1), row);
                }
            }
        }
    }

    private void insertEvents(Connection connection) throws SQLException {
        if (newEvents.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (NewEvent added : newEvents) {
                insert.setString(1, added.traceId());
                insert.setInt(2, added.event().seq());
                insert.setString(3, added.event().type());
                TraceRows.setInstant(insert, 4, added.event().timestamp());
                insert.setString(5, added.event().dataJson());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void updateRows(Connection connection) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            boolean any = false;
            for (Map.Entry<String, Row> entry : rows.entrySet()) {
                Row row = entry.getValue();
                if (row.changed) {
                    update.setString(1, row.status);
                    TraceRows.setInstant(update, 2, row.completedAt);
                    TraceRows.setInstant(update, 3, row.lastActivityAt);
                    update.setInt(4, row.eventCount);
                    update.setLong(5, row.eventBytes);
                    update.setString(6, entry.getKey());
                    update.addBatch();
                    any = true;
                }
            }
            if (any) {
                update.executeBatch();
            }
        }
    }

    private static Instant latest(Instant a, Instant b) {
        return b.isAfter(a) ? b : a;
    }
}
