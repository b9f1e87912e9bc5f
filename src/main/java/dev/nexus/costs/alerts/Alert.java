package dev.nexus.costs.alerts;

import dev.nexus.costs.budget.Scope;
import java.time.Instant;

/**
 * A {@code session.cost_alert}: spend in one period of one limit reached a threshold of the budget in force.
 * Immutable.
 *
 * @param subjectId the project's id for project scopes, the agent's for {@link Scope#AGENT_DAILY}
 * @param agentId   the agent for agent scopes, else null
 * @param sessionId the session of the event that reached the threshold, or null
 */
public record Alert(
        Scope scope,
        String projectId,
        String subjectId,
        String agentId,
        String period,
        int threshold,
        long budgetNanos,
        long currentSpendNanos,
        int percent,
        String sessionId,
        Instant at) {

    /** What makes two alerts the same alert, which goes out once. */
    public record Key(Scope scope, String projectId, String subjectId, String period, int threshold,
                      long budgetNanos) {
    }

    public Key key() {
        return new Key(scope, projectId, subjectId, period, threshold, budgetNanos);
    }
}
