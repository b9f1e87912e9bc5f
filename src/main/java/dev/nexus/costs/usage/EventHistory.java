package dev.nexus.costs.usage;

import dev.nexus.costs.db.Database;
import dev.nexus.costs.error.NexusException;
import dev.nexus.costs.pricing.TokenCounts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Flushed usage events and their corrections, as PostgreSQL keeps them. Thread-safe. */
public final class EventHistory {

    /** A counted event with its current and original cost. Immutable. */
    public record StoredEvent(String projectId, String eventId, String agentId, String sessionId, String traceId,
                              String model, TokenCounts tokens, Long givenCostNanos, long originalCostNanos,
                              long costNanos, Instant occurredAt, LocalDate day) {
    }

    /** One change of an event's cost. Immutable. */
    public record Correction(long costNanos, long previousCostNanos, String reason, Instant at) {
    }

    private final Database database;

    public EventHistory(Database database) {
        this.database = database;
    }

    public Optional<StoredEvent> find(String projectId, String eventId) {
        String sql = "SELECT agent_id, session_id, trace_id, model, input_tokens, output_tokens, cached_input_tokens, "
                + "cache_creation_input_tokens, reasoning_tokens, given_cost_nanos, original_cost_nanos, cost_nanos, "
                + "occurred_at, day FROM usage_events WHERE project_id = ? AND event_id = ?";
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, projectId);
            select.setString(2, eventId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                TokenCounts tokens = new TokenCounts(rows.getLong(5), rows.getLong(6), rows.getLong(7),
                        rows.getLong(8), rows.getLong(9));
                long given = rows.getLong(10);
                Long givenCost = rows.wasNull() ? null : given;
                return Optional.of(new StoredEvent(projectId, eventId, rows.getString(1), rows.getString(2),
                        rows.getString(3), rows.getString(4), tokens, givenCost, rows.getLong(11), rows.getLong(12),
                        rows.getTimestamp(13).toInstant(), rows.getObject(14, LocalDate.class)));
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    public List<Correction> corrections(String projectId, String eventId) {
        String sql = "SELECT cost_nanos, previous_cost_nanos, reason, corrected_at FROM usage_corrections "
                + "WHERE project_id = ? AND event_id = ? ORDER BY corrected_at, seq";
        List<Correction> corrections = new ArrayList<>();
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, projectId);
            select.setString(2, eventId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Timestamp at = rows.getTimestamp(4);
                    corrections.add(new Correction(rows.getLong(1), rows.getLong(2), rows.getString(3),
                            at.toInstant()));
                }
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
        return corrections;
    }

    private static NexusException unavailable(SQLException e) {
        return NexusException.unavailable("database_unavailable", "the database cannot read usage events now", e);
    }
}
