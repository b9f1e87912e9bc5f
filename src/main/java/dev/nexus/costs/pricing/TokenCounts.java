package dev.nexus.costs.pricing;

/**
 * The tokens of one model call. Cached and cache-creation tokens are part of {@code input}; reasoning tokens are
 * part of {@code output}.
 */
public record TokenCounts(long input, long output, long cachedInput, long cacheCreationInput, long reasoning) {

    public static final TokenCounts NONE = new TokenCounts(0, 0, 0, 0, 0);

    public long total() {
        return input + output;
    }
}
