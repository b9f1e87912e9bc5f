package dev.nexus.costs.traces;

import dev.nexus.costs.error.NexusException;

/** The refusals that are particular to traces. Stateless. */
final class TraceErrors {

    private TraceErrors() {
    }

    static NexusException notFound(String traceId) {
        return NexusException.notFound("trace", traceId);
    }

    static NexusException closed(String traceId) {
        return NexusException.conflict("trace_closed", "trace '" + traceId + "' is closed; it takes no more "
                + "events and cannot be completed again");
    }

    static NexusException tooManyEvents(String traceId, int adding, int maxEvents) {
        return new NexusException(NexusException.Kind.TOO_LARGE, "too_many_events", "trace '" + traceId
                + "' may hold at most " + maxEvents + " events; appending " + adding + " more would pass that "
                + "(NEXUS_TRACE_MAX_EVENTS)", "events");
    }

    static NexusException eventTooLarge(String field, int bytes, int maxBytes) {
        return new NexusException(NexusException.Kind.TOO_LARGE, "event_too_large", field + " is " + bytes
                + " bytes of JSON; a trace event's data may be at most " + maxBytes + " bytes "
                + "(NEXUS_TRACE_EVENT_MAX_BYTES)", field);
    }

    static NexusException busy() {
        return NexusException.unavailable("traces_busy", "the trace writer has too much queued; try again shortly",
                null);
    }
}
