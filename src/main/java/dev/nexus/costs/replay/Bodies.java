package dev.nexus.costs.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.costs.json.Json;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * The JSON the replay sends, each shape in one place, so that a second replay sends byte-equal content and the
 * service answers it as the same. Stateless.
 */
final class Bodies {

    /** Where in a project's config the replay notes the end it placed the trace on. */
    static final String PLACEMENT = "replay";
    static final String TRACE_ENDS_AT = "traceEndsAt";
    static final String LLM_CALL = "llm_call";

    private Bodies() {
    }

    static ObjectNode project(Sample sample, Instant endAt) {
        ObjectNode project = Json.object().put("id", sample.projectId()).put("name", sample.projectName());
        ObjectNode config = project.putObject("config");
        config.putObject("costConfig").put("dailyBudgetUSD", sample.dailyBudgetUsd())
                .put("monthlyBudgetUSD", sample.monthlyBudgetUsd());
        config.putObject(PLACEMENT).put(TRACE_ENDS_AT, endAt.toString());
        return project;
    }

    static ObjectNode agent(Sample sample, String agentId) {
        ObjectNode agent = Json.object().put("id", agentId);
        agent.putObject("config").put("budgetPerDayUsd", sample.agentBudgetPerDayUsd());
        return agent;
    }

    /** A usage event; it names its trace only when the replay opens traces, which must then exist first. */
    static ObjectNode usageEvent(PlannedCall call, boolean withTrace) {
        ObjectNode event = Json.object().put("id", call.eventId()).put("projectId", call.projectId())
                .put("agentId", call.agentId()).put("sessionId", call.sessionId());
        if (withTrace) {
            event.put("traceId", call.traceId());
        }
        return event.put("model", call.model()).put("inputTokens", call.inputTokens())
                .put("outputTokens", call.outputTokens()).put("timestamp", call.at().toString());
    }

    static ObjectNode trace(PlannedSession session) {
        return Json.object().put("id", session.traceId()).put("sessionId", session.sessionId())
                .put("agentId", session.agentId()).put("startedAt", session.startedAt().toString());
    }

    static ObjectNode traceEvent(PlannedCall call) {
        ObjectNode event = Json.object().put("type", LLM_CALL).put("timestamp", call.at().toString());
        event.putObject("data").put("model", call.model()).put("inputTokens", call.inputTokens())
                .put("outputTokens", call.outputTokens());
        return event;
    }

    /** Whether an event of a trace, as the service answers it, is the one the replay posts for {@code call}. */
    static boolean isTraceEventOf(JsonNode event, PlannedCall call) {
        JsonNode data = event.path("data");
        return LLM_CALL.equals(event.path("type").asText()) && call.at().equals(instant(event.path("timestamp")))
                && call.model().equals(data.path("model").asText())
                && data.path("inputTokens").asLong(-1) == call.inputTokens()
                && data.path("outputTokens").asLong(-1) == call.outputTokens();
    }

    /** The end an earlier replay noted in a project's config, or null. */
    static Instant placement(JsonNode project) {
        return instant(project.path("config").path(PLACEMENT).path(TRACE_ENDS_AT));
    }

    private static Instant instant(JsonNode text) {
        if (!text.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(text.asText());
        } catch (DateTimeException e) {
            return null;
        }
    }
}
