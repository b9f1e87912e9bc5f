package dev.nexus.costs.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.nexus.costs.pricing.PriceMap;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class ReplayPlanTest {

    private static final PriceMap PRICES = PriceMap.shipped();
    private static final Instant END = Instant.parse("2026-12-03T00:00:30Z");

    @Test
    void theRealTraceFallsIntoTheDocumentedNumbersOfSessions() {
        Map<Sample, List<TraceRow>> rows = new LinkedHashMap<>();
        Sample.ALL.forEach(sample -> rows.put(sample,
                TraceRows.read(TraceData.dir().resolve(sample.file()))));

        ReplayPlan plan = ReplayPlan.build(rows, TimeShift.endingAt(ReplayPlan.lastTimestamp(rows), END), PRICES);

        assertEquals(776, plan.sessions("azure-conv").size());
        assertEquals(356, plan.sessions("azure-code").size());
        assertEquals(28_185, plan.calls().size());
    }

    @Test
    void eachRowIsAnEventOfAgentRowModFourPricedForItsSamplesModel() {
        ReplayPlan plan = plan(Sample.CODE, 6);

        PlannedCall call = plan.calls("azure-code").get(5);

        assertEquals("code-5", call.eventId());
        assertEquals("agent-1", call.agentId());
        assertEquals("claude-sonnet-4-20250514", call.model());
        assertEquals(6_000_000, call.costNanos());
    }

    @Test
    void eachAgentsRowsFormSessionsOfTwentyFiveInRowOrder() {
        ReplayPlan plan = plan(Sample.CONV, 120);

        List<PlannedSession> ofAgentZero = plan.sessions("azure-conv").stream()
                .filter(session -> session.agentId().equals("agent-0")).toList();

        assertEquals(List.of("conv-trace-agent-0-0", "conv-trace-agent-0-1"),
                ofAgentZero.stream().map(PlannedSession::traceId).toList());
        assertEquals("conv-agent-0-s1", ofAgentZero.get(1).sessionId());
        assertEquals(List.of(100, 104, 108, 112, 116),
                ofAgentZero.get(1).calls().stream().map(PlannedCall::row).toList());
        assertEquals(4, ofAgentZero.get(1).calls().get(4).indexInSession());
    }

    @Test
    void aPlanOfTheFirstRowsKeepsTheWholeTracesSessionsAndLeavesTheCutOneRunning() {
        List<TraceRow> rows = rows(120);
        Map<Sample, List<TraceRow>> bySample = Map.of(Sample.CONV, rows);

        ReplayPlan plan = ReplayPlan.build(bySample, TimeShift.endingAt(ReplayPlan.lastTimestamp(bySample), END),
                PRICES, 10);

        assertEquals(10, plan.calls().size());
        PlannedSession cut = plan.session("conv-trace-agent-0-0");
        assertEquals(List.of(0, 4, 8), cut.calls().stream().map(PlannedCall::row).toList());
        assertFalse(cut.complete());
        assertEquals(plan(Sample.CONV, 120).calls().get(9), plan.calls().get(9));
    }

    @Test
    void theLastRowLandsOnTheEndAndEarlierOnesKeepTheirDistance() {
        ReplayPlan plan = plan(Sample.CONV, 3);

        assertEquals(List.of(Instant.parse("2026-12-03T00:00:10Z"), Instant.parse("2026-12-03T00:00:20Z"), END),
                plan.calls().stream().map(PlannedCall::at).toList());
    }

    @Test
    void expectedTotalsFallOnTheDaysOfThePlacedTimestamps() {
        ReplayPlan plan = ReplayPlan.build(Map.of(Sample.CONV, rows(3)),
                TimeShift.endingAt(Instant.parse("2023-11-16T18:00:20Z"), Instant.parse("2026-12-03T00:00:15Z")),
                PRICES);

        SortedMap<LocalDate, Totals> days = ExpectedUsage.byDay(plan.calls(), ZoneOffset.UTC);

        assertEquals(new Totals(1, 1200, 4_500_000), days.get(LocalDate.parse("2026-12-02")));
        assertEquals(new Totals(2, 2400, 9_000_000), days.get(LocalDate.parse("2026-12-03")));
        assertEquals(new Totals(3, 3600, 13_500_000), ExpectedUsage.sum(days));
    }

    private static ReplayPlan plan(Sample sample, int count) {
        List<TraceRow> rows = rows(count);
        Map<Sample, List<TraceRow>> bySample = Map.of(sample, rows);
        return ReplayPlan.build(bySample, TimeShift.endingAt(ReplayPlan.lastTimestamp(bySample), END), PRICES);
    }

    /** Rows ten seconds apart from 2023-11-16T18:00:00Z, each of 1,000 input and 200 output tokens. */
    private static List<TraceRow> rows(int count) {
        List<TraceRow> rows = new ArrayList<>();
        for (int row = 0; row < count; row++) {
            rows.add(new TraceRow(row, Instant.parse("2023-11-16T18:00:00Z").plusSeconds(10L * row), 1000, 200));
        }
        return rows;
    }
}
