package dev.nexus.costs.bench;

import dev.nexus.costs.hot.UsageRecord;
import dev.nexus.costs.pricing.TokenCounts;
import java.time.Instant;
import java.time.LocalDate;

/** A typical usage record: a priced call of project 1's agent 1, as the parser makes it. */
final class Records {

    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    static final LocalDate DAY = LocalDate.of(2026, 3, 10);

    private Records() {
    }

    static UsageRecord usage(String eventId) {
        long micros = NOW.getEpochSecond() * 1_000_000;
        return new UsageRecord(0, micros, "support-bot", 1, "triage", 1, eventId, "sess-1", null, "gpt-4o",
                new TokenCounts(1_000, 200, 0, 0, 0), null, 4_500_000, micros, true, DAY, 0x5eed_cafe_f00dL);
    }
}
