package dev.nexus.costs.traces;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.costs.auth.Principal;
import dev.nexus.costs.error.NexusException;
import dev.nexus.costs.json.Fields;
import dev.nexus.costs.projects.Project;
import dev.nexus.costs.projects.ProjectRegistry;
import dev.nexus.costs.traces.TraceOp.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Execution traces: creating them, appending events, completing them, and reading them one by one or a page
 * at a time. Answers say which of a trace's events to list; {@link #events()} streams them.
 *
 * <p>A trace is visible to the admin and to keys of its project; to any other key it does not exist (404).
 * Thread-safe.
 */
public final class TraceService {

    /** An append answers its trace with this many of its latest events, or all it appended if more. */
    public static final int ANSWER_TAIL_EVENTS = 100;
    private static final long WRITE_TIMEOUT_MS = 30_000;

    /** The outcome of a create: the trace, and whether this call made it. */
    public record Created(TraceListing listing, boolean created) {
    }

    /** One page of a listing, and the cursor of the next, or null at the end. */
    public record Page(List<TraceListing> items, String nextCursor) {
    }

    private final ProjectRegistry projects;
    private final TraceRows rows;
    private final TraceIndex index;
    private final TraceWriter writer;
    private final TraceEventReader events;
    private final TraceEventParser parser;
    private final int maxEvents;
    private final Clock clock;

    TraceService(ProjectRegistry projects, TraceRows rows, TraceIndex index, TraceWriter writer,
                 TraceEventReader events, int maxEventBytes, int maxEvents, Clock clock) {
        this.projects = projects;
        this.rows = rows;
        this.index = index;
        this.writer = writer;
        this.events = events;
        this.parser = new TraceEventParser(maxEventBytes);
        this.maxEvents = maxEvents;
        this.clock = clock;
    }

    /** Creates a running trace; the same id with the same content answers the existing one, else 409. */
    public Created create(Project project, ObjectNode body) {
        Instant now = now();
        TraceDraft draft = TraceDraft.of(body, project, projects, now);
        Trace inserted = rows.insert(draft, now).orElse(null);
        if (inserted != null) {
            index.add(inserted.id(), inserted.projectId(), now);
            return new Created(TraceListing.whole(inserted), true);
        }
        Trace existing = rows.find(draft.id()).orElseThrow(() -> TraceErrors.notFound(draft.id()));
        if (!draft.sameAs(existing)) {
            throw NexusException.conflict("id_conflict", "trace '" + draft.id() + "' exists with other content");
        }
        return new Created(TraceListing.whole(existing), false);
    }

    /** Appends one event or a batch, in order, to a running trace. */
    public TraceListing append(Principal caller, String traceId, ObjectNode body) {
        requireVisible(caller, traceId);
        Instant now = now();
        List<TraceEvent> appended = parser.parse(body, now);
        Outcome outcome = await(writer.submit(new TraceOp.Append(traceId, appended, now)));
        if (outcome == Outcome.FULL) {
            throw TraceErrors.tooManyEvents(traceId, appended.size(), maxEvents);
        }
        requireDone(traceId, outcome);
        return TraceListing.latest(find(traceId), Math.max(ANSWER_TAIL_EVENTS, appended.size()));
    }

    /** Ends a running trace as completed or error. */
    public TraceListing complete(Principal caller, String traceId, ObjectNode body) {
        requireVisible(caller, traceId);
        Fields.onlyKnown(body, "status", "completedAt");
        String status = Fields.requiredText(body, "status");
        if (!status.equals(Trace.COMPLETED) && !status.equals(Trace.ERROR)) {
            throw NexusException.invalid("status", "status must be completed or error");
        }
        Instant now = now();
        Instant completedAt = Fields.instant(body, "completedAt").map(at -> TraceTimes.checked("completedAt", at))
                .orElse(now);
        requireDone(traceId, await(writer.submit(new TraceOp.Complete(traceId, status, completedAt, now))));
        return TraceListing.whole(find(traceId));
    }

    public TraceListing get(Principal caller, String traceId) {
        Trace trace = rows.find(traceId).filter(found -> caller.mayUse(found.projectId()))
                .orElseThrow(() -> TraceErrors.notFound(traceId));
        return TraceListing.whole(trace);
    }

    /** A project's traces, newest first. */
    public Page list(Project project, TraceQuery query) {
        List<Trace> found = rows.select(query.sql(), statement -> query.bind(statement, project.id()));
        if (found.size() <= query.limit()) {
            return new Page(found.stream().map(TraceListing::whole).toList(), null);
        }
        List<Trace> page = found.subList(0, query.limit());
        return new Page(page.stream().map(TraceListing::whole).toList(),
                TraceCursor.after(page.get(page.size() - 1)).encode());
    }

    public TraceEventReader events() {
        return events;
    }

    /** Distinct sessions of all projects that have a running trace. */
    public long activeSessions() {
        return rows.activeSessions();
    }

    /** Waits for a queued change to be written; 503 when the writer fails or takes too long. */
    static Outcome await(TraceOp op) {
        try {
            return op.outcome().get(WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw NexusException.unavailable("interrupted", "the service is stopping", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NexusException refusal) {
                throw refusal;
            }
            throw NexusException.unavailable("trace_write_failed", "the trace change could not be written", e);
        } catch (TimeoutException e) {
            throw NexusException.unavailable("trace_write_timeout", "the trace change was not written within "
                    + WRITE_TIMEOUT_MS / 1000 + " s; it may still be", e);
        }
    }

    private void requireVisible(Principal caller, String traceId) {
        String projectId = index.projectOf(traceId).or(() -> rows.projectOf(traceId)).orElse(null);
        if (projectId == null || !caller.mayUse(projectId)) {
            throw TraceErrors.notFound(traceId);
        }
    }

    private static void requireDone(String traceId, Outcome outcome) {
        switch (outcome) {
            case DONE -> {
            }
            case CLOSED -> throw TraceErrors.closed(traceId);
            case MISSING -> throw TraceErrors.notFound(traceId);
            default -> throw new IllegalStateException("unexpected outcome " + outcome + " for trace " + traceId);
        }
    }

    private Trace find(String traceId) {
        return rows.find(traceId).orElseThrow(() -> TraceErrors.notFound(traceId));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
