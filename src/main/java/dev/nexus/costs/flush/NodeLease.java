package dev.nexus.costs.flush;

import dev.nexus.costs.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * This instance's hold on its node id in the shared database: a session advisory lock, held on one connection
 * for the life of the process. Two instances under one node id would overwrite each other's flushed counters,
 * so the second one refuses to start. Not thread-safe: taken at start, released at stop.
 */
public final class NodeLease implements AutoCloseable {

    private final Connection connection;

    private NodeLease(Connection connection) {
        this.connection = connection;
    }

    /** Takes the node id, failing with a message that says what to change when another instance holds it. */
    public static NodeLease take(Database database, String nodeId) {
        try {
            Connection connection = database.connection();
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT pg_try_advisory_lock(hashtext('nexus-node:' || ?))")) {
                lock.setString(1, nodeId);
                try (ResultSet rows = lock.executeQuery()) {
                    rows.next();
                    if (!rows.getBoolean(1)) {
                        connection.close();
                        throw new IllegalStateException("another instance runs as node '" + nodeId + "' on this "
                                + "database; give each instance its own NEXUS_NODE_ID");
                    }
                }
            }
            return new NodeLease(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take node id '" + nodeId + "' in the database", e);
        }
    }

    /** Releases the node id; the connection goes back to the pool without the lock. */
    @Override
    public void close() throws SQLException {
        try (connection; PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock_all()")) {
            unlock.execute();
        }
    }
}
