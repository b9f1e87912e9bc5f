package dev.nexus.costs.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexus.costs.support.Api;
import dev.nexus.costs.support.TestNexus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdempotencyTest {

    private TestNexus nexus;
    private Api api;

    @BeforeEach
    void setUp() {
        nexus = TestNexus.create();
        api = nexus.api();
        api.post("/api/v1/projects", "{\"id\": \"p1\"}");
    }

    @AfterEach
    void tearDown() {
        nexus.close();
    }

    @Test
    void aRepostWithTheSameContentIsADuplicateAndCountsOnce() {
        String event = "{\"id\": \"e1\", \"projectId\": \"p1\", \"costUsd\": 0.5}";

        assertEquals("accepted", api.post("/api/v1/usage", event).text("status"));
        assertEquals("duplicate", api.post("/api/v1/usage", event).text("status"));

        assertEquals("0.5", api.get("/api/v1/projects/p1/costs").body().at("/today/totalCost").asText());
        assertEquals(1, api.get("/api/v1/projects/p1/costs").body().at("/today/totalRequests").asInt());
    }

    @Test
    void theSameIdWithOtherContentIsAConflictAndChangesNothing() {
        api.post("/api/v1/usage", "{\"id\": \"e1\", \"projectId\": \"p1\", \"costUsd\": 0.5}");

        Api.Reply conflict = api.post("/api/v1/usage", "{\"id\": \"e1\", \"projectId\": \"p1\", \"costUsd\": 0.6}");

        assertEquals(409, conflict.status());
        assertEquals("id_conflict", conflict.errorCode());
        assertEquals("0.5", api.get("/api/v1/projects/p1/costs").body().at("/today/totalCost").asText());
    }

    @Test
    void aRepostWithoutTimestampMatchesTheFirstPostsTimestamp() {
        api.post("/api/v1/usage", "{\"id\": \"e1\", \"projectId\": \"p1\", \"costUsd\": 0.5, "
                + "\"timestamp\": \"2026-01-02T03:04:05Z\"}");

        Api.Reply repost = api.post("/api/v1/usage", "{\"id\": \"e1\", \"projectId\": \"p1\", \"costUsd\": 0.5}");

        assertEquals("duplicate", repost.text("status"));
    }

    @Test
    void aRepostWithAnotherTimestampIsAConflict() {
        api.post("/api/v1/usage", "{\"id\": \"e1\", \"projectId\": \"p1\", \"costUsd\": 0.5, "
                + "\"timestamp\": \"2026-01-02T03:04:05Z\"}");

        Api.Reply repost = api.post("/api/v1/usage", "{\"id\": \"e1\", \"projectId\": \"p1\", \"costUsd\": 0.5, "
                + "\"timestamp\": \"2026-01-02T03:04:06Z\"}");

        assertEquals(409, repost.status());
        assertEquals("id_conflict", repost.errorCode());
    }

    @Test
    void aDuplicateAnswersTheCostCountedTheFirstTime() {
        String event = "{\"id\": \"e1\", \"projectId\": \"p1\", \"model\": \"gpt-4o\", \"inputTokens\": 1000, "
                + "\"outputTokens\": 200}";
        api.post("/api/v1/usage", event);

        Api.Reply repost = api.post("/api/v1/usage", event);

        assertEquals("duplicate", repost.text("status"));
        assertEquals("0.0045", repost.body().path("costUsd").asText());
    }

    @Test
    void theSameIdInAnotherProjectIsAnotherEvent() {
        api.post("/api/v1/projects", "{\"id\": \"p2\"}");
        api.post("/api/v1/usage", "{\"id\": \"e1\", \"projectId\": \"p1\", \"costUsd\": 0.5}");

        Api.Reply other = api.post("/api/v1/usage", "{\"id\": \"e1\", \"projectId\": \"p2\", \"costUsd\": 0.7}");

        assertEquals("accepted", other.text("status"));
        assertEquals("0.7", api.get("/api/v1/projects/p2/costs").body().at("/today/totalCost").asText());
    }
}
