package dev.nexus.costs.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.costs.json.Json;
import dev.nexus.costs.money.Money;
import dev.nexus.costs.projects.Project;
import dev.nexus.costs.usage.CorrectionService;
import dev.nexus.costs.usage.EventHistory;
import io.javalin.http.Context;

/** HTTP for one counted usage event: its view with history, and corrections of its cost. */
final class EventApi {

    private final CorrectionService corrections;
    private final EventHistory history;
    private final ProjectApi projectApi;

    EventApi(CorrectionService corrections, EventHistory history, ProjectApi projectApi) {
        this.corrections = corrections;
        this.history = history;
        this.projectApi = projectApi;
    }

    void get(Context ctx) {
        Project project = projectApi.visibleProject(ctx);
        ctx.json(view(corrections.current(project.id(), eventId(ctx))));
    }

    void correct(Context ctx) {
        Requests.caller(ctx).requireAdmin();
        Project project = projectApi.visibleProject(ctx);
        ctx.json(view(corrections.correct(project.id(), eventId(ctx), Requests.body(ctx))));
    }

    private static String eventId(Context ctx) {
        return ctx.pathParam("eventId");
    }

    private ObjectNode view(EventHistory.StoredEvent event) {
        ObjectNode body = Json.object();
        ObjectNode usage = body.putObject("event");
        usage.put("id", event.eventId());
        usage.put("projectId", event.projectId());
        usage.put("agentId", event.agentId());
        usage.put("sessionId", event.sessionId());
        usage.put("traceId", event.traceId());
        usage.put("model", event.model());
        usage.put("inputTokens", event.tokens().input());
        usage.put("outputTokens", event.tokens().output());
        usage.put("cachedInputTokens", event.tokens().cachedInput());
        usage.put("cacheCreationInputTokens", event.tokens().cacheCreationInput());
        usage.put("reasoningTokens", event.tokens().reasoning());
        usage.put("totalTokens", event.tokens().total());
        usage.put("costUsd", event.givenCostNanos() == null ? null : Money.toUsd(event.givenCostNanos()));
        usage.put("timestamp", event.occurredAt().toString());
        body.put("originalCostUsd", Money.toUsd(event.originalCostNanos()));
        body.put("costUsd", Money.toUsd(event.costNanos()));
        ArrayNode list = body.putArray("corrections");
        for (EventHistory.Correction correction : history.corrections(event.projectId(), event.eventId())) {
            list.addObject().put("costUsd", Money.toUsd(correction.costNanos()))
                    .put("previousCostUsd", Money.toUsd(correction.previousCostNanos()))
                    .put("reason", correction.reason()).put("at", correction.at().toString());
        }
        return body;
    }
}
