package dev.nexus.costs.replay;

import dev.nexus.costs.pricing.PriceMap;
import dev.nexus.costs.pricing.TokenCounts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one replay sends, worked out from the trace rows alone: each row becomes a priced call of agent
 * {@code agent-<row mod 4>}, and each agent's calls, in row order, fall into sessions of
 * {@value #SESSION_REQUESTS}. Calls of both files are merged in time order, as a gateway would see them. A plan of
 * the first rows only keeps the sessions of the whole trace, so that its calls are the start of a full replay's.
 * Immutable.
 */
final class ReplayPlan {

    static final int SESSION_REQUESTS = 25;

    private final List<PlannedCall> calls;
    private final Map<String, PlannedSession> sessions;

    private ReplayPlan(List<PlannedCall> calls, Map<String, PlannedSession> sessions) {
        this.calls = List.copyOf(calls);
        this.sessions = sessions;
    }

    /** Plans all rows of each sample, placed by {@code shift} and priced by {@code prices}. */
    static ReplayPlan build(Map<Sample, List<TraceRow>> rows, TimeShift shift, PriceMap prices) {
        return build(rows, shift, prices, Integer.MAX_VALUE);
    }

    /** Plans the first {@code rowLimit} rows of each sample, in the sessions of all of them. */
    static ReplayPlan build(Map<Sample, List<TraceRow>> rows, TimeShift shift, PriceMap prices, int rowLimit) {
        List<PlannedCall> calls = new ArrayList<>();
        Map<String, List<PlannedCall>> bySession = new LinkedHashMap<>();
        rows.forEach((sample, sampleRows) -> {
            for (PlannedCall call : plan(sample, sampleRows, shift, prices)) {
                bySession.computeIfAbsent(call.traceId(), id -> new ArrayList<>()).add(call);
            }
        });
        Map<String, PlannedSession> sessions = new LinkedHashMap<>();
        bySession.forEach((traceId, ofSession) -> {
            List<PlannedCall> sent = ofSession.stream().filter(call -> call.row() < rowLimit).toList();
            if (!sent.isEmpty()) {
                sessions.put(traceId, session(sent, sent.size() == ofSession.size()));
                calls.addAll(sent);
            }
        });
        calls.sort(Comparator.comparing(PlannedCall::at).thenComparing(PlannedCall::projectId)
                .thenComparingInt(PlannedCall::row));
        return new ReplayPlan(calls, sessions);
    }

    /** Every call, in time order. */
    List<PlannedCall> calls() {
        return calls;
    }

    List<PlannedCall> calls(String projectId) {
        return calls.stream().filter(call -> call.projectId().equals(projectId)).toList();
    }

    List<PlannedSession> sessions(String projectId) {
        return sessions.values().stream().filter(session -> session.projectId().equals(projectId)).toList();
    }

    PlannedSession session(String traceId) {
        return sessions.get(traceId);
    }

    /** The sessions whose first call is among {@code window}. */
    List<PlannedSession> sessionsStartingIn(List<PlannedCall> window) {
        return window.stream().filter(call -> call.indexInSession() == 0).map(call -> session(call.traceId()))
                .toList();
    }

    private static List<PlannedCall> plan(Sample sample, List<TraceRow> rows, TimeShift shift, PriceMap prices) {
        int[] callsOfAgent = new int[Sample.AGENTS];
        List<PlannedCall> calls = new ArrayList<>(rows.size());
        for (TraceRow row : rows) {
            int agent = row.row() % Sample.AGENTS;
            int nth = callsOfAgent[agent]++;
            int session = nth / SESSION_REQUESTS;
            String agentId = Sample.agentOf(row.row());
            long costNanos = prices.costNanos(sample.model(),
                    new TokenCounts(row.inputTokens(), row.outputTokens(), 0, 0, 0));
            calls.add(new PlannedCall(sample, row.row(),
                    sample.prefix() + "-" + agentId + "-s" + session,
                    sample.prefix() + "-trace-" + agentId + "-" + session,
                    nth % SESSION_REQUESTS, shift.place(row.timestamp()), row.inputTokens(), row.outputTokens(),
                    costNanos));
        }
        return calls;
    }

    private static PlannedSession session(List<PlannedCall> calls, boolean complete) {
        PlannedCall first = calls.get(0);
        return new PlannedSession(first.traceId(), first.sessionId(), first.projectId(), first.agentId(), calls,
                complete);
    }

    /** The latest timestamp of all rows: the one a replay places on its end. */
    static Instant lastTimestamp(Map<Sample, List<TraceRow>> rows) {
        return rows.values().stream().flatMap(List::stream).map(TraceRow::timestamp).max(Comparator.naturalOrder())
                .orElseThrow(() -> new ReplayException("the trace files hold no rows"));
    }
}
