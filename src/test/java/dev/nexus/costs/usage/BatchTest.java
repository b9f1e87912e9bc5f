package dev.nexus.costs.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.costs.support.Api;
import dev.nexus.costs.support.TestNexus;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchTest {

    private TestNexus nexus;
    private Api api;

    @BeforeEach
    void setUp() {
        nexus = TestNexus.create();
        api = nexus.api();
        api.post("/api/v1/projects", "{\"id\": \"p1\"}");
        api.post("/api/v1/projects/p1/agents", "{\"id\": \"a1\"}");
    }

    @AfterEach
    void tearDown() {
        nexus.close();
    }

    @Test
    void aFullBatchOf10000EventsIsCountedWhole() {
        String batch = batch(10_000, "a");

        Api.Reply reply = api.post("/api/v1/usage", batch);

        assertEquals(200, reply.status(), () -> reply.body().toString());
        assertEquals(10_000, reply.body().path("accepted").asInt());
        JsonNode month = api.get("/api/v1/projects/p1/costs").body().path("month");
        assertEquals(10_000, month.path("totalRequests").asLong());
        assertEquals("10", month.path("totalCost").asText(), "10,000 x 0.001");
    }

    @Test
    void anIdRepeatedInsideABatchCountsOnce() {
        String batch = "{\"events\": [" + event("r1", "0.25") + ", " + event("r1", "0.25") + "]}";

        Api.Reply reply = api.post("/api/v1/usage", batch);

        assertEquals(1, reply.body().path("accepted").asInt());
        assertEquals(1, reply.body().path("duplicates").asInt());
        assertEquals("0.25", api.get("/api/v1/projects/p1/costs").body().at("/month/totalCost").asText());
    }

    @Test
    void aRepostedBatchIsAllDuplicates() {
        String batch = batch(50, "d");
        api.post("/api/v1/usage", batch);

        Api.Reply again = api.post("/api/v1/usage", batch);

        assertEquals(0, again.body().path("accepted").asInt());
        assertEquals(50, again.body().path("duplicates").asInt());
        assertEquals(50, api.get("/api/v1/projects/p1/costs").body().at("/month/totalRequests").asLong());
    }

    private static String batch(int events, String prefix) {
        return IntStream.range(0, events).mapToObj(i -> event(prefix + i, "0.001"))
                .collect(Collectors.joining(", ", "{\"events\": [", "]}"));
    }

    private static String event(String id, String costUsd) {
        return "{\"id\": \"" + id + "\", \"projectId\": \"p1\", \"agentId\": \"a1\", \"costUsd\": " + costUsd + "}";
    }
}
