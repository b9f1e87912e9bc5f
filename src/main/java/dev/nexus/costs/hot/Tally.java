package dev.nexus.costs.hot;

/** Spend, tokens and requests summed over some events. Immutable. */
public record Tally(long costNanos, long tokens, long requests) {

    public static final Tally ZERO = new Tally(0, 0, 0);

    public Tally plus(Tally other) {
        return new Tally(costNanos + other.costNanos, tokens + other.tokens, requests + other.requests);
    }
}
