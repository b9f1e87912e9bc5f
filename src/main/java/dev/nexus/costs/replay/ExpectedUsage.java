package dev.nexus.costs.replay;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The usage records the service should hold after a replay: one total per day of the project's time zone, the
 * day of each call's placed timestamp, as the service cuts them. Stateless.
 */
final class ExpectedUsage {

    private ExpectedUsage() {
    }

    static SortedMap<LocalDate, Totals> byDay(List<PlannedCall> calls, ZoneId zone) {
        SortedMap<LocalDate, Totals> days = new TreeMap<>();
        for (PlannedCall call : calls) {
            days.merge(LocalDate.ofInstant(call.at(), zone), Totals.of(call), Totals::plus);
        }
        return days;
    }

    static Totals sum(SortedMap<LocalDate, Totals> days) {
        return days.values().stream().reduce(Totals.ZERO, Totals::plus);
    }
}
