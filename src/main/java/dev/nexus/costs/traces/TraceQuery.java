package dev.nexus.costs.traces;

import dev.nexus.costs.error.NexusException;
import dev.nexus.costs.json.Fields;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which traces of a project a listing asks for: filters, page size and where the last page ended. Immutable.
 *
 * @param status    running, completed or error; null for any
 * @param from      earliest start, inclusive; null for no bound
 * @param to        latest start, inclusive; null for no bound
 * @param after     the cursor of the previous page, or null for the first
 */
public record TraceQuery(String status, String sessionId, String agentId, Instant from, Instant to, int limit,
                         TraceCursor after) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final Set<String> STATUSES = Set.of(Trace.RUNNING, Trace.COMPLETED, Trace.ERROR);

    /** Checks a listing's query parameters, any of which may be null. */
    public static TraceQuery of(String status, String sessionId, String agentId, Instant from, Instant to,
                                String limit, String cursor) {
        if (status != null && !STATUSES.contains(status)) {
            throw NexusException.invalid("status", "status must be running, completed or error");
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw NexusException.invalid("to", "to must not be before from");
        }
        return new TraceQuery(status,
                sessionId == null ? null : Fields.checkId("sessionId", sessionId),
                agentId == null ? null : Fields.checkId("agentId", agentId),
                from == null ? null : TraceTimes.checked("from", from),
                to == null ? null : TraceTimes.checked("to", to),
                limit(limit),
                cursor == null ? null : TraceCursor.decode(cursor));
    }

    /** The statement of one page, newest first, with one row more than the page to tell whether more follow. */
    String sql() {
        StringBuilder sql = new StringBuilder("SELECT ").append(TraceRows.COLUMNS)
                .append(" FROM traces WHERE project_id = ?");
        if (status != null) {
            sql.append(" AND status = ?");
        }
        if (sessionId != null) {
            sql.append(" AND session_id = ?");
        }
        if (agentId != null) {
            sql.append(" AND agent_id = ?");
        }
        if (from != null) {
            sql.append(" AND started_at >= ?");
        }
        if (to != null) {
            sql.append(" AND started_at <= ?");
        }
        if (after != null) {
            sql.append(" AND (started_at, id) < (?, ?)");
        }
        return sql.append(" ORDER BY started_at DESC, id DESC LIMIT ?").toString();
    }

    /** Binds {@link #sql()}'s parameters from the second on. */
    void bind(PreparedStatement statement, String projectId) throws SQLException {
        List<Object> values = new ArrayList<>(List.of(projectId));
        addIfSet(values, status);
        addIfSet(values, sessionId);
        addIfSet(values, agentId);
        addIfSet(values, TraceRows.utc(from));
        addIfSet(values, TraceRows.utc(to));
        if (after != null) {
            values.add(TraceRows.utc(after.startedAt()));
            values.add(after.id());
        }
        values.add(limit + 1);
        for (int i = 0; i < values.size(); i++) {
            statement.setObject(i + 2, values.get(i));
        }
    }

    private static void addIfSet(List<Object> values, Object value) {
        if (value != null) {
            values.add(value);
        }
    }

    private static int limit(String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, as for a number out of range
        }
        throw NexusException.invalid("limit", "limit must be a whole number from 1 to " + MAX_LIMIT + ", not '"
                + text + "'");
    }
}
