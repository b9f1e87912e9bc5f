package dev.nexus.costs.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.costs.support.Api;
import dev.nexus.costs.support.MutableClock;
import dev.nexus.costs.support.TestNexus;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DashboardStatsTest {

    /** 23:30 UTC on 31 May: already 1 June in Tokyo. */
    private final MutableClock clock = MutableClock.at(Instant.parse("2026-05-31T23:30:00Z"));
    private TestNexus nexus;
    private Api api;

    @BeforeEach
    void setUp() {
        nexus = TestNexus.create().clock(clock);
        api = nexus.api();
    }

    @AfterEach
    void tearDown() {
        nexus.close();
    }

    @Test
    void statsCountProjectsAgentsSessionsAndSpendAfterAScriptedMix() {
        api.post("/api/v1/projects", "{\"id\": \"utc\"}");
        api.post("/api/v1/projects", "{\"id\": \"tokyo\", \"timezone\": \"Asia/Tokyo\"}");
        api.post("/api/v1/projects", "{\"id\": \"old\", \"status\": \"archived\"}");
        api.post("/api/v1/projects/utc/agents", "{\"id\": \"a1\"}");
        api.post("/api/v1/projects/utc/agents", "{\"id\": \"a2\", \"status\": \"paused\"}");
        api.post("/api/v1/projects/tokyo/agents", "{\"id\": \"a1\"}");
        trace("utc", "t1", "s1");
        trace("utc", "t2", "s1");
        trace("utc", "t3", "s2");
        trace("tokyo", "t4", "s1");
        trace("tokyo", "t5", "s9");
        api.post("/api/v1/traces/t5/complete", "{\"status\": \"completed\"}");
        usage("utc", "e1", "1.25", "2026-05-31T12:00:00Z");
        usage("utc", "e2", "2", "2026-05-02T12:00:00Z");
        usage("utc", "e3", "100", "2026-04-30T12:00:00Z");
        usage("tokyo", "e4", "0.5", "2026-05-31T23:00:00Z");
        usage("tokyo", "e5", "4", "2026-05-31T12:00:00Z");

        JsonNode stats = api.get("/api/v1/stats").body();

        assertEquals(3, stats.get("totalProjects").asInt());
        assertEquals(2, stats.get("activeProjects").asInt());
        assertEquals(3, stats.get("totalAgents").asInt());
        assertEquals(2, stats.get("activeAgents").asInt());
        assertEquals(3, stats.get("activeSessions").asInt(), "utc/s1, utc/s2 and tokyo/s1");
        assertEquals(0, new BigDecimal("1.75").compareTo(stats.get("costToday").decimalValue()));
        assertEquals(0, new BigDecimal("3.75").compareTo(stats.get("costMonth").decimalValue()));
        assertEquals(0, stats.get("pendingApprovals").asInt());
    }

    @Test
    void statsAreTheAdminsOnly() {
        api.post("/api/v1/projects", "{\"id\": \"p1\"}");
        Api key = api.as(api.post("/api/v1/projects/p1/keys", "{}").text("key"));

        assertEquals(403, key.get("/api/v1/stats").status());
    }

    private void trace(String projectId, String id, String sessionId) {
        assertEquals(201, api.post("/api/v1/projects/" + projectId + "/traces",
                "{\"id\": \"" + id + "\", \"sessionId\": \"" + sessionId + "\"}").status());
    }

    private void usage(String projectId, String id, String costUsd, String timestamp) {
        assertEquals(200, api.post("/api/v1/usage", "{\"id\": \"" + id + "\", \"projectId\": \"" + projectId
                + "\", \"costUsd\": " + costUsd + ", \"timestamp\": \"" + timestamp + "\"}").status());
    }
}
