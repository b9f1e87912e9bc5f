package dev.nexus.costs.traces;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.costs.db.Database;
import dev.nexus.costs.json.Json;
import dev.nexus.costs.traces.TraceOp.Outcome;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes running traces that have had no activity (creation, events, completion or usage naming them) for the
 * idle timeout, as {@code error} with an event that says why, so that a crashed agent's trace does not count
 * as an active session forever. A trace with usage not yet flushed is left for the next round, since its
 * stored last activity is behind.
 *
 * <p>Thread-safe; rounds are serialised.
 */
public final class IdleTraceReaper {

    private static final Logger log = LoggerFactory.getLogger(IdleTraceReaper.class);
    static final int ROUND_SIZE = 500;
    private static final String CANDIDATES = "SELECT id, last_activity_at FROM traces WHERE status = 'running' "
            + "AND last_activity_at <= ? AND (last_activity_at, id) > (?, ?) ORDER BY last_activity_at, id LIMIT "
            + ROUND_SIZE;

    private record Candidate(String id, Instant lastActivityAt) {
    }

    private final Database database;
    private final TraceWriter writer;
    private final TraceTotals totals;
    private final Duration idleTimeout;
    private final Clock clock;

    IdleTraceReaper(Database database, TraceWriter writer, TraceTotals totals, Duration idleTimeout, Clock clock) {
        this.database = database;
        this.writer = writer;
        this.totals = totals;
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    /** How often to look: a tenth of the timeout, from 1 s to 1 min. */
    long intervalMs() {
        return Math.max(1_000, Math.min(60_000, idleTimeout.toMillis() / 10));
    }

    /** Closes every trace idle for the timeout as of now; answers how many it closed. */
    public synchronized int closeIdle() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Candidate after = new Candidate("", Instant.EPOCH);
        int closed = 0;
        List<Candidate> round;
        do {
            round = candidates(now.minus(idleTimeout), after);
            List<TraceOp.IdleClose> ops = new ArrayList<>();
            for (Candidate candidate : round) {
                if (!totals.hasPending(candidate.id())) {
                    ops.add(writer.submit(new TraceOp.IdleClose(candidate.id(), candidate.lastActivityAt(), now,
                            why(candidate.lastActivityAt(), now))));
                }
            }
            for (TraceOp.IdleClose op : ops) {
                closed += TraceService.await(op) == Outcome.DONE ? 1 : 0;
            }
            after = round.isEmpty() ? after : round.get(round.size() - 1);
        } while (round.size() == ROUND_SIZE);
        if (closed > 0) {
            log.info("Closed {} traces idle for {} s as error", closed, idleTimeout.toSeconds());
        }
        return closed;
    }

    private TraceEvent why(Instant lastActivityAt, Instant now) {
        ObjectNode data = Json.object();
        data.put("reason", "idle_timeout");
        data.put("message", "closed by the service: no activity for " + idleTimeout.toSeconds() + " s "
                + "(NEXUS_TRACE_IDLE_TIMEOUT_MS)");
        data.put("idleTimeoutMs", idleTimeout.toMillis());
        data.put("lastActivityAt", lastActivityAt.toString());
        String json = Json.write(data);
        return new TraceEvent(0, Trace.ERROR, now, json, json.getBytes(StandardCharsets.UTF_8).length);
    }

    private List<Candidate> candidates(Instant cutoff, Candidate after) {
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement(CANDIDATES)) {
            TraceRows.setInstant(select, 1, cutoff);
            TraceRows.setInstant(select, 2, after.lastActivityAt());
            select.setString(3, after.id());
            List<Candidate> candidates = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    candidates.add(new Candidate(rows.getString(1), TraceRows.instant(rows, 2)));
                }
            }
            return candidates;
        } catch (SQLException e) {
            throw TraceRows.unavailable(e);
        }
    }
}
