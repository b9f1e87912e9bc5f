package dev.nexus.costs.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexus.costs.support.Api;
import dev.nexus.costs.support.TestNexus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A body past the limit is refused with 413, however it is padded, and counts nothing. */
class BodyLimitTest {

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
    void aValidEventPaddedPastTheLimitIsRefused() {
        String padded = "{\"id\": \"e1\", \"projectId\": \"p1\", \"costUsd\": 1}"
                + " ".repeat((int) Routes.MAX_BODY_BYTES);

        Api.Reply reply = api.post("/api/v1/usage", padded);

        assertEquals(413, reply.status());
        assertEquals("payload_too_large", reply.errorCode());
        assertEquals(0, api.get("/api/v1/projects/p1/costs").body().at("/today/totalRequests").asInt());
    }
}
