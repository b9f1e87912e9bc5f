package dev.nexus.costs.replay;

/**
 * What one budget alert is about: a project's day or month, or an agent's day. Immutable.
 *
 * @param scope   {@code project.daily}, {@code project.monthly} or {@code agent.daily}
 * @param agentId the agent of an {@code agent.daily} alert, otherwise null
 * @param period  {@code YYYY-MM-DD} or {@code YYYY-MM}
 */
record AlertPeriod(String projectId, String scope, String agentId, String period) {

    static final String PROJECT_DAILY = "project.daily";
    static final String PROJECT_MONTHLY = "project.monthly";
    static final String AGENT_DAILY = "agent.daily";

    @Override
    public String toString() {
        return projectId + " " + scope + (agentId == null ? "" : " " + agentId) + " " + period;
    }
}
