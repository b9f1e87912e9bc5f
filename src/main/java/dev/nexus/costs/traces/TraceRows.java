package dev.nexus.costs.traces;

import dev.nexus.costs.db.Database;
import dev.nexus.costs.error.NexusException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code traces} table: creating a row and reading rows with their totals, which include the usage that is
 * counted but not yet flushed (see {@link TraceTotals}). Thread-safe.
 */
final class TraceRows {

    /** Binds the parameters of a statement. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    static final String COLUMNS = "id, project_id, session_id, agent_id, status, started_at, completed_at, "
            + "event_count, event_bytes, total_tokens, total_cost_nanos, "
            + "COALESCE((SELECT flushed_seq FROM node_flush WHERE node_id = ?), 0)";

    private final Database database;
    private final TraceTotals totals;
    private final String nodeId;

    TraceRows(Database database, TraceTotals totals, String nodeId) {
        this.database = database;
        this.totals = totals;
        this.nodeId = nodeId;
    }

    /** Stores a new running trace; empty when the id exists. */
    Optional<Trace> insert(TraceDraft draft, Instant now) {
        String sql = "INSERT INTO traces (id, project_id, session_id, agent_id, status, started_at, created_at, "
                + "last_activity_at) VALUES (?, ?, ?, ?, 'running', ?, ?, ?) ON CONFLICT (id) DO NOTHING";
        try (Connection connection = database.connection();
             PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, draft.id());
            insert.setString(2, draft.projectId());
            insert.setString(3, draft.sessionId());
            insert.setString(4, draft.agentId());
            setInstant(insert, 5, draft.startedAt());
            setInstant(insert, 6, now);
            setInstant(insert, 7, now);
            if (insert.executeUpdate() == 0) {
                return Optional.empty();
            }
            return Optional.of(new Trace(draft.id(), draft.projectId(), draft.sessionId(), draft.agentId(),
                    Trace.RUNNING, draft.startedAt(), null, 0, 0, 0, 0));
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    Optional<Trace> find(String traceId) {
        return select("SELECT " + COLUMNS + " FROM traces WHERE id = ?", statement -> statement.setString(2, traceId))
                .stream().findFirst();
    }

    /**
     * Runs a query of {@link #COLUMNS}, adding each trace's pending usage to its stored totals. Its first
     * parameter, inside {@code COLUMNS}, is this node's id; the binder binds the others.
     */
    List<Trace> select(String sql, Binder binder) {
        try (Connection connection = database.connection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, nodeId);
            binder.bind(statement);
            return totals.read(() -> withPending(statement));
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    Optional<String> projectOf(String traceId) {
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement("SELECT project_id FROM traces WHERE id = ?")) {
            select.setString(1, traceId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Distinct (project, session) pairs with a running trace, from the partial index of running traces. */
    long activeSessions() {
        String sql = "SELECT count(*) FROM (SELECT DISTINCT project_id, session_id FROM traces "
                + "WHERE status = 'running') AS running";
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement(sql);
             ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** The running traces created before {@code cutoff}, which the index keeps however old. */
    Set<String> runningCreatedBefore(Instant cutoff) {
        String sql = "SELECT id FROM traces WHERE status = 'running' AND created_at < ?";
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            setInstant(select, 1, cutoff);
            Set<String> running = new HashSet<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    running.add(rows.getString(1));
                }
            }
            return running;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private List<Trace> withPending(PreparedStatement statement) throws SQLException {
        List<Trace> traces = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                Trace stored = new Trace(rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getString(4), rows.getString(5), instant(rows, 6), instant(rows, 7), rows.getInt(8),
                        rows.getLong(9), rows.getLong(10), rows.getLong(11));
                traces.add(stored.plus(totals.pendingAfter(stored.id(), rows.getLong(12))));
            }
        }
        return traces;
    }

    static Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, utc(instant));
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static NexusException unavailable(SQLException e) {
        return NexusException.unavailable("database_unavailable", "the database cannot serve traces now; try again",
                e);
    }
}
