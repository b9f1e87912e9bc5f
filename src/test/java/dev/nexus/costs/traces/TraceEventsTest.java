package dev.nexus.costs.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.costs.support.Api;
import dev.nexus.costs.support.TestNexus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TraceEventsTest {

    private TestNexus nexus;
    private Api api;

    @BeforeEach
    void setUp() {
        nexus = TestNexus.create().set("NEXUS_TRACE_MAX_EVENTS", "300").set("NEXUS_TRACE_EVENT_MAX_BYTES", "1000");
        api = nexus.api();
        api.post("/api/v1/projects", "{\"id\": \"p1\"}");
        api.post("/api/v1/projects/p1/traces", "{\"id\": \"t1\", \"sessionId\": \"s1\"}");
    }

    @AfterEach
    void tearDown() {
        nexus.close();
    }

    @Test
    void anAppendAnswersTheTraceWithItsEventsInOrder() {
        api.post("/api/v1/traces/t1/events", "{\"type\": \"start\", \"data\": {\"n\": 1}}");

        Api.Reply reply = api.post("/api/v1/traces/t1/events",
                "{\"events\": [{\"type\": \"tool_call\", \"data\": {\"n\": 2}}, {\"type\": \"end\", \"data\": {}}]}");

        assertEquals(200, reply.status());
        assertEquals(3, reply.body().get("events").size());
        assertEquals("start", reply.body().at("/events/0/type").asText());
        assertEquals(2, reply.body().at("/events/1/data/n").asInt());
        assertEquals("end", reply.body().at("/events/2/type").asText());
    }

    @Test
    void concurrentAppendsToOneTraceKeepEachCallersOrderAndLoseNothing() throws Exception {
        int writers = 6;
        int appendsEach = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                for (int i = 0; i < appendsEach; i++) {
                    Api.Reply reply = api.post("/api/v1/traces/t1/events",
                            "{\"type\": \"step\", \"data\": {\"writer\": " + writer + ", \"i\": " + i + "}}");
                    assertEquals(200, reply.status());
                    assertTrue(holds(reply.body().get("events"), writer, i), "the answer holds the new event");
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();

        JsonNode events = api.get("/api/v1/traces/t1").body().get("events");
        assertEquals(writers * appendsEach, events.size());
        Map<Integer, Integer> nextOfWriter = new HashMap<>();
        for (JsonNode event : events) {
            int writer = event.at("/data/writer").asInt();
            int expected = nextOfWriter.getOrDefault(writer, 0);
            assertEquals(expected, event.at("/data/i").asInt(), "writer " + writer + "'s events stay in order");
            nextOfWriter.put(writer, expected + 1);
        }
    }

    @Test
    void anAppendToALongTraceAnswersItsLatestEventsWhileGetAnswersAll() {
        Api.Reply batch = api.post("/api/v1/traces/t1/events", events(150));
        Api.Reply one = api.post("/api/v1/traces/t1/events", "{\"type\": \"last\", \"data\": {}}");

        assertEquals(150, batch.body().get("events").size(), "an append answers at least what it appended");
        assertEquals(TraceService.ANSWER_TAIL_EVENTS, one.body().get("events").size());
        assertEquals(151, one.body().get("eventCount").asInt());
        assertEquals(51, one.body().at("/events/0/data/i").asInt());
        assertEquals("last", one.body().at("/events/99/type").asText());
        assertEquals(151, api.get("/api/v1/traces/t1").body().get("events").size());
    }

    @Test
    void appendingToACompletedTraceIsTraceClosed() {
        api.post("/api/v1/traces/t1/complete", "{\"status\": \"completed\"}");

        Api.Reply reply = api.post("/api/v1/traces/t1/events", "{\"type\": \"late\", \"data\": {}}");

        assertEquals(409, reply.status());
        assertEquals("trace_closed", reply.errorCode());
    }

    @Test
    void completingTwiceIsTraceClosed() {
        assertEquals(200, api.post("/api/v1/traces/t1/complete", "{\"status\": \"error\"}").status());

        Api.Reply again = api.post("/api/v1/traces/t1/complete", "{\"status\": \"completed\"}");

        assertEquals(409, again.status());
        assertEquals("trace_closed", again.errorCode());
        assertEquals("error", api.get("/api/v1/traces/t1").text("status"));
    }

    @Test
    void eventDataOverTheLimitIs413AndAppendsNothing() {
        String big = "x".repeat(1000);

        Api.Reply reply = api.post("/api/v1/traces/t1/events",
                "{\"events\": [{\"type\": \"ok\", \"data\": {}}, {\"type\": \"big\", \"data\": {\"s\": \"" + big
                        + "\"}}]}");

        assertEquals(413, reply.status());
        assertEquals("event_too_large", reply.errorCode());
        assertEquals("events[1].data", reply.body().at("/error/field").asText());
        assertEquals(0, api.get("/api/v1/traces/t1").body().get("events").size());
    }

    @Test
    void passingTheEventLimitIs413AndAppendsNothing() {
        api.post("/api/v1/traces/t1/events", events(299));

        Api.Reply reply = api.post("/api/v1/traces/t1/events", events(2));

        assertEquals(413, reply.status());
        assertEquals("too_many_events", reply.errorCode());
        assertEquals(299, api.get("/api/v1/traces/t1").body().get("events").size());
        assertEquals(200, api.post("/api/v1/traces/t1/events", events(1)).status());
    }

    @Test
    void anAppendWithoutDataIs400() {
        Api.Reply reply = api.post("/api/v1/traces/t1/events", "{\"type\": \"start\"}");

        assertEquals(400, reply.status());
        assertEquals("data", reply.body().at("/error/field").asText());
    }

    private static boolean holds(JsonNode events, int writer, int i) {
        for (JsonNode event : events) {
            if (event.at("/data/writer").asInt() == writer && event.at("/data/i").asInt() == i) {
                return true;
            }
        }
        return false;
    }

    private static String events(int count) {
        StringBuilder body = new StringBuilder("{\"events\": [");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",").append("{\"type\": \"step\", \"data\": {\"i\": ").append(i).append("}}");
        }
        return body.append("]}").toString();
    }
}
