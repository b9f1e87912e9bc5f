package dev.nexus.costs.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.costs.support.Api;
import dev.nexus.costs.support.TestDatabase;
import dev.nexus.costs.support.TestNexus;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Many threads post to one project and agent at once, some of them the same events: every total is exact.
 * The load runs once; each test reads one view of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentIngestTest {

    private static final int THREADS = 8;
    private static final int EVENTS_PER_THREAD = 500;
    private static final int SHARED_EVENTS = 50;
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    private TestNexus nexus;
    private Api api;
    private long expectedRequests;
    private long expectedTokens;
    private BigDecimal expectedCost = BigDecimal.ZERO;

    @BeforeAll
    void postFromManyThreads() throws Exception {
        nexus = TestNexus.create().clock(Clock.fixed(NOW, ZoneOffset.UTC));
        api = nexus.api();
        api.post("/api/v1/projects", "{\"id\": \"p1\"}");
        api.post("/api/v1/projects/p1/agents", "{\"id\": \"a1\"}");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> posters = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            posters.add(pool.submit(() -> post(thread, start)));
        }

        start.countDown();
        for (Future<?> poster : posters) {
            poster.get();
        }
        pool.shutdown();

        for (int t = 0; t < THREADS; t++) {
            for (int i = 0; i < EVENTS_PER_THREAD; i++) {
                expect(cost(t, i), tokens(i));
            }
        }
        for (int i = 0; i < SHARED_EVENTS; i++) {
            expect(cost(THREADS, i), tokens(i));
        }
    }

    @AfterAll
    void stop() {
        nexus.close();
    }

    @Test
    void costsShowExactTotals() {
        JsonNode costs = api.get("/api/v1/projects/p1/costs").body();

        assertTotals(costs.path("today"));
        assertTotals(costs.path("month"));
        assertEquals(expectedCost, costs.at("/byAgent/0/costToday").decimalValue());
        assertEquals(expectedCost, costs.at("/byAgent/0/costMonth").decimalValue());
    }

    @Test
    void budgetShowsExactSpend() {
        JsonNode budget = api.get("/api/v1/projects/p1/budget?agentId=a1").body();

        assertEquals(expectedCost, budget.at("/project/spentToday").decimalValue());
        assertEquals(expectedCost, budget.at("/project/spentMonth").decimalValue());
        assertEquals(expectedCost, budget.at("/agent/spentToday").decimalValue());
    }

    @Test
    void usageShowsExactTotalsForTheProjectAndTheAgent() {
        JsonNode project = api.get("/api/v1/projects/p1/usage?from=2026-03-10&to=2026-03-10").body();
        JsonNode agent = api.get("/api/v1/projects/p1/usage?from=2026-03-10&to=2026-03-10&agentId=a1").body();

        assertTotals(project.at("/items/0"));
        assertTotals(agent.at("/items/0"));
    }

    @Test
    void postgresHoldsExactTotalsAfterAFlush() {
        nexus.app().services().flusher().flushNow();

        TestDatabase db = nexus.database();
        assertEquals(expectedRequests, db.queryLong("SELECT count(*) FROM usage_events"));
        assertEquals(expectedRequests, db.queryLong("SELECT sum(requests) FROM project_days"));
        assertEquals(expectedTokens, db.queryLong("SELECT sum(tokens) FROM project_days"));
        assertEquals(nanos(expectedCost), db.queryLong("SELECT sum(cost_nanos) FROM project_days"));
        assertEquals(nanos(expectedCost), db.queryLong("SELECT sum(cost_nanos) FROM agent_days"));
        assertEquals(expectedRequests, db.queryLong("SELECT sum(requests) FROM agent_days"));
    }

    /**
     * One thread's events: its own 500, with one of the 50 shared ones after every tenth, then all 50 shared ones
     * again, so that each shared id arrives from every thread, some of them at the same moment.
     */
    private void post(int thread, CountDownLatch start) {
        Api client = nexus.api();
        awaitQuietly(start);
        for (int i = 0; i < EVENTS_PER_THREAD; i++) {
            postOne(client, "t" + thread + "-" + i, cost(thread, i), tokens(i));
            if (i % 10 == 0) {
                int shared = i / 10 % SHARED_EVENTS;
                postOne(client, "shared-" + shared, cost(THREADS, shared), tokens(shared));
            }
        }
        for (int i = 0; i < SHARED_EVENTS; i++) {
            postOne(client, "shared-" + i, cost(THREADS, i), tokens(i));
        }
    }

    private static void postOne(Api client, String id, BigDecimal cost, long tokens) {
        String event = "{\"id\": \"" + id + "\", \"projectId\": \"p1\", \"agentId\": \"a1\", \"costUsd\": "
                + cost.toPlainString() + ", \"inputTokens\": " + tokens + ", \"outputTokens\": 7, "
                + "\"timestamp\": \"2026-03-10T11:59:00Z\"}";
        Api.Reply reply = client.post("/api/v1/usage", event);
        if (reply.status() != 200) {
            throw new AssertionError("post of " + id + " answered " + reply.status() + " " + reply.body());
        }
    }

    /** A cost with all nine decimals in use, different for every event of a thread. */
    private static BigDecimal cost(int thread, int i) {
        return BigDecimal.valueOf(1_000_000_007L * (thread + 1) + 13L * i, 9);
    }

    private static long tokens(int i) {
        return 100 + i;
    }

    private void expect(BigDecimal cost, long inputTokens) {
        expectedRequests++;
        expectedTokens += inputTokens + 7;
        expectedCost = expectedCost.add(cost);
    }

    private void assertTotals(JsonNode totals) {
        assertEquals(expectedRequests, totals.path("totalRequests").asLong(), totals::toString);
        assertEquals(expectedTokens, totals.path("totalTokens").asLong(), totals::toString);
        assertEquals(expectedCost, totals.path("totalCost").decimalValue(), totals::toString);
    }

    private static long nanos(BigDecimal usd) {
        return usd.movePointRight(9).longValueExact();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
