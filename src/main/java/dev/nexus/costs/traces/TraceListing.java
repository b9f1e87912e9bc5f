package dev.nexus.costs.traces;

/**
 * A trace as an answer lists it: the trace, and its events numbered after {@code afterSeq} (all of them when
 * that is 0). Immutable.
 */
public record TraceListing(Trace trace, int afterSeq) {

    public static TraceListing whole(Trace trace) {
        return new TraceListing(trace, 0);
    }

    /** The trace with only its latest {@code count} events. */
    public static TraceListing latest(Trace trace, int count) {
        return new TraceListing(trace, Math.max(0, trace.eventCount() - count));
    }

    public boolean isWhole() {
        return afterSeq == 0;
    }

    /** How many events it lists. */
    public int size() {
        return Math.max(0, trace.eventCount() - afterSeq);
    }
}
