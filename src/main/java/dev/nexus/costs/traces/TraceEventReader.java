package dev.nexus.costs.traces;

import dev.nexus.costs.db.Database;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the events of traces being answered, in chunks, and hands them on in order, so that an answer of any
 * size is streamed without holding more than a chunk or a database connection while the client reads. Small
 * traces share one query; a long one is read in pages of its own.
 *
 * <p>Thread-safe.
 */
public final class TraceEventReader {

    /** Takes the events in order: every event of the first trace, then of the second, and so on. */
    @FunctionalInterface
    public interface Sink {
        void event(int index, TraceEvent event) throws IOException;
    }

    static final int CHUNK_ROWS = 256;
    static final long CHUNK_BYTES = 4L * 1024 * 1024;
    private static final String GROUP = "SELECT e.trace_id, e.seq, e.type, e.occurred_at, e.data::text "
            + "FROM unnest(?::text[], ?::int[]) AS l(id, through) "
            + "JOIN trace_events e ON e.trace_id = l.id AND e.seq <= l.through ORDER BY e.trace_id, e.seq";
    private static final String PAGE = "SELECT trace_id, seq, type, occurred_at, data::text FROM trace_events "
            + "WHERE trace_id = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT " + CHUNK_ROWS;

    private final Database database;

    TraceEventReader(Database database) {
        this.database = database;
    }

    /** Reads the events that each listing holds, and gives them to the sink with the listing's index. */
    public void read(List<TraceListing> listings, Sink sink) throws IOException {
        int start = 0;
        while (start < listings.size()) {
            int end = start;
            long rows = 0;
            long bytes = 0;
            while (end < listings.size() && listings.get(end).isWhole()
                    && rows + listings.get(end).size() <= CHUNK_ROWS
                    && bytes + listings.get(end).trace().eventBytes() <= CHUNK_BYTES) {
                rows += listings.get(end).size();
                bytes += listings.get(end).trace().eventBytes();
                end++;
            }
            if (end == start) {
                readAlone(start, listings.get(start), sink);
                end = start + 1;
            } else if (rows > 0) {
                readTogether(listings.subList(start, end), start, sink);
            }
            start = end;
        }
    }

    private void readTogether(List<TraceListing> group, int firstIndex, Sink sink) throws IOException {
        Map<String, List<TraceEvent>> byTrace = new HashMap<>();
        query(GROUP, statement -> {
            Connection connection = statement.getConnection();
            statement.setArray(1, connection.createArrayOf("text",
                    group.stream().map(listing -> listing.trace().id()).toArray()));
            statement.setArray(2, connection.createArrayOf("integer",
                    group.stream().map(listing -> listing.trace().eventCount()).toArray()));
        }, (traceId, event) -> byTrace.computeIfAbsent(traceId, id -> new ArrayList<>()).add(event));
        for (int i = 0; i < group.size(); i++) {
            for (TraceEvent event : byTrace.getOrDefault(group.get(i).trace().id(), List.of())) {
                sink.event(firstIndex + i, event);
            }
        }
    }

    private void readAlone(int index, TraceListing listing, Sink sink) throws IOException {
        int after = listing.afterSeq();
        while (after < listing.trace().eventCount()) {
            List<TraceEvent> page = new ArrayList<>(CHUNK_ROWS);
            int from = after;
            query(PAGE, statement -> {
                statement.setString(1, listing.trace().id());
                statement.setInt(2, from);
                statement.setInt(3, listing.trace().eventCount());
            }, (traceId, event) -> page.add(event));
            if (page.isEmpty()) {
                return;
            }
            for (TraceEvent event : page) {
                sink.event(index, event);
            }
            after = page.get(page.size() - 1).seq();
        }
    }

    private void query(String sql, TraceRows.Binder binder, EventRows rows) {
        try (Connection connection = database.connection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1), new TraceEvent(result.getInt(2), result.getString(3),
                            TraceRows.instant(result, 4), result.getString(5), 0));
                }
            }
        } catch (SQLException e) {
            throw TraceRows.unavailable(e);
        }
    }

    @FunctionalInterface
    private interface EventRows {
        void add(String traceId, TraceEvent event);
    }
}
