package dev.nexus.costs.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.costs.support.AlertInbox;
import dev.nexus.costs.support.Api;
import dev.nexus.costs.support.TestNexus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worked cases of the alert rules, with the default thresholds 50, 80 and 100. */
class AlertWorkedCasesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(700);
    private final AtomicInteger ids = new AtomicInteger();
    private TestNexus nexus;
    private Api api;
    private AlertInbox inbox;

    @BeforeEach
    void setUp() {
        nexus = TestNexus.create();
        api = nexus.api();
        inbox = AlertInbox.connect(api.origin(), "token=" + TestNexus.ADMIN);
    }

    @AfterEach
    void tearDown() {
        inbox.close();
        nexus.close();
    }

    @Test
    void crossingEightyAfterFiftySendsOnlyTheEightyWithThePercentAtThatMoment() throws Exception {
        project("p1", "{\"dailyBudgetUSD\": 10}");
        spend("p1", null, "7.9", null);
        assertEquals(List.of("project.daily:50"), names(inbox.await(1, WAIT)));

        spend("p1", null, "0.6", null);

        List<JsonNode> alerts = inbox.await(1, WAIT);
        assertEquals(List.of("project.daily:80"), names(alerts));
        assertEquals(85, alerts.get(0).get("percent").asInt());
        assertEquals("8.5", alerts.get(0).get("currentSpend").asText());
        assertEquals(List.of(), inbox.await(1, QUIET));
    }

    @Test
    void aJumpSendsEachThresholdLowestFirstAndTheHundredOnlyWithTheTwentiethSmallEvent() throws Exception {
        project("p1", "{\"dailyBudgetUSD\": 10}");

        spend("p1", null, "8.0", "s-big");
        List<JsonNode> first = inbox.await(2, WAIT);
        for (int i = 0; i < 19; i++) {
            spend("p1", null, "0.10", null);
        }
        List<JsonNode> quiet = inbox.await(1, QUIET);
        spend("p1", null, "0.10", "s-last");
        List<JsonNode> last = inbox.await(1, WAIT);

        assertEquals(List.of("project.daily:50", "project.daily:80"), names(first));
        assertEquals("s-big", first.get(0).get("sessionId").asText());
        assertEquals(List.of(), quiet);
        assertEquals(List.of("project.daily:100"), names(last));
        assertEquals("s-last", last.get(0).get("sessionId").asText());
        assertEquals(List.of(), inbox.await(1, QUIET));
    }

    @Test
    void theSameSpendOnAnotherDayAlertsAgainForThatDay() throws Exception {
        project("p1", "{\"dailyBudgetUSD\": 10}");
        Instant today = Instant.now();
        Instant yesterday = today.minus(Duration.ofDays(1));

        spendAt("p1", "6", yesterday);
        spendAt("p1", "6", today);

        List<JsonNode> alerts = inbox.await(2, WAIT);
        assertEquals(List.of("project.daily:50", "project.daily:50"), names(alerts));
        assertEquals(LocalDate.ofInstant(yesterday, ZoneOffset.UTC).toString(), alerts.get(0).get("period").asText());
        assertEquals(LocalDate.ofInstant(today, ZoneOffset.UTC).toString(), alerts.get(1).get("period").asText());
    }

    @Test
    void raisingABudgetRearmsItsThresholdsAgainstTheNewAmount() throws Exception {
        project("p1", "{\"dailyBudgetUSD\": 1}");
        spend("p1", null, "0.90", null);
        List<JsonNode> againstOne = inbox.await(2, WAIT);

        api.patch("/api/v1/projects/p1", "{\"config\": {\"costConfig\": {\"dailyBudgetUSD\": 2}}}");
        List<JsonNode> atRaise = inbox.await(1, QUIET);
        spend("p1", null, "0.10", null);
        List<JsonNode> atOne = inbox.await(1, WAIT);
        spend("p1", null, "0.70", null);
        List<JsonNode> atOneSeventy = inbox.await(1, WAIT);

        assertEquals(List.of("project.daily:50", "project.daily:80"), names(againstOne));
        assertEquals(List.of(), atRaise);
        assertEquals(List.of("project.daily:50"), names(atOne));
        assertEquals("2", atOne.get(0).get("budget").asText());
        assertEquals(List.of("project.daily:80"), names(atOneSeventy));
        assertEquals("1.7", atOneSeventy.get(0).get("currentSpend").asText());
    }

    @Test
    void anAgentNearItsOwnBudgetAlertsForTheAgentAndNotForTheProject() throws Exception {
        project("p1", "{\"dailyBudgetUSD\": 100}");
        api.post("/api/v1/projects/p1/agents", "{\"id\": \"a1\", \"config\": {\"budgetPerDayUsd\": 1}}");

        spend("p1", "a1", "0.90", null);

        List<JsonNode> alerts = inbox.await(2, WAIT);
        assertEquals(List.of("agent.daily:50", "agent.daily:80"), names(alerts));
        assertEquals("a1", alerts.get(0).get("agentId").asText());
        assertEquals(List.of(), inbox.await(1, QUIET));
    }

    @Test
    void concurrentFirstEventsOfANewAgentCountExactlyAndAlertOncePerThreshold() throws Exception {
        project("p1", "{}");
        api.post("/api/v1/projects/p1/agents", "{\"id\": \"a1\", \"config\": {\"budgetPerDayUsd\": 0.01}}");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> posts = new ArrayList<>();

        for (int i = 0; i < 8; i++) {
            posts.add(pool.submit(() -> {
                start.await();
                return spend("p1", "a1", "0.005", null);
            }));
        }
        start.countDown();
        for (Future<?> post : posts) {
            post.get();
        }
        pool.shutdown();

        JsonNode costs = api.get("/api/v1/projects/p1/costs").body();
        assertEquals("0.04", costs.at("/byAgent/0/costToday").asText());
        List<JsonNode> alerts = inbox.await(3, WAIT);
        assertEquals(List.of("agent.daily:50", "agent.daily:80", "agent.daily:100"), names(alerts));
        assertEquals(List.of(), inbox.await(1, QUIET));
    }

    private void project(String id, String costConfig) {
        api.post("/api/v1/projects", "{\"id\": \"" + id + "\", \"config\": {\"costConfig\": " + costConfig + "}}");
    }

    private Api.Reply spend(String project, String agent, String usd, String session) {
        String event = "{\"id\": \"e" + ids.incrementAndGet() + "\", \"projectId\": \"" + project + "\""
                + (agent == null ? "" : ", \"agentId\": \"" + agent + "\"")
                + (session == null ? "" : ", \"sessionId\": \"" + session + "\"")
                + ", \"costUsd\": " + usd + "}";
        Api.Reply reply = api.post("/api/v1/usage", event);
        assertEquals(200, reply.status(), () -> reply.body().toString());
        return reply;
    }

    private void spendAt(String project, String usd, Instant at) {
        String event = "{\"id\": \"e" + ids.incrementAndGet() + "\", \"projectId\": \"" + project
                + "\", \"costUsd\": " + usd + ", \"timestamp\": \"" + at + "\"}";
        assertEquals(200, api.post("/api/v1/usage", event).status());
    }

    static List<String> names(List<JsonNode> alerts) {
        return alerts.stream().map(a -> a.get("scope").asText() + ":" + a.get("threshold").asInt()).toList();
    }
}
