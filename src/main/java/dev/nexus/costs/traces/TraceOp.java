package dev.nexus.costs.traces;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A change to a trace, queued for the {@link TraceWriter}, with the future that its outcome completes. Immutable
 * but for that future, which is thread-safe.
 */
sealed interface TraceOp {

    /** What became of a change once its batch committed. */
    enum Outcome {
        /** Applied. */
        DONE,
        /** Refused: the trace is no longer running. */
        CLOSED,
        /** Refused: the events would pass the trace's limit. */
        FULL,
        /** Refused: no such trace. */
        MISSING,
        /** An idle close skipped, because the trace saw activity after the reaper looked. */
        ACTIVE
    }

    String traceId();

    CompletableFuture<Outcome> outcome();

    /** Events to add at the end of a running trace, in their order. */
    record Append(String traceId, List<TraceEvent> events, Instant receivedAt, CompletableFuture<Outcome> outcome)
            implements TraceOp {

        Append(String traceId, List<TraceEvent> events, Instant receivedAt) {
            this(traceId, List.copyOf(events), receivedAt, new CompletableFuture<>());
        }
    }

    /** A client ending a running trace as completed or error. */
    record Complete(String traceId, String status, Instant completedAt, Instant receivedAt,
                    CompletableFuture<Outcome> outcome) implements TraceOp {

        Complete(String traceId, String status, Instant completedAt, Instant receivedAt) {
            this(traceId, status, completedAt, receivedAt, new CompletableFuture<>());
        }
    }

    /**
     * The service closing a silent trace as error, with an event that says why, unless it was active after
     * {@code lastActivityAt}.
     */
    record IdleClose(String traceId, Instant lastActivityAt, Instant closedAt, TraceEvent why,
                     CompletableFuture<Outcome> outcome) implements TraceOp {

        IdleClose(String traceId, Instant lastActivityAt, Instant closedAt, TraceEvent why) {
            this(traceId, lastActivityAt, closedAt, why, new CompletableFuture<>());
        }
    }
}
