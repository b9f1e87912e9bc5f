package dev.nexus.costs.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the other instances sharing the database that projects, agents, keys or approvals changed, so that they
 * reload what they serve from memory. Thread-safe.
 */
public final class ChangeFeed {

    public static final String CHANNEL = "nexus_changes";
    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);

    private final Database database;
    private final String nodeId;

    public ChangeFeed(Database database, String nodeId) {
        this.database = database;
        this.nodeId = nodeId;
    }

    /** Announces a change this instance just stored. */
    public void announce() {
        try (Connection connection = database.connection();
             PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, nodeId);
            notify.execute();
        } catch (SQLException e) {
            log.warn("Could not tell the other instances of a change; they see it when they restart", e);
        }
    }

    /** Whether an announcement came from another instance. */
    public boolean fromPeer(String payload) {
        return !nodeId.equals(payload);
    }
}
