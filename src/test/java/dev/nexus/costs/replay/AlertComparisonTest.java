package dev.nexus.costs.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertComparisonTest {

    private static final AlertPeriod DAY = new AlertPeriod("azure-conv", AlertPeriod.PROJECT_DAILY, null, "2026-12-03");
    private static final AlertPeriod OTHER_DAY =
            new AlertPeriod("azure-conv", AlertPeriod.PROJECT_DAILY, null, "2026-12-01");
    private static final AlertKey AT_50 = new AlertKey(DAY, 50, 80_000_000_000L);
    private static final AlertKey AT_80 = new AlertKey(DAY, 80, 80_000_000_000L);

    @Test
    void aFirstRunMatchesWhenEachExpectedAlertWasSentOnceAndArrivedLive() {
        AlertComparison comparison = AlertComparison.of(List.of(AT_50, AT_80), List.of(), List.of(AT_50, AT_80),
                List.of(AT_50, AT_80), Set.of(DAY));

        assertTrue(comparison.matches(), comparison.problems().toString());
        assertEquals(List.of(new AlertComparison.Row("azure-conv", "project.daily", 50, 1, 1, 1),
                new AlertComparison.Row("azure-conv", "project.daily", 80, 1, 1, 1)), comparison.rows());
    }

    @Test
    void aSecondRunMatchesWhenTheAlertsWereSentBeforeAndNothingArrivesLive() {
        AlertComparison comparison = AlertComparison.of(List.of(AT_50, AT_80), List.of(AT_50, AT_80),
                List.of(AT_50, AT_80), List.of(), Set.of(DAY));

        assertTrue(comparison.matches(), comparison.problems().toString());
    }

    @Test
    void anAlertSentTwiceDiffers() {
        AlertComparison comparison = AlertComparison.of(List.of(AT_50), List.of(), List.of(AT_50, AT_50),
                List.of(AT_50, AT_50), Set.of(DAY));

        assertFalse(comparison.matches());
        assertEquals(1, comparison.problems().size(), comparison.problems().toString());
    }

    @Test
    void anAlertSentButNotSeenLiveDiffers() {
        AlertComparison comparison = AlertComparison.of(List.of(AT_50), List.of(), List.of(AT_50), List.of(),
                Set.of(DAY));

        assertFalse(comparison.matches());
    }

    @Test
    void alertsOfPeriodsTheReplayDoesNotTouchAreLeftOut() {
        AlertKey elsewhere = new AlertKey(OTHER_DAY, 50, 80_000_000_000L);

        AlertComparison comparison = AlertComparison.of(List.of(AT_50), List.of(elsewhere),
                List.of(elsewhere, AT_50), List.of(AT_50), Set.of(DAY));

        assertTrue(comparison.matches(), comparison.problems().toString());
    }
}
