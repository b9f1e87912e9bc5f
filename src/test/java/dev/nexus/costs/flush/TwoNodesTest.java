package dev.nexus.costs.flush;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two instances share one database: each flushes its own rows, and reads on either sum over both. */
class TwoNodesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);

    private TestNexus nodeA;
    private TestNexus nodeB;

    @BeforeEach
    void setUp() {
        nodeA = TestNexus.create().clock(CLOCK).set("NEXUS_FLUSH_INTERVAL_MS", "3600000");
        Api admin = nodeA.api();
        admin.post("/api/v1/projects", "{\"id\": \"p1\", \"config\": {\"costConfig\": {\"dailyBudgetUSD\": 10}}}");
        admin.post("/api/v1/projects/p1/agents", "{\"id\": \"a1\"}");
        nodeB = nodeA.peer("node-b").clock(CLOCK);
        nodeB.open();
    }

    @AfterEach
    void tearDown() {
        nodeB.close();
        nodeA.close();
    }

    @Test
    void eachNodeFlushesItsOwnRows() {
        post(nodeA, "e1", "1.5");
        post(nodeB, "e2", "2.25");

        flushInTurn();

        assertEquals(1_500_000_000L, nodeA.database().queryLong(
                "SELECT cost_nanos FROM project_days WHERE node_id = 'node-a'"));
        assertEquals(2_250_000_000L, nodeA.database().queryLong(
                "SELECT cost_nanos FROM project_days WHERE node_id = 'node-b'"));
    }

    @Test
    void readsOnEitherNodeSumOverBothAfterAFlush() {
        post(nodeA, "e1", "1.5");
        post(nodeB, "e2", "2.25");

        flushInTurn();

        for (TestNexus node : List.of(nodeA, nodeB)) {
            assertSumOfBoth(node.api());
        }
    }

    @Test
    void aNodeRebuiltFromPostgresDoesNotCountItsPeersSpendTwice() throws IOException {
        post(nodeA, "e1", "1.5");
        post(nodeB, "e2", "2.25");
        flushInTurn();

        nodeB.stop();
        deleteChronicleFiles(nodeB.dataDir());
        nodeB.open();
        nodeB.app().services().flusher().flushNow();

        assertSumOfBoth(nodeB.api());
    }

    @Test
    void aRestartedNodeSeesItsPeersSpendBeforeItsFirstFlush() {
        post(nodeA, "e1", "1.5");
        post(nodeB, "e2", "2.25");
        flushInTurn();

        nodeB.stop();
        nodeB.open();

        assertSumOfBoth(nodeB.api());
    }

    /** 1.5 on node a and 2.25 on node b, both by agent a1. */
    private static void assertSumOfBoth(Api api) {
        JsonNode costs = api.get("/api/v1/projects/p1/costs").body();
        JsonNode budget = api.get("/api/v1/projects/p1/budget?agentId=a1").body();
        JsonNode usage = api.get("/api/v1/projects/p1/usage?from=2026-03-10&to=2026-03-10").body();
        JsonNode agentUsage = api.get("/api/v1/projects/p1/usage?from=2026-03-10&to=2026-03-10&agentId=a1").body();

        assertEquals("3.75", costs.at("/today/totalCost").asText(), costs::toString);
        assertEquals(2, costs.at("/today/totalRequests").asLong(), costs::toString);
        assertEquals("3.75", costs.at("/month/totalCost").asText(), costs::toString);
        assertEquals("37.5", costs.at("/budget/dailyPercent").asText(), costs::toString);
        assertEquals("3.75", costs.at("/byAgent/0/costToday").asText(), costs::toString);
        assertEquals("3.75", costs.at("/byAgent/0/costMonth").asText(), costs::toString);
        assertEquals("3.75", budget.at("/project/spentToday").asText(), budget::toString);
        assertEquals("3.75", budget.at("/project/spentMonth").asText(), budget::toString);
        assertEquals("3.75", budget.at("/agent/spentToday").asText(), budget::toString);
        assertEquals("3.75", usage.at("/items/0/totalCost").asText(), usage::toString);
        assertEquals(20, usage.at("/items/0/totalTokens").asLong(), usage::toString);
        assertEquals("3.75", agentUsage.at("/items/0/totalCost").asText(), agentUsage::toString);
    }

    /** Node a, then node b (which then sees a's rows), then node a again (which then sees b's). */
    private void flushInTurn() {
        nodeA.app().services().flusher().flushNow();
        nodeB.app().services().flusher().flushNow();
        nodeA.app().services().flusher().flushNow();
    }

    private static void post(TestNexus node, String id, String costUsd) {
        Api.Reply reply = node.api().post("/api/v1/usage", "{\"id\": \"" + id + "\", \"projectId\": \"p1\", "
                + "\"agentId\": \"a1\", \"costUsd\": " + costUsd + ", \"inputTokens\": 10}");
        assertEquals(200, reply.status(), () -> reply.body().toString());
    }

    private static void deleteChronicleFiles(Path dataDir) throws IOException {
        Path hot = dataDir.resolve("hot");
        Files.delete(hot.resolve("spend-counters.cm"));
        try (Stream<Path> files = Files.walk(hot.resolve("event-ids"))) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
