package dev.nexus.costs.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexus.costs.support.Api;
import dev.nexus.costs.support.TestNexus;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TraceTotalsTest {

    private TestNexus nexus;
    private Api api;

    @BeforeEach
    void setUp() {
        nexus = TestNexus.create();
        api = nexus.api();
        api.post("/api/v1/projects", "{\"id\": \"p1\"}");
        api.post("/api/v1/projects", "{\"id\": \"p2\"}");
        api.post("/api/v1/projects/p1/traces", "{\"id\": \"t1\", \"sessionId\": \"s1\"}");
        api.post("/api/v1/projects/p1/traces", "{\"id\": \"t2\", \"sessionId\": \"s1\"}");
    }

    @AfterEach
    void tearDown() {
        nexus.close();
    }

    @Test
    void totalsAreTheSumsOfTheUsageThatNamesTheTraceBeforeAndAfterFlush() {
        usage("e1", "t1", 1000, 200, "0.0045");
        usage("e2", "t1", 10, 5, "0.000000001");
        usage("e3", "t2", 7, 0, "1");
        usage("e4", null, 7, 0, "1");

        assertTotals("t1", 1215, "0.004500001");
        nexus.app().services().flusher().flushNow();
        assertTotals("t1", 1215, "0.004500001");
        assertTotals("t2", 7, "1");

        usage("e5", "t1", 1, 1, "0.5");
        assertTotals("t1", 1217, "0.504500001");
    }

    @Test
    void totalsInAListingIncludeUnflushedUsage() {
        usage("e1", "t2", 3, 4, "0.25");

        var items = api.get("/api/v1/projects/p1/traces").body().get("items");

        assertEquals("t2", items.get(0).get("id").asText());
        assertEquals(7, items.get(0).get("totalTokens").asLong());
        assertEquals(0, new BigDecimal("0.25").compareTo(items.get(0).get("totalCost").decimalValue()));
    }

    @Test
    void aFlushInProgressNeverMakesATotalJump() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        Thread flushing = new Thread(() -> {
            while (running.get()) {
                nexus.app().services().flusher().flushNow();
            }
        });
        flushing.start();
        try {
            for (int i = 1; i <= 60; i++) {
                usage("e" + i, "t1", 1, 0, "0.001");
                assertTotals("t1", i, new BigDecimal("0.001").multiply(BigDecimal.valueOf(i)).toPlainString());
            }
        } finally {
            running.set(false);
            flushing.join();
        }
    }

    @Test
    void usageNamingAnUnknownTraceOrAnotherProjectsTraceIsNotFound() {
        assertEquals(404, api.post("/api/v1/usage", "{\"id\": \"e1\", \"projectId\": \"p1\", \"traceId\": \"nope\", "
                + "\"costUsd\": 1}").status());
        assertEquals(404, api.post("/api/v1/usage", "{\"id\": \"e2\", \"projectId\": \"p2\", \"traceId\": \"t1\", "
                + "\"costUsd\": 1}").status());
    }

    @Test
    void totalsSurviveARestart() {
        usage("e1", "t1", 5, 5, "0.3");

        nexus.stop();

        assertTotals("t1", 10, "0.3");
        assertTrue(nexus.app().traces().lookup().exists("p1", "t1"), "the index is loaded at start");
    }

    private void usage(String id, String traceId, long input, long output, String costUsd) {
        Api.Reply reply = api.post("/api/v1/usage", "{\"id\": \"" + id + "\", \"projectId\": \"p1\", "
                + (traceId == null ? "" : "\"traceId\": \"" + traceId + "\", ")
                + "\"inputTokens\": " + input + ", \"outputTokens\": " + output + ", \"costUsd\": " + costUsd + "}");
        assertEquals(200, reply.status(), () -> String.valueOf(reply.body()));
    }

    private void assertTotals(String traceId, long tokens, String costUsd) {
        Api.Reply trace = nexus.api().get("/api/v1/traces/" + traceId);
        assertEquals(tokens, trace.body().get("totalTokens").asLong(), "tokens of " + traceId);
        assertEquals(0, new BigDecimal(costUsd).compareTo(trace.body().get("totalCost").decimalValue()),
                "cost of " + traceId + ": " + trace.body().get("totalCost"));
    }
}
