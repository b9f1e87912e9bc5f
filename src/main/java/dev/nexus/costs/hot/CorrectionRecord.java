package dev.nexus.costs.hot;

import java.time.LocalDate;

/**
 * A change of a counted event's cost, as the journal keeps it: the difference reaches every counter that the
 * event is in. Immutable.
 */
public record CorrectionRecord(
        long seq,
        long receivedAtMicros,
        String projectId,
        int projectNum,
        String agentId,
        int agentNum,
        String eventId,
        String traceId,
        LocalDate day,
        long costNanos,
        long previousCostNanos,
        String reason) implements JournalRecord {

    @Override
    public Tally delta() {
        return new Tally(costNanos - previousCostNanos, 0, 0);
    }

    public CorrectionRecord withSeq(long newSeq) {
        return new CorrectionRecord(newSeq, receivedAtMicros, projectId, projectNum, agentId, agentNum, eventId,
                traceId, day, costNanos, previousCostNanos, reason);
    }
}
