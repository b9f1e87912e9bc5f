package dev.nexus.costs.flush;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.costs.hot.JournalRecord;
import dev.nexus.costs.support.Api;
import dev.nexus.costs.support.Poll;
import dev.nexus.costs.support.TestDatabase;
import dev.nexus.costs.support.TestNexus;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlushTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final String ROWS = "SELECT string_agg(project_id || ' ' || day || ' ' || node_id || ' '"
            + " || cost_nanos || ' ' || tokens || ' ' || requests, '; ' ORDER BY day) FROM project_days";

    private TestNexus nexus;
    private Api api;

    @AfterEach
    void tearDown() {
        nexus.close();
    }

    @Test
    void postgresHoldsTheHotTotalsOfEveryDayAfterAFlush() {
        open("3600000");
        post("e1", "2026-03-09T10:00:00Z", "0.25", "a1");
        post("e2", "2026-03-10T10:00:00Z", "1.000000001", "a1");
        post("e3", "2026-03-10T11:00:00Z", "0.5", null);

        assertTrue(flusher().flushNow());

        assertEquals("p1 2026-03-09 node-a 250000000 10 1; p1 2026-03-10 node-a 1500000001 20 2",
                rows());
        assertEquals(1_250_000_001L, db().queryLong("SELECT sum(cost_nanos) FROM agent_days"));
        assertEquals(3, db().queryLong("SELECT count(*) FROM usage_events"));
        JsonNode usage = api.get("/api/v1/projects/p1/usage?from=2026-03-09&to=2026-03-10").body();
        assertEquals("0.25", usage.at("/items/0/totalCost").asText());
        assertEquals("1.500000001", usage.at("/items/1/totalCost").asText());
    }

    @Test
    void flushingAgainChangesNothing() {
        open("3600000");
        post("e1", "2026-03-10T10:00:00Z", "0.25", "a1");
        flusher().flushNow();
        String rows = rows();

        flusher().flushNow();
        post("e1", "2026-03-10T10:00:00Z", "0.25", "a1");
        flusher().flushNow();

        assertEquals(rows, rows());
        assertEquals(1, db().queryLong("SELECT count(*) FROM usage_events"));
        assertEquals(flusher().flushedSeq(), db().queryLong("SELECT flushed_seq FROM node_flush"));
        assertEquals(0, flusher().backlog());
    }

    @Test
    void aFlushRolledBackHalfwayIsRetriedWithoutCountingTwice() {
        open("3600000");
        post("e1", "2026-03-10T10:00:00Z", "0.25", "a1");
        post("e2", "2026-03-10T10:00:00Z", "0.5", null);
        flusher().addStep(new FailingOnce());

        boolean first = flusher().flushNow();
        boolean second = flusher().flushNow();

        assertFalse(first);
        assertTrue(second);
        assertEquals("p1 2026-03-10 node-a 750000000 20 2", rows());
        assertEquals(250_000_000L, db().queryLong("SELECT sum(cost_nanos) FROM agent_days"));
        assertEquals(flusher().flushedSeq(), db().queryLong("SELECT flushed_seq FROM node_flush"));
    }

    @Test
    void whileTheDatabaseIsAwayIngestAndBudgetChecksGoOnAndHealthSaysDegraded() {
        open("100");
        post("e1", "2026-03-10T10:00:00Z", "0.25", "a1");
        flusher().flushNow();

        db().refuseConnections();
        Api.Reply ingest = api.post("/api/v1/usage", event("e2", "2026-03-10T11:00:00Z", "0.5", "a1"));
        Api.Reply budget = api.get("/api/v1/projects/p1/budget?agentId=a1");
        Poll.until(Duration.ofSeconds(30), "a failed flush", () -> flusher().failedRuns() > 0);
        JsonNode health = api.get("/health").body();

        assertEquals(200, ingest.status());
        assertEquals(200, budget.status());
        assertEquals("0.75", budget.body().at("/project/spentToday").asText());
        assertEquals("0.75", budget.body().at("/agent/spentToday").asText());
        assertEquals("degraded", health.path("status").asText());
        assertEquals("down", health.path("database").asText());
        assertEquals(1, health.path("unflushedRecords").asLong());
    }

    @Test
    void whenTheDatabaseIsBackTheFlushCatchesUpAndHealthIsOk() {
        open("100");
        post("e1", "2026-03-10T10:00:00Z", "0.25", "a1");
        flusher().flushNow();
        db().refuseConnections();
        post("e2", "2026-03-10T11:00:00Z", "0.5", "a1");
        Poll.until(Duration.ofSeconds(30), "a failed flush", () -> flusher().failedRuns() > 0);

        db().allowConnections();
        Poll.until(Duration.ofSeconds(30), "the flush to catch up", () -> flusher().backlog() == 0);

        JsonNode health = api.get("/health").body();
        assertEquals("ok", health.path("status").asText());
        assertEquals("up", health.path("database").asText());
        assertEquals("p1 2026-03-10 node-a 750000000 20 2", rows());
    }

    private void open(String flushIntervalMs) {
        nexus = TestNexus.create().clock(Clock.fixed(NOW, ZoneOffset.UTC)).set("NEXUS_FLUSH_INTERVAL_MS",
                flushIntervalMs);
        api = nexus.api();
        api.post("/api/v1/projects", "{\"id\": \"p1\"}");
        api.post("/api/v1/projects/p1/agents", "{\"id\": \"a1\"}");
    }

    private void post(String id, String timestamp, String costUsd, String agentId) {
        Api.Reply reply = api.post("/api/v1/usage", event(id, timestamp, costUsd, agentId));
        assertEquals(200, reply.status(), () -> reply.body().toString());
    }

    private static String event(String id, String timestamp, String costUsd, String agentId) {
        return "{\"id\": \"" + id + "\", \"projectId\": \"p1\", "
                + (agentId == null ? "" : "\"agentId\": \"" + agentId + "\", ")
                + "\"costUsd\": " + costUsd + ", \"inputTokens\": 10, \"timestamp\": \"" + timestamp + "\"}";
    }

    private Flusher flusher() {
        return nexus.app().services().flusher();
    }

    private TestDatabase db() {
        return nexus.database();
    }

    private String rows() {
        try (Connection connection = db().connect();
             var statement = connection.createStatement();
             var result = statement.executeQuery(ROWS)) {
            result.next();
            return result.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A step of the flush that fails the first run after writing, so that the transaction rolls back. */
    private static final class FailingOnce implements FlushStep {

        private final AtomicBoolean failed = new AtomicBoolean();

        @Override
        public void write(Connection connection, List<JournalRecord> records) throws SQLException {
            if (failed.compareAndSet(false, true)) {
                throw new SQLException("the connection went away halfway through the flush");
            }
        }
    }
}
