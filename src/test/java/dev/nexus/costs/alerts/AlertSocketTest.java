package dev.nexus.costs.alerts;

import static dev.nexus.costs.alerts.AlertWorkedCasesTest.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexus.costs.support.AlertInbox;
import dev.nexus.costs.support.Api;
import dev.nexus.costs.support.TestNexus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may subscribe to which project's alerts. */
class AlertSocketTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private TestNexus nexus;
    private Api api;
    private String keyOfP1;

    @BeforeEach
    void setUp() {
        nexus = TestNexus.create();
        api = nexus.api();
        for (String project : List.of("p1", "p2")) {
            api.post("/api/v1/projects", "{\"id\": \"" + project + "\", \"config\": {\"costConfig\": "
                    + "{\"dailyBudgetUSD\": 1}}}");
        }
        keyOfP1 = api.post("/api/v1/projects/p1/keys", "{}").text("key");
    }

    @AfterEach
    void tearDown() {
        nexus.close();
    }

    @Test
    void aProjectKeyCannotSubscribeToAnotherProject() {
        assertEquals(403, refusedStatus("projectId=p2&token=" + keyOfP1));
    }

    @Test
    void aWrongTokenIsRefusedWith401() {
        assertEquals(401, refusedStatus("projectId=p1&token=nope"));
    }

    @Test
    void aProjectKeyWithoutProjectIdHearsOnlyItsOwnProject() throws Exception {
        try (AlertInbox inbox = AlertInbox.connect(api.origin(), "token=" + keyOfP1)) {
            spend("p2", "x1");
            spend("p1", "x2");

            List<String> heard = names(inbox.await(1, WAIT));

            assertEquals(List.of("project.daily:50"), heard);
            assertTrue(inbox.await(1, Duration.ofMillis(500)).isEmpty());
        }
    }

    @Test
    void theAdminWithoutProjectIdHearsEveryProject() throws Exception {
        try (AlertInbox inbox = AlertInbox.connect(api.origin(), "token=" + TestNexus.ADMIN)) {
            spend("p1", "x1");
            spend("p2", "x2");

            assertEquals(2, inbox.await(2, WAIT).size());
        }
    }

    @Test
    void aConnectionWhoseKeyIsRevokedIsClosedInsteadOfHearingMore() throws Exception {
        Api.Reply key = api.post("/api/v1/projects/p1/keys", "{}");
        try (AlertInbox inbox = AlertInbox.connect(api.origin(), "token=" + key.text("key"))) {
            assertEquals(204, api.delete("/api/v1/projects/p1/keys/" + key.text("id")).status());

            spend("p1", "x1");

            assertTrue(inbox.await(1, Duration.ofSeconds(2)).isEmpty());
        }
    }

    private void spend(String project, String id) {
        api.post("/api/v1/usage", "{\"id\": \"" + id + "\", \"projectId\": \"" + project + "\", \"costUsd\": 0.6}");
    }

    private int refusedStatus(String query) {
        URI uri = URI.create(api.origin().replaceFirst("^http", "ws") + "/api/v1/ws?" + query);
        try {
            HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() { }).join();
            return 101;
        } catch (CompletionException e) {
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }
}
