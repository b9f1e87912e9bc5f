package dev.nexus.costs.traces;

import dev.nexus.costs.db.Database;
import dev.nexus.costs.usage.TraceLookup;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which project each trace that usage may still name belongs to, in memory, so that ingest checks a usage
 * event's {@code traceId} without waiting on the database and trace requests find a trace's project in one
 * lookup.
 *
 * <p>It holds the traces created in the last {@link #RETENTION} and those still running: loaded at start, added
 * to as traces are created, and trimmed by the idle reaper. That is about 130 bytes a trace, so a million
 * traces take some 130 MB. Usage naming an older, closed trace is refused as naming an unknown trace.
 *
 * <p>Thread-safe.
 */
public final class TraceIndex implements TraceLookup {

    /** How long after its creation a closed trace may still be named by usage; as long as event ids are kept. */
    public static final Duration RETENTION = Duration.ofDays(35);

    private record Entry(String projectId, long createdAtSeconds) {
    }

    private final Map<String, Entry> traces = new ConcurrentHashMap<>();

    @Override
    public boolean exists(String projectId, String traceId) {
        Entry entry = traces.get(traceId);
        return entry != null && entry.projectId().equals(projectId);
    }

    public Optional<String> projectOf(String traceId) {
        Entry entry = traces.get(traceId);
        return entry == null ? Optional.empty() : Optional.of(entry.projectId());
    }

    void add(String traceId, String projectId, Instant createdAt) {
        traces.put(traceId, new Entry(projectId.intern(), createdAt.getEpochSecond()));
    }

    /** Drops closed traces created before {@code cutoff}; running ones stay until they are closed. */
    void trim(Instant cutoff, Set<String> runningCreatedBefore) {
        traces.entrySet().removeIf(entry -> entry.getValue().createdAtSeconds() < cutoff.getEpochSecond()
                && !runningCreatedBefore.contains(entry.getKey()));
    }

    public int size() {
        return traces.size();
    }

    /** Loads the traces created since {@code since} and those still running. */
    void load(Database database, Instant since) {
        String sql = "SELECT id, project_id, created_at FROM traces WHERE created_at >= ? OR status = 'running'";
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            connection.setAutoCommit(false);
            select.setFetchSize(10_000);
            TraceRows.setInstant(select, 1, since);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    add(rows.getString(1), rows.getString(2), TraceRows.instant(rows, 3));
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the trace index", e);
        }
    }
}
