package dev.nexus.costs.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.costs.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a project's traces back after a replay, page by page, and holds each session's trace to the replay's own
 * sums: there, completed (running when {@code --limit} cut the session short), one event per call sent, and the
 * tokens and cost of the usage events that name it. Stateless.
 */
final class TraceCheck {

    private static final int PAGE = 100;

    /** What the check found for one project. */
    record Outcome(String projectId, int planned, int found, int matching, List<String> problems) {

        boolean matches() {
            return problems.isEmpty();
        }
    }

    private TraceCheck() {
    }

    static Outcome check(NexusClient client, String projectId, List<PlannedSession> sessions) {
        if (sessions.isEmpty()) {
            return new Outcome(projectId, 0, 0, 0, List.of());
        }
        Map<String, JsonNode> found = listed(client, projectId, sessions);
        List<String> problems = new ArrayList<>();
        int present = 0;
        int matching = 0;
        for (PlannedSession session : sessions) {
            JsonNode trace = found.get(session.traceId());
            if (trace == null) {
                problems.add("trace " + session.traceId() + " is missing");
                continue;
            }
            present++;
            Optional<String> wrong = difference(client, session, trace);
            wrong.ifPresent(problems::add);
            matching += wrong.isEmpty() ? 1 : 0;
        }
        return new Outcome(projectId, sessions.size(), present, matching, problems);
    }

    private static Map<String, JsonNode> listed(NexusClient client, String projectId, List<PlannedSession> sessions) {
        Instant from = sessions.stream().map(PlannedSession::startedAt).min(Comparator.naturalOrder()).orElseThrow();
        Instant to = sessions.stream().map(PlannedSession::startedAt).max(Comparator.naturalOrder()).orElseThrow();
        Map<String, JsonNode> found = new HashMap<>();
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        do {
            JsonNode page = client.traces(projectId, from, to, cursor, PAGE).expect(200);
            page.path("items").forEach(trace -> found.put(trace.path("id").asText(), trace));
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null && cursors.add(cursor));
        return found;
    }

    /** What is wrong with one trace, in one line, or nothing. */
    private static Optional<String> difference(NexusClient client, PlannedSession session, JsonNode trace) {
        Totals own = session.totals();
        JsonNode events = trace.has("events") ? trace.path("events")
                : client.trace(session.traceId()).expect(200).path("events");
        List<String> wrong = new ArrayList<>();
        String status = session.complete() ? "completed" : "running";
        if (!status.equals(trace.path("status").asText())) {
            wrong.add("status " + trace.path("status").asText());
        }
        if (events.size() != session.calls().size()) {
            wrong.add(events.size() + " events, not " + session.calls().size());
        }
        if (trace.path("totalTokens").asLong(-1) != own.tokens()) {
            wrong.add("totalTokens " + trace.path("totalTokens").asText() + ", not " + own.tokens());
        }
        JsonNode cost = trace.path("totalCost");
        if (!cost.isNumber() || Money.toNanos(cost.decimalValue()) != own.costNanos()) {
            wrong.add("totalCost " + cost.asText() + ", not " + Money.toUsd(own.costNanos()).toPlainString());
        }
        return wrong.isEmpty() ? Optional.empty()
                : Optional.of("trace " + session.traceId() + ": " + String.join(", ", wrong));
    }
}
