package dev.nexus.costs.hot;

/**
 * What is remembered of a counted event to answer a re-post: a fingerprint of its content without the
 * timestamp, its timestamp, its cost and the journal record that counted it. Immutable.
 */
public record SeenEvent(long fingerprint, long timestampMicros, long costNanos, long seq) {
}
