package dev.nexus.costs.replay;

import java.time.Instant;

/**
 * One request as the replay posts it: a usage event, and the {@code llm_call} event of its session's trace.
 * Immutable.
 *
 * @param sample         the file it comes from, which names project, model and id prefix
 * @param row            its 0-based data row in that file
 * @param sessionId      the session of its agent it belongs to
 * @param traceId        the trace that records that session
 * @param indexInSession its place in the session, from 0
 * @param at             its timestamp, placed by the replay's {@link TimeShift}
 * @param costNanos      its cost from the price map, rounded half-even to 1e-9 USD
 */
record PlannedCall(
        Sample sample,
        int row,
        String sessionId,
        String traceId,
        int indexInSession,
        Instant at,
        long inputTokens,
        long outputTokens,
        long costNanos) {

    String eventId() {
        return sample.prefix() + "-" + row;
    }

    String projectId() {
        return sample.projectId();
    }

    String agentId() {
        return Sample.agentOf(row);
    }

    String model() {
        return sample.model();
    }

    long tokens() {
        return inputTokens + outputTokens;
    }
}
