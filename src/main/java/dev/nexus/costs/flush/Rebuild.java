package dev.nexus.costs.flush;

import dev.nexus.costs.db.Database;
import dev.nexus.costs.hot.CounterKey;
import dev.nexus.costs.hot.EventIds;
import dev.nexus.costs.hot.SeenEvent;
import dev.nexus.costs.hot.SpendCounters;
import dev.nexus.costs.hot.Tally;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refills lost hot state from PostgreSQL: this node's counters from its day rows, and the ids of recent events.
 * Used at start when the Chronicle files are missing. Stateless.
 */
public final class Rebuild {

    private static final Logger log = LoggerFactory.getLogger(Rebuild.class);

    private Rebuild() {
    }

    /** Fills empty counters with this node's flushed totals, marked as holding every record to flushedSeq. */
    public static void counters(Database database, String nodeId, SpendCounters counters, long flushedSeq) {
        Map<Long, Tally> totals = new HashMap<>();
        String projectSql = "SELECT p.num, d.day, d.cost_nanos, d.tokens, d.requests FROM project_days d "
                + "JOIN projects p ON p.id = d.project_id WHERE d.node_id = ?";
        String agentSql = "SELECT a.num, d.day, d.cost_nanos, d.tokens, d.requests FROM agent_days d "
                + "JOIN agents a ON a.project_id = d.project_id AND a.id = d.agent_id WHERE d.node_id = ?";
        try (Connection connection = database.connection()) {
            readDays(connection, projectSql, nodeId, (num, day, tally) -> {
                totals.merge(CounterKey.projectDay(num, day), tally, Tally::plus);
                totals.merge(CounterKey.projectMonth(num, YearMonth.from(day)), tally, Tally::plus);
            });
            readDays(connection, agentSql, nodeId, (num, day, tally) -> {
                totals.merge(CounterKey.agentDay(num, day), tally, Tally::plus);
                totals.merge(CounterKey.agentMonth(num, YearMonth.from(day)), tally, Tally::plus);
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot rebuild the spend counters from the database", e);
        }
        totals.forEach((key, tally) -> counters.add(key, tally, flushedSeq));
        counters.markApplied(flushedSeq);
        if (totals.isEmpty()) {
            log.info("Spend counters start empty: node {} has nothing in the database yet", nodeId);
        } else {
            log.warn("Spend counters were missing; rebuilt {} of node {} from the database", totals.size(), nodeId);
        }
    }

    /** Remembers the ids of the events this node's project received within the retention. */
    public static void eventIds(Database database, EventIds ids, Duration retention, Instant now) {
        String sql = "SELECT p.num, e.event_id, e.fingerprint, e.occurred_at, e.original_cost_nanos, e.seq "
                + "FROM usage_events e JOIN projects p ON p.id = e.project_id WHERE e.received_at >= ?";
        long count = 0;
        try (Connection connection = database.connection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            connection.setAutoCommit(false);
            statement.setFetchSize(10_000);
            statement.setTimestamp(1, Timestamp.from(now.minus(retention)));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, rows.getTimestamp(4).toInstant());
                    ids.remember(rows.getInt(1), rows.getString(2),
                            new SeenEvent(rows.getLong(3), micros, rows.getLong(5), rows.getLong(6)), now);
                    count++;
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot rebuild the event ids from the database", e);
        }
        if (count > 0) {
            log.warn("Event ids were missing; rebuilt {} from the database", count);
        }
    }

    private interface DayRow {
        void accept(int num, LocalDate day, Tally tally);
    }

    private static void readDays(Connection connection, String sql, String nodeId, DayRow row) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, nodeId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    row.accept(rows.getInt(1), rows.getObject(2, LocalDate.class),
                            new Tally(rows.getLong(3), rows.getLong(4), rows.getLong(5)));
                }
            }
        }
    }
}
