package dev.nexus.costs.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.costs.support.Api;
import dev.nexus.costs.support.TestNexus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Budget checks read the hot counters: spent plus the estimate may reach a limit but not pass it. */
class BudgetCheckTest {

    private TestNexus nexus;
    private Api api;

    @BeforeEach
    void setUp() {
        nexus = TestNexus.create().clock(Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC));
        api = nexus.api();
        api.post("/api/v1/projects", "{\"id\": \"p1\", \"config\": {\"costConfig\": "
                + "{\"dailyBudgetUSD\": 1, \"monthlyBudgetUSD\": 5}}}");
        api.post("/api/v1/projects/p1/agents", "{\"id\": \"a1\", \"config\": {\"budgetPerDayUsd\": 0.5}}");
    }

    @AfterEach
    void tearDown() {
        nexus.close();
    }

    @Test
    void anEstimateThatReachesTheLimitExactlyIsAllowed() {
        spend("e1", "0.6", null);

        JsonNode budget = budget("estimatedCostUsd=0.4");

        assertTrue(budget.path("allowed").asBoolean(), budget::toString);
        assertEquals("0.6", budget.at("/project/spentToday").asText());
    }

    @Test
    void anEstimateThatPassesTheLimitIsRefusedWithItsReason() {
        spend("e1", "0.6", null);

        JsonNode budget = budget("estimatedCostUsd=0.400000001");

        assertFalse(budget.path("allowed").asBoolean());
        assertEquals("project_daily_exceeded", budget.path("reason").asText());
    }

    @Test
    void spendThatHasReachedTheLimitIsRefusedWithoutAnEstimate() {
        spend("e1", "1", null);

        JsonNode budget = budget("");

        assertFalse(budget.path("allowed").asBoolean());
        assertEquals("project_daily_exceeded", budget.path("reason").asText());
    }

    @Test
    void theMonthlyLimitCountsEveryDayOfTheMonth() {
        spend("e1", "4.5", "\"timestamp\": \"2026-03-02T10:00:00Z\"");

        JsonNode budget = budget("estimatedCostUsd=0.6");

        assertFalse(budget.path("allowed").asBoolean());
        assertEquals("project_monthly_exceeded", budget.path("reason").asText());
        assertEquals("0", budget.at("/project/spentToday").asText());
        assertEquals("4.5", budget.at("/project/spentMonth").asText());
    }

    @Test
    void anAgentsDailyLimitAppliesToThatAgentOnly() {
        spend("e1", "0.5", "\"agentId\": \"a1\"");

        JsonNode agent = budget("agentId=a1");
        JsonNode project = budget("");

        assertFalse(agent.path("allowed").asBoolean());
        assertEquals("agent_daily_exceeded", agent.path("reason").asText());
        assertEquals("0.5", agent.at("/agent/spentToday").asText());
        assertTrue(project.path("allowed").asBoolean());
        assertTrue(project.path("agent").isNull());
    }

    @Test
    void theAnswerToAPostIncludesThePostedEvent() {
        Api.Reply reply = api.post("/api/v1/usage", "{\"id\": \"e1\", \"projectId\": \"p1\", \"agentId\": \"a1\", "
                + "\"costUsd\": 0.5}");

        assertEquals("0.5", reply.body().at("/budget/project/spentToday").asText());
        assertEquals("0.5", reply.body().at("/budget/agent/spentToday").asText());
        assertEquals("agent_daily_exceeded", reply.body().at("/budget/reason").asText());
    }

    private void spend(String id, String costUsd, String moreFields) {
        Api.Reply reply = api.post("/api/v1/usage", "{\"id\": \"" + id + "\", \"projectId\": \"p1\", \"costUsd\": "
                + costUsd + (moreFields == null ? "" : ", " + moreFields) + "}");
        assertEquals(200, reply.status(), () -> reply.body().toString());
    }

    private JsonNode budget(String query) {
        return api.get("/api/v1/projects/p1/budget?" + query).body();
    }
}
