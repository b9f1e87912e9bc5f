package dev.nexus.costs.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.costs.support.Api;
import dev.nexus.costs.support.TestNexus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An event counts on the day of its timestamp in its project's time zone, in memory and in PostgreSQL. */
class ProjectDayTest {

    private TestNexus nexus;
    private Api api;

    @BeforeEach
    void setUp() {
        nexus = TestNexus.create().clock(Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC));
        api = nexus.api();
        api.post("/api/v1/projects", "{\"id\": \"tokyo\", \"timezone\": \"Asia/Tokyo\"}");
    }

    @AfterEach
    void tearDown() {
        nexus.close();
    }

    @Test
    void anEveningInUtcIsTheNextDayInTokyo() {
        api.post("/api/v1/usage", "{\"id\": \"e1\", \"projectId\": \"tokyo\", \"costUsd\": 2, "
                + "\"timestamp\": \"2026-03-09T20:00:00Z\"}");

        JsonNode usage = api.get("/api/v1/projects/tokyo/usage?from=2026-03-09&to=2026-03-10").body();

        assertEquals("0", usage.at("/items/0/totalCost").asText(), "2026-03-09 in Tokyo");
        assertEquals("2", usage.at("/items/1/totalCost").asText(), "2026-03-10 in Tokyo");
    }

    @Test
    void theFlushWritesTheProjectsDay() {
        api.post("/api/v1/usage", "{\"id\": \"e1\", \"projectId\": \"tokyo\", \"costUsd\": 2, "
                + "\"timestamp\": \"2026-03-09T20:00:00Z\"}");

        nexus.app().services().flusher().flushNow();

        assertEquals(1, nexus.database().queryLong(
                "SELECT count(*) FROM project_days WHERE day = DATE '2026-03-10' AND cost_nanos = 2000000000"));
    }
}
