package dev.nexus.costs.traces;

import java.time.Instant;

/**
 * One event of a trace. Immutable.
 *
 * @param seq       its place in the trace, from 1; 0 before the writer numbered it
 * @param dataJson  its data, a JSON object written compactly
 * @param dataBytes the UTF-8 size of {@code dataJson}, as counted against the limit
 */
public record TraceEvent(int seq, String type, Instant timestamp, String dataJson, int dataBytes) {

    TraceEvent numbered(int newSeq) {
        return new TraceEvent(newSeq, type, timestamp, dataJson, dataBytes);
    }
}
