package dev.nexus.costs.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money as a whole number of nano-dollars (1e-9 USD), so that totals are exact sums.
 *
 * <p>A cost is rounded half-even to 1e-9 once, when it enters; after that it is only added. Stateless.
 */
public final class Money {

    public static final int SCALE = 9;
    public static final long NANOS_PER_USD = 1_000_000_000L;

    private Money() {
    }

    /** Rounds an exact amount in USD half-even to whole nano-dollars. */
    public static long toNanos(BigDecimal usd) {
        if (usd.scale() - usd.precision() > SCALE) {
            // Below 1e-10 USD in magnitude, such as 1e-999999999: rounds to 0, and rescaling would not fit.
            return 0;
        }
        return usd.setScale(SCALE, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
    }

    /** The amount in USD without trailing zeros, for JSON. */
    public static BigDecimal toUsd(long nanos) {
        BigDecimal usd = BigDecimal.valueOf(nanos, SCALE).stripTrailingZeros();
        return usd.scale() < 0 ? usd.setScale(0) : usd;
    }

    /**
     * {@code part} as a percent of {@code whole}, rounded down to {@code decimals} places; null without a whole.
     * Against a whole of zero, any part is 100 percent.
     */
    public static BigDecimal percent(long part, Long whole, int decimals) {
        if (whole == null) {
            return null;
        }
        if (whole == 0) {
            return BigDecimal.valueOf(part > 0 ? 100 : 0);
        }
        BigDecimal value = BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), decimals, RoundingMode.FLOOR);
        BigDecimal plain = value.stripTrailingZeros();
        return plain.scale() < 0 ? plain.setScale(0) : plain;
    }
}
