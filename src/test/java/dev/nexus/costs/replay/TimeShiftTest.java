package dev.nexus.costs.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeShiftTest {

    private static final Instant LAST = Instant.parse("2023-11-16T19:14:19.928016Z");

    @Test
    void theLastRowLandsOnTheEnd() {
        Instant end = Instant.parse("2026-12-02T23:00:00Z");

        assertEquals(end, TimeShift.endingAt(LAST, end).place(LAST));
    }

    @Test
    void everyRowKeepsItsDistanceToTheLastRow() {
        TimeShift shift = TimeShift.endingAt(LAST, Instant.parse("2026-12-02T23:00:00Z"));

        assertEquals(Instant.parse("2026-12-02T22:01:26.752574Z"),
                shift.place(Instant.parse("2023-11-16T18:15:46.680590Z")));
    }

    @Test
    void placedInstantsAreCutToMicrosecondsAsTheServiceKeepsThem() {
        TimeShift shift = TimeShift.endingAt(LAST, Instant.parse("2026-12-02T23:00:00.000000999Z"));

        assertEquals(Instant.parse("2026-12-02T22:59:59.999999Z"),
                shift.place(Instant.parse("2023-11-16T19:14:19.9280159Z")));
    }

    @Test
    void aShiftCanCarryRowsIntoThePreviousDay() {
        TimeShift shift = TimeShift.endingAt(LAST, Instant.parse("2026-12-03T00:30:00Z"));

        assertEquals(Instant.parse("2026-12-02T23:31:26.752574Z"),
                shift.place(Instant.parse("2023-11-16T18:15:46.680590Z")));
    }
}
