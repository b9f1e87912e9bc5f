package dev.nexus.costs.usage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.costs.error.NexusException;
import dev.nexus.costs.hot.UsageRecord;
import dev.nexus.costs.json.Fields;
import dev.nexus.costs.money.Money;
import dev.nexus.costs.pricing.PriceMap;
import dev.nexus.costs.pricing.TokenCounts;
import dev.nexus.costs.projects.Agent;
import dev.nexus.costs.projects.Project;
import dev.nexus.costs.projects.ProjectRegistry;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Turns one usage event of a request into a priced, checked {@link UsageRecord} (not yet numbered), or fails
 * with the error that event would get alone. Thread-safe.
 */
final class EventParser {

    static final long MAX_TOKENS = 100_000_000L;
    static final BigDecimal MAX_COST_USD = BigDecimal.valueOf(1_000_000);
    private static final Duration MAX_FUTURE = Duration.ofMinutes(5);
    private static final Duration MAX_PAST = Duration.ofDays(400);
    private static final String[] FIELDS = {"id", "projectId", "agentId", "sessionId", "traceId", "model",
        "inputTokens", "outputTokens", "cachedInputTokens", "cacheCreationInputTokens", "reasoningTokens",
        "totalTokens", "costUsd", "timestamp"};

    private final ProjectRegistry projects;
    private final PriceMap prices;
    private final TraceLookup traces;

    EventParser(ProjectRegistry projects, PriceMap prices, TraceLookup traces) {
        this.projects = projects;
        this.prices = prices;
        this.traces = traces;
    }

    UsageRecord parse(ObjectNode event, Instant receivedAt) {
        Fields.onlyKnown(event, FIELDS);
        String eventId = eventId(event);
        Project project = projects.requireProject(Fields.requiredText(event, "projectId"));
        Agent agent = Fields.id(event, "agentId").map(id -> projects.requireAgent(project.id(), id)).orElse(null);
        String sessionId = Fields.id(event, "sessionId").orElse(null);
        String traceId = Fields.id(event, "traceId").orElse(null);
        if (traceId != null && !traces.exists(project.id(), traceId)) {
            throw NexusException.notFound("trace", traceId);
        }
        String model = Fields.text(event, "model").orElse(null);
        if (model != null && (model.isEmpty() || model.length() > 200)) {
            throw NexusException.invalid("model", "model must be 1 to 200 characters");
        }
        TokenCounts tokens = tokens(event);
        Long givenCost = Fields.decimal(event, "costUsd", BigDecimal.ZERO, MAX_COST_USD).map(Money::toNanos)
                .orElse(null);
        long cost = givenCost != null ? givenCost : priced(model, tokens, event);

        Optional<Instant> timestamp = Fields.instant(event, "timestamp");
        Instant occurredAt = timestamp.orElse(receivedAt).truncatedTo(ChronoUnit.MICROS);
        if (occurredAt.isAfter(receivedAt.plus(MAX_FUTURE))) {
            throw NexusException.invalid("timestamp", "timestamp may be at most 5 minutes in the future");
        }
        if (occurredAt.isBefore(receivedAt.minus(MAX_PAST))) {
            throw NexusException.invalid("timestamp", "timestamp may be at most 400 days in the past");
        }
        LocalDate day = LocalDate.ofInstant(occurredAt, project.timezone());
        long fingerprint = fingerprint(project.id(), agent, sessionId, traceId, model, tokens, givenCost);
        return new UsageRecord(0, micros(receivedAt), project.id(), project.num(), agent == null ? null : agent.id(),
                agent == null ? 0 : agent.num(), eventId, sessionId, traceId, model, tokens, givenCost, cost,
                micros(occurredAt), timestamp.isPresent(), day, fingerprint);
    }

    private static String eventId(ObjectNode event) {
        String id = Fields.requiredText(event, "id");
        if (id.isEmpty() || id.length() > 128 || !id.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw NexusException.invalid("id", "id must be 1 to 128 printable ASCII characters without spaces");
        }
        return id;
    }

    private static TokenCounts tokens(ObjectNode event) {
        long input = tokenField(event, "inputTokens");
        long output = tokenField(event, "outputTokens");
        long cached = tokenField(event, "cachedInputTokens");
        long cacheCreation = tokenField(event, "cacheCreationInputTokens");
        long reasoning = tokenField(event, "reasoningTokens");
        if (cached + cacheCreation > input) {
            throw NexusException.invalid("cachedInputTokens",
                    "cachedInputTokens plus cacheCreationInputTokens may not pass inputTokens");
        }
        if (reasoning > output) {
            throw NexusException.invalid("reasoningTokens", "reasoningTokens may not pass outputTokens");
        }
        Optional<Long> total = Fields.whole(event, "totalTokens", 0, 2 * MAX_TOKENS);
        if (total.isPresent() && total.get() != input + output) {
            throw NexusException.invalid("totalTokens", "totalTokens must equal inputTokens + outputTokens");
        }
        return new TokenCounts(input, output, cached, cacheCreation, reasoning);
    }

    private static long tokenField(ObjectNode event, String field) {
        return Fields.whole(event, field, 0, MAX_TOKENS).orElse(0L);
    }

    private long priced(String model, TokenCounts tokens, ObjectNode event) {
        if (model == null) {
            throw new NexusException(NexusException.Kind.INVALID, "missing_field",
                    "an event needs costUsd, or model with its token counts", "costUsd");
        }
        if (!event.has("inputTokens") && !event.has("outputTokens")) {
            throw new NexusException(NexusException.Kind.INVALID, "missing_field",
                    "an event priced from its model needs inputTokens or outputTokens", "inputTokens");
        }
        return prices.costNanos(model, tokens);
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    /** A hash of everything that makes two posts of one id the same event, but the timestamp. */
    private static long fingerprint(String projectId, Agent agent, String sessionId, String traceId, String model,
                                    TokenCounts tokens, Long givenCost) {
        String canonical = String.join("\u0000", projectId, String.valueOf(agent == null ? null : agent.id()),
                String.valueOf(sessionId), String.valueOf(traceId), String.valueOf(model),
                Long.toString(tokens.input()), Long.toString(tokens.output()), Long.toString(tokens.cachedInput()),
                Long.toString(tokens.cacheCreationInput()), Long.toString(tokens.reasoning()),
                String.valueOf(givenCost));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
