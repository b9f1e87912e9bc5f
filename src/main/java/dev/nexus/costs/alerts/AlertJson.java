package dev.nexus.costs.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.costs.json.Json;
import dev.nexus.costs.money.Money;

/** The wire form of an alert, the same on the WebSocket, in webhooks and in listings. Stateless. */
public final class AlertJson {

    private AlertJson() {
    }

    public static ObjectNode of(Alert alert) {
        ObjectNode json = Json.object();
        json.put("type", "session.cost_alert");
        json.put("currentSpend", Money.toUsd(alert.currentSpendNanos()));
        json.put("budget", Money.toUsd(alert.budgetNanos()));
        json.put("percent", alert.percent());
        json.put("projectId", alert.projectId());
        json.put("agentId", alert.agentId());
        json.put("sessionId", alert.sessionId());
        json.put("scope", alert.scope().wireName());
        json.put("threshold", alert.threshold());
        json.put("period", alert.period());
        json.put("at", alert.at().toString());
        return json;
    }
}
