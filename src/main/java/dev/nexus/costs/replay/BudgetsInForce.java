package dev.nexus.costs.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.costs.json.Json;
import dev.nexus.costs.money.Money;
import dev.nexus.costs.projects.Budgets;
import java.time.ZoneId;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The limits a project and its agents have on the service, read back from it, which are what its alerts are
 * measured against. A null limit is no limit. Immutable.
 *
 * @param agentDailyNanos each agent's {@code budgetPerDayUsd} in nano-dollars, by agent id (null values allowed)
 */
record BudgetsInForce(
        String projectId,
        ZoneId zone,
        Long dailyNanos,
        Long monthlyNanos,
        List<Integer> thresholds,
        Map<String, Long> agentDailyNanos) {

    BudgetsInForce {
        thresholds = List.copyOf(thresholds);
        agentDailyNanos = Collections.unmodifiableMap(new HashMap<>(agentDailyNanos));
    }

    /** Reads a project and its agents as the service answers them ({@code Project} and {@code Agent}). */
    static BudgetsInForce read(JsonNode project, List<JsonNode> agents) {
        Budgets budgets = Budgets.of(config(project));
        Map<String, Long> agentDaily = new HashMap<>();
        for (JsonNode agent : agents) {
            JsonNode perDay = config(agent).get("budgetPerDayUsd");
            agentDaily.put(agent.path("id").asText(),
                    perDay == null || !perDay.isNumber() ? null : Money.toNanos(perDay.decimalValue()));
        }
        return new BudgetsInForce(project.path("id").asText(), ZoneId.of(project.path("timezone").asText("UTC")),
                budgets.dailyNanos(), budgets.monthlyNanos(), budgets.alertThresholds(), agentDaily);
    }

    Long agentDaily(String agentId) {
        return agentDailyNanos.get(agentId);
    }

    private static ObjectNode config(JsonNode record) {
        JsonNode config = record.get("config");
        return config != null && config.isObject() ? (ObjectNode) config : Json.object();
    }
}
