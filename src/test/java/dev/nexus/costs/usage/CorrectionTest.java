package dev.nexus.costs.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.costs.support.AlertInbox;
import dev.nexus.costs.support.Api;
import dev.nexus.costs.support.TestNexus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Corrections: an admin sets a counted event's cost; every total follows and the event keeps its history. */
class CorrectionTest {

    private TestNexus nexus;
    private Api api;

    @BeforeEach
    void setUp() {
        nexus = TestNexus.create();
        api = nexus.api();
        api.post("/api/v1/projects", "{\"id\": \"p1\", \"config\": {\"costConfig\": {\"dailyBudgetUSD\": 1}}}");
        api.post("/api/v1/projects/p1/agents", "{\"id\": \"a1\"}");
        api.post("/api/v1/usage", "{\"id\": \"e1\", \"projectId\": \"p1\", \"agentId\": \"a1\", \"costUsd\": 0.761}");
        api.post("/api/v1/usage", "{\"id\": \"e2\", \"projectId\": \"p1\", \"costUsd\": 0.1}");
    }

    @AfterEach
    void tearDown() {
        nexus.close();
    }

    @Test
    void aCorrectionMovesEveryTotalAndIsKeptWithTheEvent() throws Exception {
        Api.Reply corrected = api.post("/api/v1/projects/p1/usage/events/e1/correction",
                "{\"costUsd\": 0.0761, \"reason\": \"price typed wrong\"}");

        assertEquals(200, corrected.status(), () -> corrected.body().toString());
        assertEquals("0.761", corrected.text("originalCostUsd"));
        assertEquals("0.0761", corrected.text("costUsd"));
        assertEquals("price typed wrong", corrected.body().at("/corrections/0/reason").asText());
        JsonNode costs = api.get("/api/v1/projects/p1/costs").body();
        assertEquals("0.1761", costs.at("/today/totalCost").asText());
        assertEquals(2, costs.at("/today/totalRequests").asInt());
        assertEquals("0.0761", costs.at("/byAgent/0/costToday").asText());
        assertEquals(176_100_000L, flushedDayCostNanos());
    }

    @Test
    void aCorrectionUpwardsIsEvaluatedForAlerts() throws Exception {
        try (AlertInbox inbox = AlertInbox.connect(api.origin(), "token=" + TestNexus.ADMIN)) {
            inbox.await(2, Duration.ofSeconds(5));

            api.post("/api/v1/projects/p1/usage/events/e2/correction", "{\"costUsd\": 0.3, \"reason\": \"refund\"}");

            JsonNode alert = inbox.next(Duration.ofSeconds(10));
            assertEquals(100, alert.get("threshold").asInt());
            assertEquals("1.061", alert.get("currentSpend").asText());
        }
    }

    @Test
    void correctingAnUnknownEventIs404AndAMissingReasonIs400() {
        assertEquals(404, api.post("/api/v1/projects/p1/usage/events/nope/correction",
                "{\"costUsd\": 1, \"reason\": \"x\"}").status());
        assertEquals("reason", api.post("/api/v1/projects/p1/usage/events/e1/correction", "{\"costUsd\": 1}")
                .body().at("/error/field").asText());
    }

    private long flushedDayCostNanos() throws Exception {
        nexus.app().services().flusher().flushNow();
        try (Connection connection = nexus.database().connect();
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT sum(cost_nanos) FROM project_days WHERE project_id = 'p1'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
