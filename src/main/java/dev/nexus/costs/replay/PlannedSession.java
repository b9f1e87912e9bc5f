package dev.nexus.costs.replay;

import java.time.Instant;
import java.util.List;

/**
 * One session of one agent: its requests in row order, and the trace the replay opens for it. Immutable.
 */
record PlannedSession(String traceId, String sessionId, String projectId, String agentId, List<PlannedCall> calls) {

    PlannedSession {
        calls = List.copyOf(calls);
    }

    Instant startedAt() {
        return calls.get(0).at();
    }

    Instant completedAt() {
        return calls.get(calls.size() - 1).at();
    }

    /** What the service's trace should sum: the tokens and cost of the usage events that name it. */
    Totals totals() {
        return calls.stream().map(Totals::of).reduce(Totals.ZERO, Totals::plus);
    }
}
