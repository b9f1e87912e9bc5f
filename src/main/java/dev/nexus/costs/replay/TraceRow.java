package dev.nexus.costs.replay;

import java.time.Instant;

/**
 * One request of the Azure trace as its file has it. Immutable.
 *
 * @param row          0-based data row (the header is not a row)
 * @param timestamp    when the request was made, UTC
 * @param inputTokens  ContextTokens, the prompt
 * @param outputTokens GeneratedTokens, the completion
 */
record TraceRow(int row, Instant timestamp, long inputTokens, long outputTokens) {
}
