package dev.nexus.costs.approvals;

import dev.nexus.costs.budget.Scope;
import java.time.Instant;

/**
 * A request to raise one limit by an amount for one period ({@code YYYY-MM-DD} or {@code YYYY-MM}). Once
 * approved it is a grant. Immutable.
 *
 * @param agentId the agent for {@link Scope#AGENT_DAILY}, else null
 */
public record Approval(
        String id,
        String projectId,
        String agentId,
        Scope scope,
        String period,
        long requestedNanos,
        String reason,
        String status,
        Instant createdAt,
        Instant decidedAt) {

    public String subjectId() {
        return agentId != null ? agentId : projectId;
    }

    public boolean isPending() {
        return "pending".equals(status);
    }
}
