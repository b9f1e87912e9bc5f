package dev.nexus.costs.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {

    @Test
    void atSpeedZeroEveryCallGoesInOneWindow() {
        List<PlannedCall> calls = callsSecondsApart(0, 30, 90);

        assertEquals(List.of(calls), new Pacer(0, 2, calls).windows());
    }

    @Test
    void atSpeedSixtyAWindowHoldsTheCallsOfOneWallSecond() {
        List<PlannedCall> calls = callsSecondsApart(0, 30, 59, 60, 130);

        List<List<PlannedCall>> windows = new Pacer(60, 100, calls).windows();

        assertEquals(List.of(List.of(calls.get(0), calls.get(1), calls.get(2)), List.of(calls.get(3)),
                List.of(calls.get(4))), windows);
    }

    @Test
    void aWindowHoldsAtMostABatch() {
        List<PlannedCall> calls = callsSecondsApart(0, 1, 2);

        assertEquals(2, new Pacer(60, 2, calls).windows().size());
    }

    private static List<PlannedCall> callsSecondsApart(int... seconds) {
        List<PlannedCall> calls = new ArrayList<>();
        for (int i = 0; i < seconds.length; i++) {
            calls.add(new PlannedCall(Sample.CONV, i, "s", "t", i, Instant.parse("2026-12-03T10:00:00Z")
                    .plusSeconds(seconds[i]), 1, 1, 1));
        }
        return calls;
    }
}
