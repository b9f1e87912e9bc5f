package dev.nexus.costs.replay;

import dev.nexus.costs.money.Money;
import java.util.Locale;

/**
 * Requests, tokens and cost summed exactly, cost in nano-dollars, as the service keeps its usage records. Immutable.
 */
record Totals(long requests, long tokens, long costNanos) {

    static final Totals ZERO = new Totals(0, 0, 0);

    static Totals of(PlannedCall call) {
        return new Totals(1, call.tokens(), call.costNanos());
    }

    Totals plus(Totals other) {
        return new Totals(requests + other.requests, tokens + other.tokens, costNanos + other.costNanos);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "requests %,d  tokens %,d  cost %s USD", requests, tokens,
                Money.toUsd(costNanos).toPlainString());
    }
}
