package dev.nexus.costs.alerts;

import static dev.nexus.costs.alerts.AlertWorkedCasesTest.names;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.costs.support.AlertInbox;
import dev.nexus.costs.support.Api;
import dev.nexus.costs.support.TestNexus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An alert goes out once, across a restart and across two instances sharing one database. */
class AlertOnceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(700);
    private TestNexus nexus;

    @BeforeEach
    void setUp() {
        nexus = TestNexus.create();
        nexus.api().post("/api/v1/projects",
                "{\"id\": \"p1\", \"config\": {\"costConfig\": {\"dailyBudgetUSD\": 10}}}");
    }

    @AfterEach
    void tearDown() {
        nexus.close();
    }

    @Test
    void aRestartBetweenTwoEventsDoesNotSendAgain() throws Exception {
        try (AlertInbox before = AlertInbox.connect(nexus.api().origin(), "token=" + TestNexus.ADMIN)) {
            post(nexus.api(), "e1", "6");
            assertEquals(List.of("project.daily:50"), names(before.await(1, WAIT)));
        }

        nexus.stop();
        Api api = nexus.api();
        try (AlertInbox after = AlertInbox.connect(api.origin(), "token=" + TestNexus.ADMIN)) {
            post(api, "e2", "0.5");
            List<JsonNode> quiet = after.await(1, QUIET);
            post(api, "e3", "2");
            List<JsonNode> eighty = after.await(1, WAIT);

            assertEquals(List.of(), quiet);
            assertEquals(List.of("project.daily:80"), names(eighty));
        }
        assertEquals(2, api.get("/api/v1/projects/p1/alerts").body().get("items").size());
    }

    @Test
    void twoInstancesOnOneDatabaseSendEachAlertOnceAndBothTheirClientsHearIt() throws Exception {
        try (TestNexus peer = nexus.peer("node-b");
             AlertInbox onA = AlertInbox.connect(nexus.api().origin(), "token=" + TestNexus.ADMIN);
             AlertInbox onB = AlertInbox.connect(peer.api().origin(), "token=" + TestNexus.ADMIN)) {
            post(nexus.api(), "a1", "3");
            post(peer.api(), "b1", "3");
            nexus.app().services().flusher().flushNow();
            peer.app().services().flusher().flushNow();

            post(nexus.api(), "a2", "0.01");
            post(peer.api(), "b2", "0.01");

            List<JsonNode> heardOnA = onA.await(2, QUIET.multipliedBy(4));
            List<JsonNode> heardOnB = onB.await(2, QUIET.multipliedBy(4));

            assertEquals(List.of("project.daily:50"), names(heardOnA));
            assertEquals(List.of("project.daily:50"), names(heardOnB));
            assertEquals(1, nexus.api().get("/api/v1/projects/p1/alerts").body().get("items").size());
        }
    }

    private static void post(Api api, String id, String usd) {
        Api.Reply reply = api.post("/api/v1/usage", "{\"id\": \"" + id + "\", \"projectId\": \"p1\", \"costUsd\": "
                + usd + "}");
        assertEquals(200, reply.status(), () -> String.valueOf(reply.body()));
    }
}
