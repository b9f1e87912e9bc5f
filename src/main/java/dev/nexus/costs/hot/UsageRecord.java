package dev.nexus.costs.hot;

import dev.nexus.costs.pricing.TokenCounts;
import java.time.LocalDate;

/**
 * A counted usage event, as the journal keeps it. Immutable.
 *
 * @param givenCostNanos  the cost the client sent, or null when it was priced from the map
 * @param costNanos       the cost counted
 * @param occurredAtMicros when the call happened (the client's timestamp, or the receipt time)
 * @param fingerprint     a hash of the content without the timestamp, to recognise a re-post
 */
public record UsageRecord(
        long seq,
        long receivedAtMicros,
        String projectId,
        int projectNum,
        String agentId,
        int agentNum,
        String eventId,
        String sessionId,
        String traceId,
        String model,
        TokenCounts tokens,
        Long givenCostNanos,
        long costNanos,
        long occurredAtMicros,
        boolean timestampGiven,
        LocalDate day,
        long fingerprint) implements JournalRecord {

    @Override
    public Tally delta() {
        return new Tally(costNanos, tokens.total(), 1);
    }

    public UsageRecord withSeq(long newSeq) {
        return new UsageRecord(newSeq, receivedAtMicros, projectId, projectNum, agentId, agentNum, eventId,
                sessionId, traceId, model, tokens, givenCostNanos, costNanos, occurredAtMicros, timestampGiven, day,
                fingerprint);
    }
}
