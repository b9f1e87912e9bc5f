package dev.nexus.costs.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.costs.support.Api;
import dev.nexus.costs.support.MutableClock;
import dev.nexus.costs.support.TestNexus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TraceIdleTest {

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-05-04T10:00:00Z"));
    private TestNexus nexus;
    private Api api;

    @BeforeEach
    void setUp() {
        nexus = TestNexus.create().clock(clock);
        api = nexus.api();
        api.post("/api/v1/projects", "{\"id\": \"p1\"}");
        api.post("/api/v1/projects/p1/traces", "{\"id\": \"t1\", \"sessionId\": \"s1\"}");
    }

    @AfterEach
    void tearDown() {
        nexus.close();
    }

    @Test
    void aTraceSilentForTheIdleTimeoutIsClosedAsErrorWithAnEventThatSaysWhy() {
        clock.advance(Duration.ofHours(1));

        reaper().closeIdle();

        JsonNode trace = api.get("/api/v1/traces/t1").body();
        assertEquals("error", trace.get("status").asText());
        assertEquals("2026-05-04T11:00:00Z", trace.get("completedAt").asText());
        JsonNode why = trace.at("/events/0");
        assertEquals("error", why.get("type").asText());
        assertEquals("idle_timeout", why.at("/data/reason").asText());
        assertEquals(409, api.post("/api/v1/traces/t1/events", "{\"type\": \"late\", \"data\": {}}").status());
    }

    @Test
    void activityKeepsATraceOpen() {
        clock.advance(Duration.ofMinutes(50));
        api.post("/api/v1/traces/t1/events", "{\"type\": \"step\", \"data\": {}}");
        clock.advance(Duration.ofMinutes(50));

        reaper().closeIdle();
        assertEquals("running", status());
    }

    @Test
    void usageNamingATraceIsActivityOnceFlushed() {
        clock.advance(Duration.ofMinutes(50));
        api.post("/api/v1/usage", "{\"id\": \"e1\", \"projectId\": \"p1\", \"traceId\": \"t1\", \"costUsd\": 1}");
        clock.advance(Duration.ofMinutes(50));

        reaper().closeIdle();
        assertEquals("running", status(), "unflushed usage holds the trace open");
        nexus.app().services().flusher().flushNow();
        reaper().closeIdle();
        assertEquals("running", status(), "flushed usage moved its last activity");
        clock.advance(Duration.ofMinutes(11));
        reaper().closeIdle();
        assertEquals("error", status());
    }

    @Test
    void aClosedTraceNoLongerCountsAsAnActiveSession() {
        assertEquals(1, api.get("/api/v1/stats").body().get("activeSessions").asInt());
        clock.advance(Duration.ofHours(2));

        reaper().closeIdle();

        assertEquals(0, api.get("/api/v1/stats").body().get("activeSessions").asInt());
    }

    /** The trace's status; the reaper's own rounds may close it too, so tests look at the trace. */
    private String status() {
        return api.get("/api/v1/traces/t1").text("status");
    }

    private IdleTraceReaper reaper() {
        return nexus.app().traces().reaper();
    }
}
