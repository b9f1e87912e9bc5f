package dev.nexus.costs.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.costs.money.Money;
import java.time.LocalDate;
import java.util.SortedMap;

/**
 * Reads a project's usage records back over the days a replay spent in and sets their totals beside the replay's
 * own: cost exact to 1e-9 USD, tokens and requests. Stateless.
 */
final class UsageCheck {

    /** The two totals of one project over {@code from} to {@code to}, both inclusive. */
    record Outcome(String projectId, LocalDate from, LocalDate to, Totals expected, Totals service) {

        boolean matches() {
            return expected.equals(service);
        }
    }

    private UsageCheck() {
    }

    static Outcome check(NexusClient client, String projectId, SortedMap<LocalDate, Totals> expectedByDay) {
        LocalDate from = expectedByDay.firstKey();
        LocalDate to = expectedByDay.lastKey();
        Totals service = Totals.ZERO;
        for (JsonNode day : client.usage(projectId, from, to).expect(200).path("items")) {
            service = service.plus(new Totals(day.path("totalRequests").asLong(), day.path("totalTokens").asLong(),
                    Money.toNanos(day.path("totalCost").decimalValue())));
        }
        return new Outcome(projectId, from, to, ExpectedUsage.sum(expectedByDay), service);
    }
}
