package dev.nexus.costs.pricing;

import java.math.BigDecimal;

/**
 * The per-token prices of one model, in USD, exactly as the price map writes them. A null price falls back as
 * the price map's rules say: cache prices to the input price, the reasoning price to the output price.
 */
record ModelPrice(
        BigDecimal input,
        BigDecimal output,
        BigDecimal cacheRead,
        BigDecimal cacheCreation,
        BigDecimal reasoning) {

    /** The cost of a call at these prices, exact, before any rounding. */
    BigDecimal cost(TokenCounts tokens) {
        long uncachedInput = tokens.input() - tokens.cachedInput() - tokens.cacheCreationInput();
        long plainOutput = tokens.output() - tokens.reasoning();
        return times(uncachedInput, input)
                .add(times(tokens.cachedInput(), orElse(cacheRead, input)))
                .add(times(tokens.cacheCreationInput(), orElse(cacheCreation, input)))
                .add(times(plainOutput, output))
                .add(times(tokens.reasoning(), orElse(reasoning, output)));
    }

    /**
     * These prices with each one that {@code tier} names replaced by the tier's. A component the tier does not
     * price keeps the price it has without the tier, fallback included: a cache read the map never prices is
     * billed at this input price, not at the tier's.
     */
    ModelPrice overriddenBy(ModelPrice tier) {
        return new ModelPrice(
                orElse(tier.input, input),
                orElse(tier.output, output),
                orElse(tier.cacheRead, orElse(cacheRead, input)),
                orElse(tier.cacheCreation, orElse(cacheCreation, input)),
                orElse(tier.reasoning, orElse(reasoning, output)));
    }

    private static BigDecimal times(long count, BigDecimal price) {
        return count == 0 ? BigDecimal.ZERO : price.multiply(BigDecimal.valueOf(count));
    }

    private static BigDecimal orElse(BigDecimal price, BigDecimal fallback) {
        return price != null ? price : fallback;
    }
}
