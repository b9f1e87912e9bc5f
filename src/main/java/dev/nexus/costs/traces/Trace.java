package dev.nexus.costs.traces;

import dev.nexus.costs.hot.Tally;
import java.time.Instant;

/**
 * One execution trace as stored, with its totals: what it is, whether it still runs, how many events it holds
 * and the sums of the usage events that name it. Immutable.
 *
 * @param agentId     the agent, or null
 * @param completedAt when it was completed or closed, or null while it runs
 * @param eventCount  how many events it holds; they are numbered 1 to eventCount
 * @param eventBytes  the summed size of their JSON data
 */
public record Trace(
        String id,
        String projectId,
        String sessionId,
        String agentId,
        String status,
        Instant startedAt,
        Instant completedAt,
        int eventCount,
        long eventBytes,
        long totalTokens,
        long totalCostNanos) {

    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String ERROR = "error";

    public boolean isRunning() {
        return RUNNING.equals(status);
    }

    /** This trace with usage that is counted but not yet in its stored totals. */
    Trace plus(Tally usage) {
        return new Trace(id, projectId, sessionId, agentId, status, startedAt, completedAt, eventCount, eventBytes,
                totalTokens + usage.tokens(), totalCostNanos + usage.costNanos());
    }
}
