package dev.nexus.costs.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.nexus.costs.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens one trace per session, appends an {@code llm_call} event per call in order, and completes the trace after
 * its last call.
 *
 * <p>A session that {@code --limit} cuts short is not completed. Trace events have no ids, so a repeated post
 * would add them twice; instead the answer to creating a trace says what is there already. A completed trace is
 * left alone (a second replay adds no trace and no event); a running one whose events are the first of this
 * session's gets the rest and is completed, so a replay that was interrupted ends right when run again; a trace
 * with other content or other events is reported and left alone.
 *
 * <p>Thread-safe: traces are worked on in parallel, each one by one thread at a time.
 */
final class TracePoster {

    /** How far a trace is on the service. */
    private record Progress(int eventsThere, boolean leftAlone) {
    }

    /** What the poster did, for the report. */
    record Counts(long created, long alreadyComplete, long resumed, long eventsPosted, long completed) {
    }

    private final NexusClient client;
    private final InFlight inFlight;
    private final ReplayPlan plan;
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong alreadyComplete = new AtomicLong();
    private final AtomicLong resumed = new AtomicLong();
    private final AtomicLong eventsPosted = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();

    TracePoster(NexusClient client, InFlight inFlight, ReplayPlan plan) {
        this.client = client;
        this.inFlight = inFlight;
        this.plan = plan;
    }

    /** Fails before anything is sent when the service has no traces at all. */
    static void requireEndpoint(NexusClient client, List<String> projectIds) {
        for (String projectId : projectIds) {
            Reply reply = client.traces(projectId, null, null, null, 1);
            if (reply.is(404)) {
                throw new ReplayException("the service has no traces endpoint: " + reply.request()
                        + " answered 404 for a project that exists; replay with --no-traces to leave traces out");
            }
            reply.expect(200);
        }
    }

    /** Opens the traces of the sessions that start in the window. */
    void open(List<PlannedCall> window) {
        inFlight.forEach(plan.sessionsStartingIn(window), this::openTrace);
    }

    /** Posts the events of the window's calls, trace by trace, and completes the traces that end in it. */
    void append(List<PlannedCall> window) {
        Map<String, List<PlannedCall>> byTrace = new LinkedHashMap<>();
        window.forEach(call -> byTrace.computeIfAbsent(call.traceId(), id -> new ArrayList<>()).add(call));
        inFlight.forEach(byTrace.values(), this::appendToTrace);
    }

    Counts counts() {
        return new Counts(created.get(), alreadyComplete.get(), resumed.get(), eventsPosted.get(), completed.get());
    }

    List<String> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    private void openTrace(PlannedSession session) {
        Reply reply = client.createTrace(session.projectId(), Bodies.trace(session));
        if (reply.is(201)) {
            created.incrementAndGet();
            progress.put(session.traceId(), new Progress(0, false));
        } else if (reply.is(409)) {
            leaveAlone(session, "exists with other content (" + reply.body().path("error").path("message")
                    .asText() + ")", 0);
        } else {
            progress.put(session.traceId(), existing(session, reply.expect(200)));
        }
    }

    private Progress existing(PlannedSession session, JsonNode trace) {
        JsonNode events = trace.path("events");
        if (!"running".equals(trace.path("status").asText())) {
            alreadyComplete.incrementAndGet();
            return new Progress(events.size(), true);
        }
        for (int i = 0; i < events.size(); i++) {
            if (i >= session.calls().size() || !Bodies.isTraceEventOf(events.get(i), session.calls().get(i))) {
                return leaveAlone(session, "is running with events that are not this replay's", events.size());
            }
        }
        resumed.incrementAndGet();
        return new Progress(events.size(), false);
    }

    private Progress leaveAlone(PlannedSession session, String why, int eventsThere) {
        problems.add("trace " + session.traceId() + " " + why + "; left alone");
        Progress alone = new Progress(eventsThere, true);
        progress.put(session.traceId(), alone);
        return alone;
    }

    private void appendToTrace(List<PlannedCall> calls) {
        PlannedCall last = calls.get(calls.size() - 1);
        Progress there = progress.get(last.traceId());
        if (there == null || there.leftAlone()) {
            return;
        }
        ArrayNode events = Json.MAPPER.createArrayNode();
        calls.stream().filter(call -> call.indexInSession() >= there.eventsThere())
                .forEach(call -> events.add(Bodies.traceEvent(call)));
        if (!events.isEmpty()) {
            client.appendTraceEvents(last.traceId(), events).expect(200);
            eventsPosted.addAndGet(events.size());
        }
        progress.put(last.traceId(), new Progress(Math.max(there.eventsThere(), last.indexInSession() + 1), false));
        PlannedSession session = plan.session(last.traceId());
        if (session.complete() && last.indexInSession() == session.calls().size() - 1) {
            client.completeTrace(last.traceId(), session.completedAt()).expect(200);
            completed.incrementAndGet();
        }
    }
}
