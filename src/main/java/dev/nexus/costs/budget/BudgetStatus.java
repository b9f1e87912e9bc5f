package dev.nexus.costs.budget;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The answer to "may this project (and agent) spend more now?", with the spend and limits it was decided on.
 * Limits are null where there is none. Immutable.
 */
public record BudgetStatus(boolean allowed, String reason, ProjectSpend project, AgentSpend agent) {

    public record ProjectSpend(LocalDate day, long spentTodayNanos, Long dailyLimitNanos, YearMonth month,
                               long spentMonthNanos, Long monthlyLimitNanos) {
    }

    /** An agent's day; null in a status asked without an agent. */
    public record AgentSpend(String id, long spentTodayNanos, Long dailyLimitNanos) {
    }
}
