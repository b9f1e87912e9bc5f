package dev.nexus.costs.budget;

/**
 * Extra budget granted for one period of one limit, on top of the configured budget. Implementations answer
 * from memory.
 */
public interface Grants {

    Grants NONE = (projectId, scope, subjectId, period) -> 0;

    /**
     * @param subjectId the project's id for project scopes, the agent's for {@link Scope#AGENT_DAILY}
     * @param period    {@code YYYY-MM-DD} for daily scopes, {@code YYYY-MM} for monthly ones
     * @return the granted nano-dollars, 0 when none
     */
    long grantedNanos(String projectId, Scope scope, String subjectId, String period);
}
