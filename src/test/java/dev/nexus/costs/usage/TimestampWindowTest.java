package dev.nexus.costs.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexus.costs.support.Api;
import dev.nexus.costs.support.TestNexus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events may be dated up to 400 days back, so that old dates cannot fill the hot counters. */
class TimestampWindowTest {

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
    void anEventOlderThan400DaysIsRefusedAndOneOf399DaysCounts() {
        Api.Reply old = post("e1", Instant.now().minus(Duration.ofDays(401)));
        Api.Reply recent = post("e2", Instant.now().minus(Duration.ofDays(399)));

        assertEquals(400, old.status());
        assertEquals("timestamp", old.body().at("/error/field").asText());
        assertEquals("accepted", recent.text("status"));
    }

    private Api.Reply post(String id, Instant at) {
        return api.post("/api/v1/usage", "{\"id\": \"" + id + "\", \"projectId\": \"p1\", \"costUsd\": 1, "
                + "\"timestamp\": \"" + at + "\"}");
    }
}
