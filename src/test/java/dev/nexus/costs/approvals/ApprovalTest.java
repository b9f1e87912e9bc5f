package dev.nexus.costs.approvals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexus.costs.support.Api;
import dev.nexus.costs.support.TestNexus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Approvals: a project key asks for more budget, the admin decides, a grant raises the limit. */
class ApprovalTest {

    private TestNexus nexus;
    private Api admin;
    private Api key;

    @BeforeEach
    void setUp() {
        nexus = TestNexus.create();
        admin = nexus.api();
        admin.post("/api/v1/projects", "{\"id\": \"p1\", \"config\": {\"costConfig\": {\"dailyBudgetUSD\": 1}}}");
        key = admin.as(admin.post("/api/v1/projects/p1/keys", "{}").text("key"));
        admin.post("/api/v1/usage", "{\"id\": \"e1\", \"projectId\": \"p1\", \"costUsd\": 1}");
    }

    @AfterEach
    void tearDown() {
        nexus.close();
    }

    @Test
    void anApprovedRequestRaisesTheLimitThatBudgetChecksHonour() {
        assertFalse(admin.get("/api/v1/projects/p1/budget").body().get("allowed").asBoolean());

        Api.Reply asked = key.post("/api/v1/projects/p1/approvals",
                "{\"scope\": \"project.daily\", \"requestedUsd\": 0.5, \"reason\": \"launch day\"}");
        Api.Reply approved = admin.post("/api/v1/approvals/" + asked.text("id") + "/approve", "{}");

        assertEquals(201, asked.status());
        assertEquals("pending", asked.text("status"));
        assertEquals("approved", approved.text("status"));
        Api.Reply budget = key.get("/api/v1/projects/p1/budget?estimatedCostUsd=0.5");
        assertTrue(budget.body().get("allowed").asBoolean());
        assertEquals("1.5", budget.body().at("/project/dailyBudgetUSD").asText());
        assertEquals("66.66", admin.get("/api/v1/projects/p1/costs").body().at("/budget/dailyPercent").asText());
    }

    @Test
    void aDecidedRequestCannotChangeAgain() {
        String id = key.post("/api/v1/projects/p1/approvals",
                "{\"scope\": \"project.monthly\", \"requestedUsd\": 5, \"reason\": \"more\"}").text("id");

        assertEquals("rejected", admin.post("/api/v1/approvals/" + id + "/reject", "{}").text("status"));
        Api.Reply again = admin.post("/api/v1/approvals/" + id + "/approve", "{}");

        assertEquals(409, again.status());
        assertEquals("approval_closed", again.errorCode());
        assertEquals("1", admin.get("/api/v1/projects/p1/budget").body().at("/project/dailyBudgetUSD").asText());
    }

    @Test
    void onlyTheAdminDecides() {
        String id = key.post("/api/v1/projects/p1/approvals",
                "{\"scope\": \"project.daily\", \"requestedUsd\": 5, \"reason\": \"more\"}").text("id");

        assertEquals(403, key.post("/api/v1/approvals/" + id + "/approve", "{}").status());
        assertEquals(1, key.get("/api/v1/projects/p1/approvals?status=pending").body().get("items").size());
    }

    @Test
    void badRequestsAreRefusedWithTheFieldNamed() {
        Api.Reply noAgent = key.post("/api/v1/projects/p1/approvals",
                "{\"scope\": \"agent.daily\", \"requestedUsd\": 5, \"reason\": \"x\"}");
        Api.Reply badScope = key.post("/api/v1/projects/p1/approvals",
                "{\"scope\": \"weekly\", \"requestedUsd\": 5, \"reason\": \"x\"}");
        Api.Reply noReason = key.post("/api/v1/projects/p1/approvals",
                "{\"scope\": \"project.daily\", \"requestedUsd\": 5}");

        assertEquals("agentId", noAgent.body().at("/error/field").asText());
        assertEquals("scope", badScope.body().at("/error/field").asText());
        assertEquals("reason", noReason.body().at("/error/field").asText());
        assertEquals(404, admin.post("/api/v1/approvals/apr_missing/approve", "{}").status());
    }
}
