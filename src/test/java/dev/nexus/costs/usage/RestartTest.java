package dev.nexus.costs.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.costs.support.Api;
import dev.nexus.costs.support.TestNexus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Closing and reopening the service on the same data directory keeps every total and idempotency key. */
class RestartTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final String E1 = "{\"id\": \"e1\", \"projectId\": \"p1\", \"agentId\": \"a1\", "
            + "\"model\": \"gpt-4o\", \"inputTokens\": 1000, \"outputTokens\": 200}";
    private static final String E2 = "{\"id\": \"e2\", \"projectId\": \"p1\", \"costUsd\": 0.123456789, "
            + "\"inputTokens\": 5}";

    private TestNexus nexus;

    @BeforeEach
    void setUp() {
        nexus = TestNexus.create().clock(Clock.fixed(NOW, ZoneOffset.UTC));
        Api api = nexus.api();
        api.post("/api/v1/projects", "{\"id\": \"p1\"}");
        api.post("/api/v1/projects/p1/agents", "{\"id\": \"a1\"}");
        api.post("/api/v1/usage", E1);
        api.post("/api/v1/usage", E2);
    }

    @AfterEach
    void tearDown() {
        nexus.close();
    }

    @Test
    void aCleanRestartKeepsEveryTotal() {
        nexus.stop();

        JsonNode costs = nexus.api().get("/api/v1/projects/p1/costs").body();

        assertTotalsOfE1AndE2(costs);
    }

    @Test
    void aCleanRestartKeepsEveryIdempotencyKey() {
        nexus.stop();

        Api api = nexus.api();

        assertEquals("duplicate", api.post("/api/v1/usage", E1).text("status"));
        assertEquals("duplicate", api.post("/api/v1/usage", E2).text("status"));
        assertEquals(409, api.post("/api/v1/usage", E2.replace("0.123456789", "0.2")).status());
        assertTotalsOfE1AndE2(api.get("/api/v1/projects/p1/costs").body());
    }

    @Test
    void deletedChronicleFilesAreRebuiltFromPostgres() throws IOException {
        nexus.stop();
        deleteChronicleFiles();

        Api api = nexus.api();

        assertTotalsOfE1AndE2(api.get("/api/v1/projects/p1/costs").body());
        assertEquals("duplicate", api.post("/api/v1/usage", E1).text("status"));
        assertEquals("duplicate", api.post("/api/v1/usage", E2).text("status"));
        assertEquals(409, api.post("/api/v1/usage", E2.replace("0.123456789", "0.2")).status());
    }

    @Test
    void rebuiltCountersGoOnCountingWithoutCountingTwice() throws IOException {
        nexus.stop();
        deleteChronicleFiles();
        Api api = nexus.api();

        api.post("/api/v1/usage", "{\"id\": \"e3\", \"projectId\": \"p1\", \"agentId\": \"a1\", \"costUsd\": 1}");
        nexus.app().services().flusher().flushNow();
        nexus.stop();

        JsonNode costs = nexus.api().get("/api/v1/projects/p1/costs").body();
        assertEquals("1.127956789", costs.at("/month/totalCost").asText(), "0.0045 + 0.123456789 + 1");
        assertEquals(3, costs.at("/month/totalRequests").asLong());
        assertEquals("1.0045", costs.at("/byAgent/0/costMonth").asText());
        assertEquals(1_127_956_789L, nexus.database().queryLong("SELECT sum(cost_nanos) FROM project_days"));
    }

    @Test
    void eventsThatCouldNotBeFlushedSurviveARestart() {
        nexus.database().refuseConnections();
        nexus.api().post("/api/v1/usage", "{\"id\": \"e3\", \"projectId\": \"p1\", \"costUsd\": 1}");
        nexus.stop();
        nexus.database().allowConnections();

        Api api = nexus.api();
        nexus.app().services().flusher().flushNow();

        assertEquals("1.127956789", api.get("/api/v1/projects/p1/costs").body().at("/month/totalCost").asText());
        assertEquals("duplicate", api.post("/api/v1/usage", "{\"id\": \"e3\", \"projectId\": \"p1\", "
                + "\"costUsd\": 1}").text("status"));
        assertEquals(3, nexus.database().queryLong("SELECT count(*) FROM usage_events"));
        assertEquals(1_127_956_789L, nexus.database().queryLong("SELECT sum(cost_nanos) FROM project_days"));
    }

    @Test
    void aCounterLeftHalfWrittenByACrashIsRebuiltFromPostgres() throws IOException {
        nexus.app().services().flusher().flushNow();
        nexus.stop();
        simulateCrashAfterALongRun();
        tearOneCounter();

        JsonNode costs = nexus.api().get("/api/v1/projects/p1/costs").body();

        assertTotalsOfE1AndE2(costs);
    }

    @Test
    void aStartThatFailedWhileRebuildingLeavesTheRebuildToTheNextStart() throws IOException {
        nexus.app().services().flusher().flushNow();
        nexus.stop();
        deleteChronicleFiles();
        simulateCrashAfterALongRun();
        nexus.database().execute("ALTER TABLE project_days RENAME TO project_days_away");
        assertThrows(IllegalStateException.class, nexus::open);
        nexus.database().execute("ALTER TABLE project_days_away RENAME TO project_days");

        JsonNode costs = nexus.api().get("/api/v1/projects/p1/costs").body();

        assertTotalsOfE1AndE2(costs);
    }

    @Test
    void aStartThatFailedHalfwayThroughTheEventIdsRebuildsThemAllNextTime() throws IOException {
        nexus.app().services().flusher().flushNow();
        nexus.stop();
        deleteChronicleFiles();
        simulateCrashAfterALongRun();
        nexus.database().execute("ALTER TABLE usage_events ALTER COLUMN occurred_at DROP NOT NULL");
        nexus.database().execute("UPDATE usage_events SET occurred_at = NULL WHERE event_id = 'e2'");
        assertThrows(RuntimeException.class, nexus::open, "e1's id is rebuilt, e2's row fails the rebuild");
        nexus.database().execute("UPDATE usage_events SET occurred_at = received_at WHERE event_id = 'e2'");

        Api.Reply repost = nexus.api().post("/api/v1/usage", E2);

        assertEquals("duplicate", repost.text("status"));
    }

    /** e1: 1000 x 2.5e-06 + 200 x 1e-05 = 0.0045 (agent a1); e2: 0.123456789 (no agent). */
    private static void assertTotalsOfE1AndE2(JsonNode costs) {
        assertEquals("0.127956789", costs.at("/month/totalCost").asText(), costs::toString);
        assertEquals(1205, costs.at("/month/totalTokens").asLong(), costs::toString);
        assertEquals(2, costs.at("/month/totalRequests").asLong(), costs::toString);
        assertEquals("0.127956789", costs.at("/today/totalCost").asText(), costs::toString);
        assertEquals("0.0045", costs.at("/byAgent/0/costToday").asText(), costs::toString);
        assertEquals("0.0045", costs.at("/byAgent/0/costMonth").asText(), costs::toString);
    }

    /**
     * Leaves the data directory as a process killed after a long run leaves it: not marked as closed cleanly,
     * and with its flushed journal segments already deleted.
     */
    private void simulateCrashAfterALongRun() throws IOException {
        Files.delete(nexus.dataDir().resolve("hot/closed-cleanly"));
        try (Stream<Path> segments = Files.list(nexus.dataDir().resolve("hot/journal"))) {
            for (Path segment : segments.toList()) {
                Files.delete(segment);
            }
        }
    }

    /**
     * Changes the tokens of the counter that holds e1's cost (4,500,000 nano-dollars, big-endian, first of the
     * value's four longs) without its Chronicle checksum, as a kill in the middle of a put leaves it.
     */
    private void tearOneCounter() throws IOException {
        Path file = nexus.dataDir().resolve("hot/spend-counters.cm");
        byte[] bytes = Files.readAllBytes(file);
        byte[] cost = java.nio.ByteBuffer.allocate(8).putLong(4_500_000).array();
        int at = indexOf(bytes, cost);
        assertEquals(true, at >= 0, "a counter holding e1's cost");
        bytes[at + 15] ^= 1;
        Files.write(file, bytes);
    }

    private static int indexOf(byte[] bytes, byte[] pattern) {
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
    }

    private void deleteChronicleFiles() throws IOException {
        Path hot = nexus.dataDir().resolve("hot");
        Files.delete(hot.resolve("spend-counters.cm"));
        try (Stream<Path> files = Files.walk(hot.resolve("event-ids"))) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
