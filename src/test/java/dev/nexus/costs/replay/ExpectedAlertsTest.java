package dev.nexus.costs.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpectedAlertsTest {

    private static final long USD = 1_000_000_000L;

    @Test
    void everyThresholdReachedInATouchedPeriodIsExpectedOnce() {
        List<PlannedCall> calls = List.of(
                call(0, "2026-12-02T23:00:00Z", 3 * USD),
                call(4, "2026-12-03T01:00:00Z", 4 * USD),
                call(1, "2026-12-03T02:00:00Z", 4_500_000_000L));

        Set<AlertKey> expected = Set.copyOf(ExpectedAlerts.of(calls, budgets()));

        assertEquals(Set.of(
                agentDaily("agent-0", "2026-12-02", 50),
                projectDaily("2026-12-03", 50), projectDaily("2026-12-03", 80),
                agentDaily("agent-0", "2026-12-03", 50), agentDaily("agent-0", "2026-12-03", 80)), expected);
    }

    @Test
    void aThresholdIsReachedAtExactlyItsShareOfTheBudget() {
        assertTrue(ExpectedAlerts.reached(8 * USD, 10 * USD, 80));
        assertFalse(ExpectedAlerts.reached(8 * USD - 1, 10 * USD, 80));
    }

    @Test
    void thePeriodsTouchedAreEachDayMonthAndAgentDayWithSpend() {
        List<PlannedCall> calls = List.of(call(0, "2026-12-31T23:59:59Z", 1), call(1, "2027-01-01T00:00:00Z", 1));

        Set<AlertPeriod> touched = ExpectedAlerts.touched(calls, budgets());

        assertEquals(6, touched.size());
        assertTrue(touched.contains(new AlertPeriod("azure-conv", AlertPeriod.PROJECT_MONTHLY, null, "2027-01")));
        assertTrue(touched.contains(new AlertPeriod("azure-conv", AlertPeriod.AGENT_DAILY, "agent-0",
                "2026-12-31")));
    }

    /** Daily 10 USD, monthly 100 USD, agent-0 5 USD a day, agent-1 without a limit. */
    private static BudgetsInForce budgets() {
        Map<String, Long> agents = new HashMap<>();
        agents.put("agent-0", 5 * USD);
        agents.put("agent-1", null);
        return new BudgetsInForce("azure-conv", ZoneOffset.UTC, 10 * USD, 100 * USD, List.of(50, 80, 100), agents);
    }

    private static PlannedCall call(int row, String at, long costNanos) {
        return new PlannedCall(Sample.CONV, row, "s", "t", 0, Instant.parse(at), 1, 1, costNanos);
    }

    private static AlertKey projectDaily(String day, int threshold) {
        return new AlertKey(new AlertPeriod("azure-conv", AlertPeriod.PROJECT_DAILY, null, day), threshold, 10 * USD);
    }

    private static AlertKey agentDaily(String agentId, String day, int threshold) {
        return new AlertKey(new AlertPeriod("azure-conv", AlertPeriod.AGENT_DAILY, agentId, day), threshold, 5 * USD);
    }
}
