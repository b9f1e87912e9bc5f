package dev.nexus.costs.flush;

import dev.nexus.costs.hot.CorrectionRecord;
import dev.nexus.costs.hot.JournalRecord;
import dev.nexus.costs.hot.Tally;
import dev.nexus.costs.hot.UsageRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes one run of journal records into PostgreSQL inside the caller's transaction. Stateless. */
final class FlushWriter {

    private record DayKey(String projectId, String agentId, LocalDate day) {
    }

    private FlushWriter() {
    }

    static void write(Connection connection, String nodeId, List<JournalRecord> records) throws SQLException {
        insertEvents(connection, nodeId, records);
        applyCorrections(connection, nodeId, records);
        Map<DayKey, Tally> projectDays = new HashMap<>();
        Map<DayKey, Tally> agentDays = new HashMap<>();
        for (JournalRecord record : records) {
            projectDays.merge(new DayKey(record.projectId(), null, record.day()), record.delta(), Tally::plus);
            if (record.agentId() != null) {
                agentDays.merge(new DayKey(record.projectId(), record.agentId(), record.day()), record.delta(),
                        Tally::plus);
            }
        }
        upsertDays(connection, nodeId, projectDays, false);
        upsertDays(connection, nodeId, agentDays, true);
    }

    private static void insertEvents(Connection connection, String nodeId, List<JournalRecord> records)
            throws SQLException {
        String sql = "INSERT INTO usage_events (project_id, event_id, agent_id, session_id, trace_id, model, "
                + "input_tokens, output_tokens, cached_input_tokens, cache_creation_input_tokens, reasoning_tokens, "
                + "given_cost_nanos, original_cost_nanos, cost_nanos, occurred_at, timestamp_given, received_at, "
                + "day, fingerprint, node_id, seq) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            int batched = 0;
            for (JournalRecord record : records) {
                if (record instanceof UsageRecord usage) {
                    bindEvent(insert, nodeId, usage);
                    insert.addBatch();
                    batched++;
                }
            }
            if (batched > 0) {
                insert.executeBatch();
            }
        }
    }

    private static void bindEvent(PreparedStatement insert, String nodeId, UsageRecord usage) throws SQLException {
        insert.setString(1, usage.projectId());
        insert.setString(2, usage.eventId());
        insert.setString(3, usage.agentId());
        insert.setString(4, usage.sessionId());
        insert.setString(5, usage.traceId());
        insert.setString(6, usage.model());
        insert.setLong(7, usage.tokens().input());
        insert.setLong(8, usage.tokens().output());
        insert.setLong(9, usage.tokens().cachedInput());
        insert.setLong(10, usage.tokens().cacheCreationInput());
        insert.setLong(11, usage.tokens().reasoning());
        if (usage.givenCostNanos() == null) {
            insert.setNull(12, Types.BIGINT);
        } else {
            insert.setLong(12, usage.givenCostNanos());
        }
        insert.setLong(13, usage.costNanos());
        insert.setLong(14, usage.costNanos());
        insert.setTimestamp(15, timestamp(usage.occurredAtMicros()));
        insert.setBoolean(16, usage.timestampGiven());
        insert.setTimestamp(17, timestamp(usage.receivedAtMicros()));
        insert.setObject(18, usage.day());
        insert.setLong(19, usage.fingerprint());
        insert.setString(20, nodeId);
        insert.setLong(21, usage.seq());
    }

    private static void applyCorrections(Connection connection, String nodeId, List<JournalRecord> records)
            throws SQLException {
        String insertSql = "INSERT INTO usage_corrections (node_id, seq, project_id, event_id, cost_nanos, "
                + "previous_cost_nanos, reason, corrected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
        String updateSql = "UPDATE usage_events SET cost_nanos = ? WHERE project_id = ? AND event_id = ?";
        try (PreparedStatement insert = connection.prepareStatement(insertSql);
             PreparedStatement update = connection.prepareStatement(updateSql)) {
            for (JournalRecord record : records) {
                if (record instanceof CorrectionRecord correction) {
                    insert.setString(1, nodeId);
                    insert.setLong(2, correction.seq());
                    insert.setString(3, correction.projectId());
                    insert.setString(4, correction.eventId());
                    insert.setLong(5, correction.costNanos());
                    insert.setLong(6, correction.previousCostNanos());
                    insert.setString(7, correction.reason());
                    insert.setTimestamp(8, timestamp(correction.receivedAtMicros()));
                    insert.executeUpdate();
                    update.setLong(1, correction.costNanos());
                    update.setString(2, correction.projectId());
                    update.setString(3, correction.eventId());
                    update.executeUpdate();
                }
            }
        }
    }

    private static void upsertDays(Connection connection, String nodeId, Map<DayKey, Tally> days, boolean agents)
            throws SQLException {
        if (days.isEmpty()) {
            return;
        }
        String sql = agents
                ? "INSERT INTO agent_days (project_id, agent_id, day, node_id, cost_nanos, tokens, requests) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (project_id, agent_id, day, node_id) DO UPDATE SET "
                + "cost_nanos = agent_days.cost_nanos + EXCLUDED.cost_nanos, "
                + "tokens = agent_days.tokens + EXCLUDED.tokens, requests = agent_days.requests + EXCLUDED.requests"
                : "INSERT INTO project_days (project_id, day, node_id, cost_nanos, tokens, requests) "
                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (project_id, day, node_id) DO UPDATE SET "
                + "cost_nanos = project_days.cost_nanos + EXCLUDED.cost_nanos, "
                + "tokens = project_days.tokens + EXCLUDED.tokens, "
                + "requests = project_days.requests + EXCLUDED.requests";
        try (PreparedStatement upsert = connection.prepareStatement(sql)) {
            for (Map.Entry<DayKey, Tally> entry : days.entrySet()) {
                int i = 1;
                upsert.setString(i++, entry.getKey().projectId());
                if (agents) {
                    upsert.setString(i++, entry.getKey().agentId());
                }
                upsert.setObject(i++, entry.getKey().day());
                upsert.setString(i++, nodeId);
                upsert.setLong(i++, entry.getValue().costNanos());
                upsert.setLong(i++, entry.getValue().tokens());
                upsert.setLong(i, entry.getValue().requests());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    static Timestamp timestamp(long epochMicros) {
        return Timestamp.from(Instant.EPOCH.plus(epochMicros, ChronoUnit.MICROS));
    }
}
