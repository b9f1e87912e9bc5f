package dev.nexus.costs.traces;

import dev.nexus.costs.hot.Tally;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/** Adds a flush's usage to the stored totals of the traces it names, in the flush's transaction. Stateless. */
final class TraceTotalsWriter {

    /** What one flush adds to one trace; activity is the latest receipt of a usage event, in epoch micros. */
    record Sum(Tally delta, long activityMicros) {

        Sum plus(Sum other) {
            return new Sum(delta.plus(other.delta), Math.max(activityMicros, other.activityMicros));
        }
    }

    private static final String ADD = "UPDATE traces SET total_tokens = total_tokens + ?, "
            + "total_cost_nanos = total_cost_nanos + ?, last_activity_at = GREATEST(last_activity_at, ?) "
            + "WHERE id = ?";

    private TraceTotalsWriter() {
    }

    /** Updates the rows in id order, the order every writer of traces locks them in, so that none deadlock. */
    static void add(Connection connection, Map<String, Sum> sums) throws SQLException {
        if (sums.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(ADD)) {
            for (Map.Entry<String, Sum> entry : new TreeMap<>(sums).entrySet()) {
                Sum sum = entry.getValue();
                update.setLong(1, sum.delta().tokens());
                update.setLong(2, sum.delta().costNanos());
                if (sum.activityMicros() == Long.MIN_VALUE) {
                    update.setNull(3, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    update.setObject(3, at(sum.activityMicros()));
                }
                update.setString(4, entry.getKey());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    private static OffsetDateTime at(long epochMicros) {
        return Instant.EPOCH.plus(epochMicros, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}
