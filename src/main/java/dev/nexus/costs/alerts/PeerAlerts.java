package dev.nexus.costs.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.costs.budget.Scope;
import dev.nexus.costs.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The alerts that other instances sharing the database sent, as they announce them on {@link #CHANNEL}, handed
 * to this instance's WebSocket clients, so that a client hears every alert of its project whichever instance
 * it is connected to. Thread-safe.
 */
public final class PeerAlerts implements Consumer<String> {

    public static final String CHANNEL = "nexus_alerts";

    private final String nodeId;
    private final AlertDispatcher dispatcher;

    public PeerAlerts(String nodeId, AlertDispatcher dispatcher) {
        this.nodeId = nodeId;
        this.dispatcher = dispatcher;
    }

    /** The notification payload for an alert that {@code node} claimed. */
    static String announcement(String node, Alert alert) {
        ObjectNode json = Json.object();
        json.put("node", node);
        json.put("scope", alert.scope().wireName());
        json.put("projectId", alert.projectId());
        json.put("subjectId", alert.subjectId());
        json.put("agentId", alert.agentId());
        json.put("period", alert.period());
        json.put("threshold", alert.threshold());
        json.put("budgetNanos", alert.budgetNanos());
        json.put("spendNanos", alert.currentSpendNanos());
        json.put("percent", alert.percent());
        json.put("sessionId", alert.sessionId());
        json.put("at", alert.at().toString());
        return Json.write(json);
    }

    @Override
    public void accept(String payload) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("an alert announcement is not JSON", e);
        }
        if (nodeId.equals(json.path("node").asText())) {
            return;
        }
        dispatcher.deliverFromPeer(new Alert(Scope.fromWire(json.get("scope").asText()).orElseThrow(),
                json.get("projectId").asText(), json.get("subjectId").asText(), text(json, "agentId"),
                json.get("period").asText(), json.get("threshold").asInt(), json.get("budgetNanos").asLong(),
                json.get("spendNanos").asLong(), json.get("percent").asInt(), text(json, "sessionId"),
                Instant.parse(json.get("at").asText())));
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
