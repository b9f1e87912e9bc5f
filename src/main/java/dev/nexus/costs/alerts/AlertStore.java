package dev.nexus.costs.alerts;

import dev.nexus.costs.budget.Scope;
import dev.nexus.costs.db.Database;
import dev.nexus.costs.error.NexusException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** Sent alerts in PostgreSQL: claiming one, and reading them back. Thread-safe. */
public final class AlertStore {

    private static final String COLUMNS = "scope, project_id, subject_id, agent_id, period, threshold, "
            + "budget_nanos, current_spend_nanos, percent, session_id, sent_at";

    private final Database database;
    private final String nodeId;

    public AlertStore(Database database, String nodeId) {
        this.database = database;
        this.nodeId = nodeId;
    }

    /**
     * Records the alert unless any instance already did, and then tells the other instances on the channel
     * {@link PeerAlerts#CHANNEL}; true when this call recorded it.
     */
    boolean claim(Alert alert) throws SQLException {
        String sql = "WITH claimed AS (INSERT INTO alerts (" + COLUMNS + ", node_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1) "
                + "SELECT pg_notify('" + PeerAlerts.CHANNEL + "', ?) FROM claimed";
        try (Connection connection = database.connection();
             PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, alert.scope().wireName());
            insert.setString(2, alert.projectId());
            insert.setString(3, alert.subjectId());
            insert.setString(4, alert.agentId());
            insert.setString(5, alert.period());
            insert.setInt(6, alert.threshold());
            insert.setLong(7, alert.budgetNanos());
            insert.setLong(8, alert.currentSpendNanos());
            insert.setInt(9, alert.percent());
            insert.setString(10, alert.sessionId());
            insert.setTimestamp(11, Timestamp.from(alert.at()));
            insert.setString(12, nodeId);
            insert.setString(13, PeerAlerts.announcement(nodeId, alert));
            try (ResultSet claimed = insert.executeQuery()) {
                return claimed.next();
            }
        }
    }

    /** The keys of alerts already sent for periods from {@code since} on, to arm the evaluator at start. */
    List<Alert.Key> keysSince(LocalDate since) {
        String sql = "SELECT scope, project_id, subject_id, period, threshold, budget_nanos FROM alerts "
                + "WHERE period >= ?";
        List<Alert.Key> keys = new ArrayList<>();
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, YearMonth.from(since).toString());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.add(new Alert.Key(Scope.fromWire(rows.getString(1)).orElseThrow(), rows.getString(2),
                            rows.getString(3), rows.getString(4), rows.getInt(5), rows.getLong(6)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the alerts already sent", e);
        }
        return keys;
    }

    /** The alerts of a project for the days from..to and the months overlapping them, oldest first. */
    public List<Alert> list(String projectId, LocalDate from, LocalDate to) {
        String sql = "SELECT " + COLUMNS + " FROM alerts WHERE project_id = ? AND ("
                + "(scope <> 'project.monthly' AND period BETWEEN ? AND ?) "
                + "OR (scope = 'project.monthly' AND period BETWEEN ? AND ?)) ORDER BY sent_at, threshold";
        List<Alert> alerts = new ArrayList<>();
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, projectId);
            select.setString(2, from.toString());
            select.setString(3, to.toString());
            select.setString(4, YearMonth.from(from).toString());
            select.setString(5, YearMonth.from(to).toString());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    alerts.add(read(rows));
                }
            }
        } catch (SQLException e) {
            throw NexusException.unavailable("database_unavailable", "the database cannot list alerts now", e);
        }
        return alerts;
    }

    private static Alert read(ResultSet rows) throws SQLException {
        return new Alert(Scope.fromWire(rows.getString(1)).orElseThrow(), rows.getString(2), rows.getString(3),
                rows.getString(4), rows.getString(5), rows.getInt(6), rows.getLong(7), rows.getLong(8),
                rows.getInt(9), rows.getString(10), rows.getTimestamp(11).toInstant());
    }
}
