package dev.nexus.costs.projects;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexus.costs.support.Api;
import dev.nexus.costs.support.TestNexus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A budget that is misspelt is refused, not kept as a project without a limit. */
class ProjectConfigTest {

    private TestNexus nexus;
    private Api api;

    @BeforeEach
    void setUp() {
        nexus = TestNexus.create();
        api = nexus.api();
    }

    @AfterEach
    void tearDown() {
        nexus.close();
    }

    @Test
    void anUnknownKeyInCostConfigIsRefusedWithItsPath() {
        Api.Reply reply = api.post("/api/v1/projects",
                "{\"id\": \"p1\", \"config\": {\"costConfig\": {\"dailyBudgetUsd\": 5}}}");

        assertEquals(400, reply.status());
        assertEquals("config.costConfig.dailyBudgetUsd", reply.body().at("/error/field").asText());
        assertEquals(404, api.get("/api/v1/projects/p1").status());
    }

    @Test
    void anAgentBudgetSpeltInAnotherCaseIsRefused() {
        api.post("/api/v1/projects", "{\"id\": \"p1\"}");

        Api.Reply reply = api.post("/api/v1/projects/p1/agents",
                "{\"id\": \"a1\", \"config\": {\"budgetPerDayUSD\": 5}}");

        assertEquals(400, reply.status());
        assertEquals("config.budgetPerDayUSD", reply.body().at("/error/field").asText());
    }

    @Test
    void aTimezoneMustBeAnIanaName() {
        Api.Reply offset = api.post("/api/v1/projects", "{\"id\": \"p1\", \"timezone\": \"+05:00\"}");
        Api.Reply named = api.post("/api/v1/projects", "{\"id\": \"p2\", \"timezone\": \"Asia/Karachi\"}");

        assertEquals("timezone", offset.body().at("/error/field").asText());
        assertEquals(201, named.status());
    }
}
