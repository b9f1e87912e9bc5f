package dev.nexus.costs.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void halfANanoDollarRoundsToTheEvenNeighbour() {
        long down = Money.toNanos(new BigDecimal("0.0000000025"));
        long up = Money.toNanos(new BigDecimal("0.0000000035"));

        assertEquals(2, down);
        assertEquals(4, up);
    }

    @Test
    void moreThanHalfANanoDollarRoundsUp() {
        long nanos = Money.toNanos(new BigDecimal("0.00000000250001"));

        assertEquals(3, nanos);
    }

    @Test
    void anAmountFarBelowANanoDollarIsZeroWhateverItsExponent() {
        assertEquals(0, Money.toNanos(new BigDecimal("1e-999999999")));
        assertEquals(0, Money.toNanos(new BigDecimal("9.9e-11")));
        assertEquals(1, Money.toNanos(new BigDecimal("9.9e-10")));
    }

    @Test
    void aWholeAmountIsExact() {
        long nanos = Money.toNanos(new BigDecimal("1234567.891234567"));

        assertEquals(1_234_567_891_234_567L, nanos);
    }

    @Test
    void usdIsWrittenWithoutTrailingZeros() {
        assertEquals("0.0045", Money.toUsd(4_500_000).toPlainString());
        assertEquals("8", Money.toUsd(8_000_000_000L).toPlainString());
        assertEquals("0", Money.toUsd(0).toPlainString());
        assertEquals("0.000000001", Money.toUsd(1).toPlainString());
    }

    @Test
    void aPercentIsRoundedDownToItsDecimals() {
        // 2/3 = 66.666...% and 1/7 = 14.2857...%
        assertEquals(new BigDecimal("66.66"), Money.percent(2, 3L, 2));
        assertEquals(new BigDecimal("14.28"), Money.percent(1, 7L, 2));
        assertEquals(new BigDecimal("85"), Money.percent(8_599_999_999L, 10_000_000_000L, 0));
    }

    @Test
    void aPercentDropsTrailingZeros() {
        assertEquals("50", Money.percent(5, 10L, 2).toPlainString());
        assertEquals("12.5", Money.percent(1, 8L, 2).toPlainString());
    }

    @Test
    void aPercentOfNoBudgetIsNull() {
        assertNull(Money.percent(5, null, 2));
    }

    @Test
    void anyPartOfAZeroBudgetIsAHundredPercent() {
        assertEquals(new BigDecimal("100"), Money.percent(1, 0L, 2));
        assertEquals(new BigDecimal("0"), Money.percent(0, 0L, 2));
    }
}
