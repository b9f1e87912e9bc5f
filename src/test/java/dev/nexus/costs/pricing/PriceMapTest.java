package dev.nexus.costs.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nexus.costs.error.NexusException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * Costs worked out by hand from the shipped price map. Each expected value is written as the sum of its
 * components (tokens x USD per token) so that a reader can check it against the map.
 */
class PriceMapTest {

    private static final PriceMap PRICES = PriceMap.shipped();

    @Test
    void plainCallIsInputPlusOutputAtTheirPrices() {
        TokenCounts tokens = new TokenCounts(1_000, 200, 0, 0, 0);

        long cost = PRICES.costNanos("gpt-4o", tokens);

        // gpt-4o: input 2.5e-06, output 1e-05
        assertEquals(usd("0.0045"), cost);
        assertEquals(usd("0.0025") + usd("0.002"), cost);
    }

    @Test
    void cachedInputIsBilledAtTheCacheReadPrice() {
        TokenCounts tokens = new TokenCounts(1_000, 200, 400, 0, 0);

        long cost = PRICES.costNanos("gpt-4o", tokens);

        // (1000 - 400) x 2.5e-06 + 400 x 1.25e-06 + 200 x 1e-05
        assertEquals(usd("0.0015") + usd("0.0005") + usd("0.002"), cost);
    }

    @Test
    void cacheWritesAreBilledAtTheCacheCreationPrice() {
        TokenCounts tokens = new TokenCounts(10_000, 500, 3_000, 2_000, 0);

        long cost = PRICES.costNanos("claude-sonnet-4-20250514", tokens);

        // (10000 - 3000 - 2000) x 3e-06 + 3000 x 3e-07 + 2000 x 3.75e-06 + 500 x 1.5e-05
        assertEquals(usd("0.015") + usd("0.0009") + usd("0.0075") + usd("0.0075"), cost);
        assertEquals(usd("0.0309"), cost);
    }

    @Test
    void aCallOfMoreThan200kInputTokensIsBilledWhollyAtTheLongContextPrices() {
        TokenCounts tokens = new TokenCounts(250_000, 1_000, 50_000, 20_000, 0);

        long cost = PRICES.costNanos("claude-sonnet-4-20250514", tokens);

        // (250000 - 50000 - 20000) x 6e-06 + 50000 x 6e-07 + 20000 x 7.5e-06 + 1000 x 2.25e-05
        assertEquals(usd("1.08") + usd("0.03") + usd("0.15") + usd("0.0225"), cost);
        assertEquals(usd("1.2825"), cost);
    }

    @Test
    void exactly200kInputTokensIsNotAbove200k() {
        TokenCounts tokens = new TokenCounts(200_000, 1_000, 0, 0, 0);

        long cost = PRICES.costNanos("claude-sonnet-4-20250514", tokens);

        // 200000 x 3e-06 + 1000 x 1.5e-05, the ordinary prices
        assertEquals(usd("0.6") + usd("0.015"), cost);
    }

    @Test
    void oneTokenMoreThan200kSwitchesToTheLongContextPrices() {
        TokenCounts tokens = new TokenCounts(200_001, 1_000, 0, 0, 0);

        long cost = PRICES.costNanos("claude-sonnet-4-20250514", tokens);

        // 200001 x 6e-06 + 1000 x 2.25e-05
        assertEquals(usd("1.200006") + usd("0.0225"), cost);
    }

    @Test
    void aComponentWithoutLongContextPriceIsBilledAsUnder200k() {
        // gemini-2.5-computer-use-preview-10-2025: input 1.25e-06 (above 200k: 2.5e-06), no cache prices at all,
        // so under 200k a cached token is billed at the input price, 1.25e-06.
        TokenCounts tokens = new TokenCounts(250_000, 0, 100_000, 0, 0);

        long cost = PRICES.costNanos("gemini-2.5-computer-use-preview-10-2025", tokens);

        // (250000 - 100000) x 2.5e-06 + 100000 x 1.25e-06
        assertEquals(usd("0.375") + usd("0.125"), cost);
    }

    @Test
    void reasoningTokensAbove200kWithoutALongContextReasoningPriceAreBilledAsUnder200k() {
        TokenCounts tokens = new TokenCounts(250_000, 1_000, 0, 0, 400);

        long cost = PRICES.costNanos("claude-sonnet-4-20250514", tokens);

        // 250000 x 6e-06 + (1000 - 400) x 2.25e-05 + 400 x 1.5e-05 (no reasoning price above 200k, nor below:
        // billed as under 200k, at the ordinary output price)
        assertEquals(usd("1.5") + usd("0.0135") + usd("0.006"), cost);
    }

    @Test
    void reasoningTokensAreBilledAtTheOutputPriceWhenTheMapHasNoReasoningPrice() {
        TokenCounts tokens = new TokenCounts(100, 1_000, 0, 0, 600);

        long cost = PRICES.costNanos("o3-mini", tokens);

        // o3-mini: input 1.1e-06, output 4.4e-06, no reasoning price:
        // 100 x 1.1e-06 + (1000 - 600) x 4.4e-06 + 600 x 4.4e-06
        assertEquals(usd("0.00011") + usd("0.00176") + usd("0.00264"), cost);
    }

    @Test
    void aPriceOfZeroIsAPriceAndNotAMissingOne() {
        TokenCounts tokens = new TokenCounts(100, 0, 0, 50, 0);

        long cost = PRICES.costNanos("deepseek-v4-pro", tokens);

        // deepseek-v4-pro: input 4.35e-07, cache creation 0.0: (100 - 50) x 4.35e-07 + 50 x 0
        assertEquals(usd("0.00002175"), cost);
    }

    @Test
    void aCostIsRoundedHalfEvenToTheNanoDollar() {
        // deepseek-v4-pro cache read: 3.625e-09 per token
        TokenCounts fourCached = new TokenCounts(4, 0, 4, 0, 0);
        TokenCounts twelveCached = new TokenCounts(12, 0, 12, 0, 0);

        long down = PRICES.costNanos("deepseek-v4-pro", fourCached);
        long up = PRICES.costNanos("deepseek-v4-pro", twelveCached);

        assertEquals(14, down, "4 x 3.625e-09 = 14.5e-09 rounds to the even 14e-09");
        assertEquals(44, up, "12 x 3.625e-09 = 43.5e-09 rounds to the even 44e-09");
    }

    @Test
    void aModelTheMapLacksIsUnprocessable() {
        TokenCounts tokens = new TokenCounts(1, 1, 0, 0, 0);

        NexusException e = assertThrows(NexusException.class, () -> PRICES.costNanos("no-such-model", tokens));

        assertEquals(NexusException.Kind.UNPROCESSABLE, e.kind());
        assertEquals("unknown_model", e.code());
        assertEquals("model", e.field());
    }

    private static long usd(String amount) {
        return new BigDecimal(amount).movePointRight(9).longValueExact();
    }
}
