package dev.nexus.costs.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.nexus.costs.json.Json;
import dev.nexus.costs.support.AlertInbox;
import dev.nexus.costs.support.Api;
import dev.nexus.costs.support.TestNexus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A project's webhook gets each alert, retried until it answers 2xx. */
class WebhookTest {

    private TestNexus nexus;
    private HttpServer hook;
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger calls = new AtomicInteger();
    private final BlockingQueue<JsonNode> accepted = new LinkedBlockingQueue<>();

    @BeforeEach
    void setUp() throws IOException {
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean fail = calls.incrementAndGet() <= 2;
            if (!fail) {
                accepted.add(Json.MAPPER.readTree(body));
            }
            exchange.sendResponseHeaders(fail ? 503 : 204, -1);
            exchange.close();
        });
        hook.createContext("/hang", exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.setExecutor(Executors.newCachedThreadPool());
        hook.start();
        nexus = TestNexus.create();
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        nexus.close();
        hook.stop(0);
    }

    @Test
    void aFailingWebhookIsRetriedUntilItTakesTheAlert() throws Exception {
        Api api = nexus.api();
        String url = "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook";
        api.post("/api/v1/projects", "{\"id\": \"p1\", \"config\": {\"alertWebhookUrl\": \"" + url + "\", "
                + "\"costConfig\": {\"dailyBudgetUSD\": 10, \"alertThresholds\": [50]}}}");

        api.post("/api/v1/usage", "{\"id\": \"e1\", \"projectId\": \"p1\", \"costUsd\": 5}");
        JsonNode alert = accepted.poll(20, TimeUnit.SECONDS);

        assertEquals("session.cost_alert", alert.get("type").asText());
        assertEquals(50, alert.get("threshold").asInt());
        assertEquals(3, calls.get());
    }

    @Test
    void aWebhookThatNeverAnswersHoldsUpNeitherIngestNorTheWebSocket() throws Exception {
        Api api = nexus.api();
        String url = "http://127.0.0.1:" + hook.getAddress().getPort() + "/hang";
        api.post("/api/v1/projects", "{\"id\": \"p1\", \"config\": {\"alertWebhookUrl\": \"" + url + "\", "
                + "\"costConfig\": {\"dailyBudgetUSD\": 10}}}");

        try (AlertInbox inbox = AlertInbox.connect(api.origin(), "projectId=p1&token=" + TestNexus.ADMIN)) {
            for (int i = 0; i < 20; i++) {
                assertEquals(200, api.post("/api/v1/usage", "{\"id\": \"e" + i + "\", \"projectId\": \"p1\", "
                        + "\"costUsd\": 0.5}").status());
            }

            assertEquals(3, inbox.await(3, Duration.ofSeconds(10)).size());
        }
    }
}
