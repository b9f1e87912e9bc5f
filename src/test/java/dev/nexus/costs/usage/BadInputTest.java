package dev.nexus.costs.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.costs.support.Api;
import dev.nexus.costs.support.TestNexus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad usage post answers its status and error code, and counts nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

    /** Who posts: the admin, a key of project p1, nobody, or someone with a made-up token. */
    enum Caller { ADMIN, P1_KEY, NONE, WRONG }

    private static final String GOOD = "\"id\": \"e1\", \"projectId\": \"p1\", \"agentId\": \"a1\", ";

    private TestNexus nexus;
    private Api admin;
    private String p1Key;

    @BeforeAll
    void startService() {
        nexus = TestNexus.create();
        admin = nexus.api();
        admin.post("/api/v1/projects", "{\"id\": \"p1\"}");
        admin.post("/api/v1/projects", "{\"id\": \"p2\"}");
        admin.post("/api/v1/projects", "{\"id\": \"p3\"}");
        admin.post("/api/v1/projects/p1/agents", "{\"id\": \"a1\"}");
        p1Key = admin.post("/api/v1/projects/p1/keys", "{}").text("key");
    }

    @AfterAll
    void stopService() {
        nexus.close();
    }

    static Stream<Arguments> badPosts() {
        String future = Instant.now().plus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        return Stream.of(
                bad("malformed JSON", "{\"id\": \"e1\", ", 400, "malformed_json", null),
                bad("body not an object", "[{\"id\": \"e1\", \"projectId\": \"p1\", \"costUsd\": 1}]", 400,
                        "malformed_json", null),
                bad("body a bare number", "42", 400, "malformed_json", null),
                bad("string tokens", event("\"model\": \"gpt-4o\", \"inputTokens\": \"1000\""), 400,
                        "invalid_field", "inputTokens"),
                bad("number id", "{\"id\": 12, \"projectId\": \"p1\", \"costUsd\": 1}", 400, "invalid_field", "id"),
                bad("negative tokens", event("\"model\": \"gpt-4o\", \"outputTokens\": -1"), 400, "invalid_field",
                        "outputTokens"),
                bad("fractional tokens", event("\"model\": \"gpt-4o\", \"inputTokens\": 10.5"), 400,
                        "invalid_field", "inputTokens"),
                bad("tokens above 100,000,000", event("\"model\": \"gpt-4o\", \"inputTokens\": 100000001"), 400,
                        "invalid_field", "inputTokens"),
                bad("negative costUsd", event("\"costUsd\": -0.01"), 400, "invalid_field", "costUsd"),
                bad("costUsd above 1,000,000", event("\"costUsd\": 1000000.000000001"), 400, "invalid_field",
                        "costUsd"),
                bad("costUsd too large for a double", event("\"costUsd\": 1e400"), 400, "invalid_field",
                        "costUsd"),
                bad("costUsd as a string", event("\"costUsd\": \"0.5\""), 400, "invalid_field", "costUsd"),
                bad("costUsd NaN", event("\"costUsd\": NaN"), 400, "malformed_json", null),
                bad("costUsd Infinity", event("\"costUsd\": Infinity"), 400, "malformed_json", null),
                bad("costUsd -Infinity", event("\"costUsd\": -Infinity"), 400, "malformed_json", null),
                bad("cached plus cache writes above input", event("\"model\": \"gpt-4o\", \"inputTokens\": 100, "
                        + "\"cachedInputTokens\": 60, \"cacheCreationInputTokens\": 41"), 400, "invalid_field",
                        "cachedInputTokens"),
                bad("reasoning above output", event("\"model\": \"gpt-4o\", \"outputTokens\": 10, "
                        + "\"reasoningTokens\": 11"), 400, "invalid_field", "reasoningTokens"),
                bad("totalTokens not input plus output", event("\"model\": \"gpt-4o\", \"inputTokens\": 10, "
                        + "\"outputTokens\": 5, \"totalTokens\": 16"), 400, "invalid_field", "totalTokens"),
                bad("unknown project", "{\"id\": \"e1\", \"projectId\": \"nope\", \"costUsd\": 1}", 404,
                        "not_found", null),
                bad("unknown agent", "{\"id\": \"e1\", \"projectId\": \"p1\", \"agentId\": \"nope\", "
                        + "\"costUsd\": 1}", 404, "not_found", null),
                bad("unknown model", event("\"model\": \"no-such-model\", \"inputTokens\": 10"), 422,
                        "unknown_model", "model"),
                bad("timestamp 10 minutes ahead", event("\"costUsd\": 1, \"timestamp\": \"" + future + "\""), 400,
                        "invalid_field", "timestamp"),
                bad("timestamp without zone", event("\"costUsd\": 1, \"timestamp\": \"2026-01-02T10:15:30\""),
                        400, "invalid_field", "timestamp"),
                bad("timestamp as a number", event("\"costUsd\": 1, \"timestamp\": 1767349000"), 400,
                        "invalid_field", "timestamp"),
                bad("id of 129 characters", "{\"id\": \"" + "x".repeat(129) + "\", \"projectId\": \"p1\", "
                        + "\"costUsd\": 1}", 400, "invalid_field", "id"),
                bad("empty id", "{\"id\": \"\", \"projectId\": \"p1\", \"costUsd\": 1}", 400, "invalid_field", "id"),
                bad("id with a space", "{\"id\": \"e 1\", \"projectId\": \"p1\", \"costUsd\": 1}", 400,
                        "invalid_field", "id"),
                bad("missing id", "{\"projectId\": \"p1\", \"costUsd\": 1}", 400, "missing_field", "id"),
                bad("missing projectId", "{\"id\": \"e1\", \"costUsd\": 1}", 400, "missing_field", "projectId"),
                bad("neither costUsd nor model", event("\"inputTokens\": 10"), 400, "missing_field", "costUsd"),
                bad("model without tokens", event("\"model\": \"gpt-4o\""), 400, "missing_field", "inputTokens"),
                bad("unknown field", event("\"costUsd\": 1, \"costUSD\": 1"), 400, "invalid_field", "costUSD"),
                bad("unknown field beside a batch's events", "{\"events\": [" + event("\"costUsd\": 1") + "], "
                        + "\"event\": {}}", 400, "invalid_field", "event"),
                bad("events not an array", "{\"events\": {\"id\": \"e1\"}}", 400, "invalid_field", "events"),
                new BadPost("no token", Caller.NONE, event("\"costUsd\": 1"), 401, "unauthorized", null).args(),
                new BadPost("wrong token", Caller.WRONG, event("\"costUsd\": 1"), 401, "unauthorized", null).args(),
                new BadPost("project key posting another project's event", Caller.P1_KEY,
                        "{\"id\": \"e1\", \"projectId\": \"p2\", \"costUsd\": 1}", 403, "forbidden", null).args(),
                new BadPost("project key posting a batch that names another project", Caller.P1_KEY,
                        "{\"events\": [" + event("\"costUsd\": 1") + ", {\"id\": \"e2\", \"projectId\": \"p2\", "
                                + "\"costUsd\": 1}]}", 403, "forbidden", null).args(),
                bad("batch of 10,001 events", batchOf(10_001), 413, "batch_too_large", "events"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPosts")
    void aBadPostAnswersItsErrorAndCountsNothing(String name, BadPost post) {
        Api.Reply reply = caller(post.caller()).post("/api/v1/usage", post.body());

        assertEquals(post.status(), reply.status(), () -> name + ": " + reply.body());
        assertEquals(post.code(), reply.errorCode(), () -> name + ": " + reply.body());
        if (post.field() != null) {
            assertEquals(post.field(), reply.body().at("/error/field").asText(), () -> name + ": " + reply.body());
        }
        assertNothingCounted();
    }

    @Test
    void aBatchWithOneBadEventListsItsIndexAndCountsNone() {
        String batch = "{\"events\": [" + event("\"costUsd\": 1") + ", "
                + "{\"id\": \"e2\", \"projectId\": \"p1\", \"model\": \"no-such-model\", \"inputTokens\": 5}, "
                + "{\"id\": \"e3\", \"projectId\": \"p1\", \"costUsd\": 2}]}";

        Api.Reply reply = admin.post("/api/v1/usage", batch);

        assertEquals(400, reply.status());
        assertEquals("invalid_batch", reply.errorCode());
        JsonNode errors = reply.body().at("/error/errors");
        assertEquals(1, errors.size());
        assertEquals(1, errors.get(0).path("index").asInt());
        assertEquals("unknown_model", errors.get(0).path("code").asText());
        assertEquals("model", errors.get(0).path("field").asText());
        assertNothingCounted();
    }

    @Test
    void aBatchListsEveryBadEventWithTheCodeItWouldGetAlone() {
        String batch = "{\"events\": ["
                + "{\"id\": \"e1\", \"projectId\": \"nope\", \"costUsd\": 1}, "
                + "{\"id\": \"e2\", \"projectId\": \"p1\", \"costUsd\": 1}, "
                + "{\"id\": \"e3\", \"projectId\": \"p1\", \"costUsd\": -1}, "
                + "42, "
                + "{\"id\": \"e2\", \"projectId\": \"p1\", \"costUsd\": 2}]}";

        Api.Reply reply = admin.post("/api/v1/usage", batch);

        assertEquals(400, reply.status());
        assertEquals("invalid_batch", reply.errorCode());
        assertEquals("0:not_found 2:invalid_field 3:invalid_field 4:id_conflict",
                codes(reply.body().at("/error/errors")));
        assertNothingCounted();
    }

    @Test
    void theIdsOfARefusedBatchAreNotRemembered() {
        admin.post("/api/v1/usage", "{\"events\": [{\"id\": \"r1\", \"projectId\": \"p3\", \"costUsd\": 1}, "
                + "{\"id\": \"r2\", \"projectId\": \"p3\", \"costUsd\": -1}]}");

        Api.Reply retry = admin.post("/api/v1/usage", "{\"id\": \"r1\", \"projectId\": \"p3\", \"costUsd\": 2}");

        assertEquals("accepted", retry.text("status"));
        assertEquals(1, admin.get("/api/v1/projects/p3/costs").body().at("/month/totalRequests").asLong());
    }

    private void assertNothingCounted() {
        JsonNode costs = admin.get("/api/v1/projects/p1/costs").body();
        assertEquals(0, costs.at("/month/totalRequests").asLong(), costs::toString);
        assertEquals(0, costs.at("/month/totalCost").decimalValue().signum(), costs::toString);
        assertEquals(0, costs.at("/byAgent/0/costMonth").decimalValue().signum(), costs::toString);
        assertEquals(0, admin.get("/api/v1/projects/p2/costs").body().at("/month/totalRequests").asLong());
    }

    private Api caller(Caller caller) {
        return switch (caller) {
            case ADMIN -> admin;
            case P1_KEY -> admin.as(p1Key);
            case NONE -> admin.as(null);
            case WRONG -> admin.as("nxk_not-a-key");
        };
    }

    /** One bad post and what it must answer; a null field is not checked. */
    record BadPost(String name, Caller caller, String body, int status, String code, String field) {

        Arguments args() {
            return Arguments.of(name, this);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Arguments bad(String name, String body, int status, String code, String field) {
        return new BadPost(name, Caller.ADMIN, body, status, code, field).args();
    }

    /** An event of p1 and agent a1 with id e1 and the given fields. */
    private static String event(String fields) {
        return "{" + GOOD + fields + "}";
    }

    private static String batchOf(int events) {
        return IntStream.range(0, events)
                .mapToObj(i -> "{\"id\": \"b" + i + "\", \"projectId\": \"p1\", \"costUsd\": 0.01}")
                .collect(Collectors.joining(", ", "{\"events\": [", "]}"));
    }

    private static String codes(JsonNode errors) {
        StringBuilder codes = new StringBuilder();
        errors.forEach(error -> codes.append(codes.length() == 0 ? "" : " ")
                .append(error.path("index").asInt()).append(':').append(error.path("code").asText()));
        return codes.toString();
    }
}
