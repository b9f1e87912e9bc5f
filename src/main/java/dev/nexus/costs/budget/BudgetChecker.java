package dev.nexus.costs.budget;

import dev.nexus.costs.projects.Agent;
import dev.nexus.costs.projects.Project;
import dev.nexus.costs.usage.Spend;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Decides whether a project, and optionally one of its agents, may spend more: a handful of hot counter reads,
 * never a database call. Thread-safe.
 */
public final class BudgetChecker {

    private final Spend spend;
    private final Grants grants;
    private final Clock clock;

    public BudgetChecker(Spend spend, Grants grants, Clock clock) {
        this.spend = spend;
        this.grants = grants;
        this.clock = clock;
    }

    /** The limit in force: the budget plus grants for the period, or null without a budget. */
    public Long limit(Project project, Scope scope, String subjectId, String period, Long budgetNanos) {
        if (budgetNanos == null) {
            return null;
        }
        return budgetNanos + grants.grantedNanos(project.id(), scope, subjectId, period);
    }

    /**
     * Checks the limits that apply, in order: the project's day, its month, the agent's day.
     *
     * @param agent          the agent, or null
     * @param estimateNanos  what the caller is about to spend
     */
    public BudgetStatus check(Project project, Agent agent, long estimateNanos) {
        LocalDate day = LocalDate.now(clock.withZone(project.timezone()));
        YearMonth month = YearMonth.from(day);
        long spentToday = spend.projectDay(project, day).costNanos();
        long spentMonth = spend.projectMonth(project, month).costNanos();
        Long dailyLimit = limit(project, Scope.PROJECT_DAILY, project.id(), day.toString(),
                project.budgets().dailyNanos());
        Long monthlyLimit = limit(project, Scope.PROJECT_MONTHLY, project.id(), month.toString(),
                project.budgets().monthlyNanos());
        var projectSpend = new BudgetStatus.ProjectSpend(day, spentToday, dailyLimit, month, spentMonth,
                monthlyLimit);

        String reason = null;
        if (exceeds(spentToday, estimateNanos, dailyLimit)) {
            reason = "project_daily_exceeded";
        } else if (exceeds(spentMonth, estimateNanos, monthlyLimit)) {
            reason = "project_monthly_exceeded";
        }

        BudgetStatus.AgentSpend agentSpend = null;
        if (agent != null) {
            long agentToday = spend.agentDay(agent, day).costNanos();
            Long agentLimit = limit(project, Scope.AGENT_DAILY, agent.id(), day.toString(),
                    agent.budgetPerDayNanos());
            agentSpend = new BudgetStatus.AgentSpend(agent.id(), agentToday, agentLimit);
            if (reason == null && exceeds(agentToday, estimateNanos, agentLimit)) {
                reason = "agent_daily_exceeded";
            }
        }
        return new BudgetStatus(reason == null, reason, projectSpend, agentSpend);
    }

    private static boolean exceeds(long spent, long estimate, Long limit) {
        return limit != null && (spent >= limit || spent + estimate > limit);
    }
}
