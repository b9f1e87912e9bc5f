package dev.nexus.costs.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.costs.support.Api;
import dev.nexus.costs.support.TestNexus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TracePaginationTest {

    private static final Instant BASE = Instant.parse("2026-03-01T00:00:00Z");

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
    void cursorPagesVisitEveryTraceOnceWhileNewTracesArrive() {
        Set<String> existing = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            // Pairs share a start, so that the id breaks the tie.
            existing.add(create("t" + i, "s1", BASE.plusSeconds(i / 2)));
        }
        List<String> visited = new ArrayList<>();
        String cursor = null;
        int page = 0;
        do {
            JsonNode body = api.get("/api/v1/projects/p1/traces?limit=7"
                    + (cursor == null ? "" : "&cursor=" + cursor)).body();
            body.get("items").forEach(item -> visited.add(item.get("id").asText()));
            create("new" + page, "s1", BASE.plusSeconds(1000 + page));
            create("mid" + page, "s1", BASE.plusSeconds(5).plusMillis(500));
            cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asText();
            page++;
        } while (cursor != null);

        assertEquals(visited.size(), new HashSet<>(visited).size(), "no trace is visited twice: " + visited);
        assertTrue(visited.containsAll(existing), "every trace that existed is visited: " + visited);
    }

    @Test
    void pagesAreNewestFirstByStartThenId() {
        create("a", "s1", BASE);
        create("b", "s1", BASE);
        create("c", "s1", BASE.plusSeconds(1));

        JsonNode items = api.get("/api/v1/projects/p1/traces").body().get("items");

        assertEquals(List.of("c", "b", "a"), ids(items));
    }

    @Test
    void filtersNarrowTheListing() {
        create("t1", "s1", BASE);
        create("t2", "s2", BASE.plusSeconds(10));
        api.post("/api/v1/projects/p1/traces", "{\"id\": \"t3\", \"sessionId\": \"s2\", \"agentId\": \"a1\", "
                + "\"startedAt\": \"" + BASE.plusSeconds(20) + "\"}");
        api.post("/api/v1/traces/t2/complete", "{\"status\": \"completed\"}");

        assertEquals(List.of("t3", "t2"), ids(list("sessionId=s2")));
        assertEquals(List.of("t3"), ids(list("agentId=a1")));
        assertEquals(List.of("t2"), ids(list("status=completed")));
        assertEquals(List.of("t3", "t1"), ids(list("status=running")));
        assertEquals(List.of("t2", "t1"), ids(list("from=" + BASE + "&to=" + BASE.plusSeconds(10))));
    }

    @Test
    void aLimitOver100OrABadCursorIsABadRequest() {
        assertEquals(400, api.get("/api/v1/projects/p1/traces?limit=101").status());
        assertEquals(400, api.get("/api/v1/projects/p1/traces?limit=0").status());
        assertEquals(400, api.get("/api/v1/projects/p1/traces?cursor=bm9wZQ").status());
        assertEquals(400, api.get("/api/v1/projects/p1/traces?status=sleeping").status());
        assertEquals(200, api.get("/api/v1/projects/p1/traces?limit=100").status());
    }

    @Test
    void listedTracesCarryTheirEvents() {
        create("t1", "s1", BASE);
        create("t2", "s1", BASE.plusSeconds(1));
        api.post("/api/v1/traces/t1/events", "{\"events\": [{\"type\": \"a\", \"data\": {}}, "
                + "{\"type\": \"b\", \"data\": {\"k\": [1, 2]}}]}");

        JsonNode items = api.get("/api/v1/projects/p1/traces").body().get("items");

        assertEquals(0, items.get(0).get("events").size());
        assertEquals(2, items.get(1).get("events").size());
        assertEquals("[1,2]", items.get(1).at("/events/1/data/k").toString());
    }

    private String create(String id, String sessionId, Instant startedAt) {
        Api.Reply reply = api.post("/api/v1/projects/p1/traces", "{\"id\": \"" + id + "\", \"sessionId\": \""
                + sessionId + "\", \"startedAt\": \"" + startedAt + "\"}");
        assertEquals(201, reply.status());
        return id;
    }

    private JsonNode list(String query) {
        return api.get("/api/v1/projects/p1/traces?" + query).body().get("items");
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }
}
