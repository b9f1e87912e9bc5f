package dev.nexus.costs.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexus.costs.support.Api;
import dev.nexus.costs.support.TestNexus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TraceAccessTest {

    private TestNexus nexus;
    private Api admin;
    private Api keyOfP2;

    @BeforeEach
    void setUp() {
        nexus = TestNexus.create();
        admin = nexus.api();
        admin.post("/api/v1/projects", "{\"id\": \"p1\"}");
        admin.post("/api/v1/projects", "{\"id\": \"p2\"}");
        admin.post("/api/v1/projects/p1/agents", "{\"id\": \"a1\"}");
        admin.post("/api/v1/projects/p1/traces", "{\"id\": \"t1\", \"sessionId\": \"s1\"}");
        keyOfP2 = admin.as(admin.post("/api/v1/projects/p2/keys", "{}").text("key"));
    }

    @AfterEach
    void tearDown() {
        nexus.close();
    }

    @Test
    void anotherProjectsTraceIsNotFoundForAProjectKey() {
        assertEquals(404, keyOfP2.get("/api/v1/traces/t1").status());
        assertEquals(404, keyOfP2.post("/api/v1/traces/t1/events", "{\"type\": \"x\", \"data\": {}}").status());
        assertEquals(404, keyOfP2.post("/api/v1/traces/t1/complete", "{\"status\": \"completed\"}").status());
        assertEquals("running", admin.get("/api/v1/traces/t1").text("status"));
    }

    @Test
    void aProjectKeyUsesTracesOfItsOwnProject() {
        Api.Reply created = keyOfP2.post("/api/v1/projects/p2/traces", "{\"id\": \"t2\", \"sessionId\": \"s\"}");

        assertEquals(201, created.status());
        assertEquals(200, keyOfP2.post("/api/v1/traces/t2/events", "{\"type\": \"x\", \"data\": {}}").status());
        assertEquals(1, keyOfP2.get("/api/v1/traces/t2").body().get("events").size());
    }

    @Test
    void aProjectKeyMayNotCreateOrListInAnotherProject() {
        assertEquals(403, keyOfP2.post("/api/v1/projects/p1/traces", "{\"sessionId\": \"s\"}").status());
        assertEquals(403, keyOfP2.get("/api/v1/projects/p1/traces").status());
    }

    @Test
    void creatingAgainWithTheSameContentAnswersTheExistingTrace() {
        Api.Reply again = admin.post("/api/v1/projects/p1/traces", "{\"id\": \"t1\", \"sessionId\": \"s1\"}");

        assertEquals(200, again.status());
        assertEquals("t1", again.text("id"));
    }

    @Test
    void creatingAgainWithOtherContentIsAnIdConflict() {
        Api.Reply other = admin.post("/api/v1/projects/p1/traces", "{\"id\": \"t1\", \"sessionId\": \"s2\"}");
        Api.Reply elsewhere = admin.post("/api/v1/projects/p2/traces", "{\"id\": \"t1\", \"sessionId\": \"s1\"}");

        assertEquals(409, other.status());
        assertEquals("id_conflict", other.errorCode());
        assertEquals(409, elsewhere.status());
    }

    @Test
    void aCreatedTraceHasTheContractsFields() {
        Api.Reply created = admin.post("/api/v1/projects/p1/traces",
                "{\"sessionId\": \"s9\", \"agentId\": \"a1\", \"startedAt\": \"2026-01-02T03:04:05+01:00\"}");

        assertEquals(201, created.status());
        assertEquals("p1", created.text("projectId"));
        assertEquals("a1", created.text("agentId"));
        assertEquals("2026-01-02T02:04:05Z", created.text("startedAt"));
        assertEquals("running", created.text("status"));
        assertEquals(0, created.body().get("totalTokens").asLong());
        assertEquals(0, created.body().get("events").size());
        assertEquals(true, created.body().get("completedAt").isNull());
    }

    @Test
    void anUnknownAgentIsNotFoundAndAMissingSessionIsABadRequest() {
        assertEquals(404, admin.post("/api/v1/projects/p1/traces", "{\"sessionId\": \"s\", \"agentId\": \"nobody\"}")
                .status());
        assertEquals(400, admin.post("/api/v1/projects/p1/traces", "{}").status());
        assertEquals(400, admin.post("/api/v1/projects/p1/traces", "{\"sessionId\": \"has space\"}").status());
    }

    @Test
    void anUnknownTraceIsNotFound() {
        assertEquals(404, admin.get("/api/v1/traces/nope").status());
        assertEquals(404, admin.post("/api/v1/traces/nope/events", "{\"type\": \"x\", \"data\": {}}").status());
    }
}
