package dev.nexus.costs.usage;

import dev.nexus.costs.budget.BudgetChecker;
import dev.nexus.costs.budget.Scope;
import dev.nexus.costs.error.NexusException;
import dev.nexus.costs.hot.Tally;
import dev.nexus.costs.projects.Agent;
import dev.nexus.costs.projects.Project;
import dev.nexus.costs.projects.ProjectRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The usage history and cost summary of a project, read from the hot counters. Thread-safe. */
public final class UsageReports {

    public static final int MAX_DAYS = 366;

    public record DayUsage(LocalDate date, Tally tally) {
    }

    public record AgentCosts(Agent agent, long costTodayNanos, long costMonthNanos, Long dailyLimitNanos) {
    }

    /** What a project's costs page shows; limits include grants and are null without a budget. */
    public record Costs(LocalDate today, Tally todayTally, YearMonth month, Tally monthTally,
                        Long dailyLimitNanos, Long monthlyLimitNanos, List<AgentCosts> byAgent) {
    }

    private final ProjectRegistry projects;
    private final Spend spend;
    private final BudgetChecker budgets;
    private final Clock clock;

    public UsageReports(ProjectRegistry projects, Spend spend, BudgetChecker budgets, Clock clock) {
        this.projects = projects;
        this.spend = spend;
        this.budgets = budgets;
        this.clock = clock;
    }

    /** One record per day from {@code from} to {@code to}, zeros included; null bounds mean this month so far. */
    public List<DayUsage> days(Project project, LocalDate from, LocalDate to, Agent agent) {
        LocalDate today = today(project);
        LocalDate first = from != null ? from : (to != null ? to : today).withDayOfMonth(1);
        LocalDate last = to != null ? to : (from != null && from.isAfter(today) ? from : today);
        if (last.isBefore(first)) {
            throw NexusException.invalid("to", "to must not be before from");
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
            throw NexusException.invalid("from", "a usage range spans at most " + MAX_DAYS + " days");
        }
        List<DayUsage> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            Tally tally = agent == null ? spend.projectDay(project, day) : spend.agentDay(agent, day);
            days.add(new DayUsage(day, tally));
        }
        return days;
    }

    public Costs costs(Project project) {
        LocalDate today = today(project);
        YearMonth month = YearMonth.from(today);
        List<AgentCosts> byAgent = new ArrayList<>();
        for (Agent agent : projects.agents(project.id())) {
            Long limit = budgets.limit(project, Scope.AGENT_DAILY, agent.id(), today.toString(),
                    agent.budgetPerDayNanos());
            byAgent.add(new AgentCosts(agent, spend.agentDay(agent, today).costNanos(),
                    spend.agentMonth(agent, month).costNanos(), limit));
        }
        byAgent.sort(Comparator.comparingLong(AgentCosts::costTodayNanos).reversed()
                .thenComparing(costs -> costs.agent().id()));
        return new Costs(today, spend.projectDay(project, today), month, spend.projectMonth(project, month),
                budgets.limit(project, Scope.PROJECT_DAILY, project.id(), today.toString(),
                        project.budgets().dailyNanos()),
                budgets.limit(project, Scope.PROJECT_MONTHLY, project.id(), month.toString(),
                        project.budgets().monthlyNanos()),
                byAgent);
    }

    private LocalDate today(Project project) {
        return LocalDate.now(clock.withZone(project.timezone()));
    }
}
