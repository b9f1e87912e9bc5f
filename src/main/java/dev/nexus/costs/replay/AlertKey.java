package dev.nexus.costs.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.costs.money.Money;
import java.math.BigDecimal;

/**
 * One alert as the contract counts them: at most one goes out per period, threshold and budget amount. Immutable.
 */
record AlertKey(AlertPeriod period, int threshold, long budgetNanos) {

    /** The key of a {@code session.cost_alert} message or of an item of {@code GET .../alerts}. */
    static AlertKey of(JsonNode alert) {
        String scope = alert.path("scope").asText();
        String agentId = AlertPeriod.AGENT_DAILY.equals(scope) ? alert.path("agentId").asText(null) : null;
        AlertPeriod period = new AlertPeriod(alert.path("projectId").asText(), scope, agentId,
                alert.path("period").asText());
        JsonNode budget = alert.path("budget");
        long budgetNanos = budget.isNumber() ? Money.toNanos(budget.decimalValue()) : -1;
        return new AlertKey(period, alert.path("threshold").asInt(-1), budgetNanos);
    }

    @Override
    public String toString() {
        BigDecimal budget = Money.toUsd(budgetNanos);
        return period + " at " + threshold + "% of " + budget.toPlainString() + " USD";
    }
}
