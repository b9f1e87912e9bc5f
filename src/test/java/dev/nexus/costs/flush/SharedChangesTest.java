package dev.nexus.costs.flush;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nexus.costs.support.Api;
import dev.nexus.costs.support.Poll;
import dev.nexus.costs.support.TestNexus;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What one instance changes in projects, keys and approvals, the others sharing the database serve too. */
class SharedChangesTest {

    private TestNexus a;
    private TestNexus b;

    @BeforeEach
    void setUp() {
        a = TestNexus.create().open();
        b = a.peer("node-b").open();
    }

    @AfterEach
    void tearDown() {
        b.close();
        a.close();
    }

    @Test
    void aProjectCreatedAndChangedOnOneInstanceIsServedByTheOther() {
        a.api().post("/api/v1/projects", "{\"id\": \"p1\", \"config\": {\"costConfig\": {\"dailyBudgetUSD\": 5}}}");
        Poll.until(Duration.ofSeconds(10), "p1 on b", () -> b.api().get("/api/v1/projects/p1").status() == 200);

        a.api().patch("/api/v1/projects/p1", "{\"config\": {\"costConfig\": {\"dailyBudgetUSD\": 3}}}");

        Poll.until(Duration.ofSeconds(10), "the new budget on b", () -> b.api().get("/api/v1/projects/p1/budget")
                .body().at("/project/dailyBudgetUSD").asInt() == 3);
    }

    @Test
    void aKeyRevokedOnOneInstanceIsRefusedByTheOther() {
        a.api().post("/api/v1/projects", "{\"id\": \"p1\"}");
        Api.Reply key = a.api().post("/api/v1/projects/p1/keys", "{}");
        Api onB = b.api().as(key.text("key"));
        Poll.until(Duration.ofSeconds(10), "the key on b", () -> onB.get("/api/v1/projects/p1").status() == 200);

        a.api().delete("/api/v1/projects/p1/keys/" + key.text("id"));

        Poll.until(Duration.ofSeconds(10), "the key refused on b",
                () -> onB.get("/api/v1/projects/p1").status() == 401);
        assertEquals(401, onB.get("/api/v1/projects/p1").status());
    }
}
