package dev.nexus.costs.approvals;

import dev.nexus.costs.budget.Scope;
import dev.nexus.costs.db.Database;
import dev.nexus.costs.error.NexusException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Approvals in PostgreSQL. Thread-safe. */
final class ApprovalStore {

    private static final String COLUMNS = "id, project_id, agent_id, scope, period, requested_nanos, reason, status, "
            + "created_at, decided_at";

    private final Database database;

    ApprovalStore(Database database) {
        this.database = database;
    }

    void insert(Approval approval) {
        String sql = "INSERT INTO approvals (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)";
        try (Connection connection = database.connection();
             PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, approval.id());
            insert.setString(2, approval.projectId());
            insert.setString(3, approval.agentId());
            insert.setString(4, approval.scope().wireName());
            insert.setString(5, approval.period());
            insert.setLong(6, approval.requestedNanos());
            insert.setString(7, approval.reason());
            insert.setString(8, approval.status());
            insert.setTimestamp(9, Timestamp.from(approval.createdAt()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Moves a pending approval to {@code status}; empty when it was not pending any more. */
    Optional<Approval> decide(String id, String status, Instant at) {
        String sql = "UPDATE approvals SET status = ?, decided_at = ? WHERE id = ? AND status = 'pending' "
                + "RETURNING " + COLUMNS;
        try (Connection connection = database.connection();
             PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, status);
            update.setTimestamp(2, Timestamp.from(at));
            update.setString(3, id);
            try (ResultSet rows = update.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    Optional<Approval> find(String id) {
        List<Approval> found = query("SELECT " + COLUMNS + " FROM approvals WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    List<Approval> list(String projectId, String status) {
        return status == null
                ? query("SELECT " + COLUMNS + " FROM approvals WHERE project_id = ? ORDER BY created_at, id", projectId)
                : query("SELECT " + COLUMNS + " FROM approvals WHERE project_id = ? AND status = ? "
                        + "ORDER BY created_at, id", projectId, status);
    }

    /** Every approval that is approved or still pending: what memory keeps. */
    List<Approval> live() {
        String sql = "SELECT " + COLUMNS + " FROM approvals WHERE status IN ('approved', 'pending')";
        try {
            return query(sql);
        } catch (NexusException e) {
            throw new IllegalStateException("cannot load approvals", e.getCause());
        }
    }

    private List<Approval> query(String sql, String... parameters) {
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            List<Approval> approvals = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    approvals.add(read(rows));
                }
            }
            return approvals;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static Approval read(ResultSet rows) throws SQLException {
        Timestamp decided = rows.getTimestamp(10);
        return new Approval(rows.getString(1), rows.getString(2), rows.getString(3),
                Scope.fromWire(rows.getString(4)).orElseThrow(), rows.getString(5), rows.getLong(6),
                rows.getString(7), rows.getString(8), rows.getTimestamp(9).toInstant(),
                decided == null ? null : decided.toInstant());
    }

    private static NexusException unavailable(SQLException e) {
        return NexusException.unavailable("database_unavailable", "the database cannot serve approvals now", e);
    }
}
