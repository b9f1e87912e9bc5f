package dev.nexus.costs.flush;

import dev.nexus.costs.db.Database;
import dev.nexus.costs.hot.Tally;
import dev.nexus.costs.usage.PeerSpend;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;

/**
 * What the other nodes sharing the database have flushed for this and last month, refreshed from PostgreSQL
 * after each flush and read from memory. On a lone node it stays empty. Thread-safe.
 */
public final class PeerTotals implements PeerSpend {

    private record Key(String projectId, String agentId, String period) {
    }

    private final Database database;
    private final String nodeId;
    private final Clock clock;
    private volatile Map<Key, Tally> totals = Map.of();

    public PeerTotals(Database database, String nodeId, Clock clock) {
        this.database = database;
        this.nodeId = nodeId;
        this.clock = clock;
    }

    /** Reloads the other nodes' totals; a failure keeps the last ones. */
    public void refresh() throws SQLException {
        LocalDate since = YearMonth.now(clock).minusMonths(1).atDay(1);
        Map<Key, Tally> fresh = new HashMap<>();
        try (Connection connection = database.connection()) {
            if (!hasPeers(connection)) {
                totals = Map.of();
                return;
            }
            load(connection, "SELECT project_id, NULL, day, sum(cost_nanos), sum(tokens), sum(requests) "
                    + "FROM project_days WHERE node_id <> ? AND day >= ? GROUP BY project_id, day", since, fresh);
            load(connection, "SELECT project_id, agent_id, day, sum(cost_nanos), sum(tokens), sum(requests) "
                    + "FROM agent_days WHERE node_id <> ? AND day >= ? GROUP BY project_id, agent_id, day", since,
                    fresh);
        }
        totals = Map.copyOf(fresh);
    }

    @Override
    public Tally projectDay(String projectId, LocalDate day) {
        return totals.getOrDefault(new Key(projectId, null, day.toString()), Tally.ZERO);
    }

    @Override
    public Tally projectMonth(String projectId, YearMonth month) {
        return totals.getOrDefault(new Key(projectId, null, month.toString()), Tally.ZERO);
    }

    @Override
    public Tally agentDay(String projectId, String agentId, LocalDate day) {
        return totals.getOrDefault(new Key(projectId, agentId, day.toString()), Tally.ZERO);
    }

    @Override
    public Tally agentMonth(String projectId, String agentId, YearMonth month) {
        return totals.getOrDefault(new Key(projectId, agentId, month.toString()), Tally.ZERO);
    }

    private boolean hasPeers(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM node_flush WHERE node_id <> ? LIMIT 1")) {
            statement.setString(1, nodeId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private void load(Connection connection, String sql, LocalDate since, Map<Key, Tally> into)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, nodeId);
            statement.setObject(2, since);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    LocalDate day = rows.getObject(3, LocalDate.class);
                    Tally tally = new Tally(rows.getLong(4), rows.getLong(5), rows.getLong(6));
                    into.merge(new Key(rows.getString(1), rows.getString(2), day.toString()), tally, Tally::plus);
                    into.merge(new Key(rows.getString(1), rows.getString(2), YearMonth.from(day).toString()), tally,
                            Tally::plus);
                }
            }
        }
    }
}
