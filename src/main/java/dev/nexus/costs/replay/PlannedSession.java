package dev.nexus.costs.replay;

import java.time.Instant;
import java.util.List;

/**
 * One session of one agent: the requests of it that the replay sends, in row order, and the trace it opens for it.
 * Immutable.
 *
 * @param complete whether the replay sends the session's last request and so completes its trace; a session cut
 *                 short by {@code --limit} stays running, for a later replay to finish
 */
record PlannedSession(String traceId, String sessionId, String projectId, String agentId, List<PlannedCall> calls,
                      boolean complete) {

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
