package dev.nexus.costs.flush;

import dev.nexus.costs.hot.JournalRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A part of the flush that another feature owns: it writes what it derives from a run of journal records in
 * the flush's transaction, and hears when that transaction committed.
 */
public interface FlushStep {

    void write(Connection connection, List<JournalRecord> records) throws SQLException;

    default void committed(List<JournalRecord> records) {
    }
}
