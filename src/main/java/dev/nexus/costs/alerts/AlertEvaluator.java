package dev.nexus.costs.alerts;

import dev.nexus.costs.budget.BudgetChecker;
import dev.nexus.costs.budget.Scope;
import dev.nexus.costs.hot.JournalRecord;
import dev.nexus.costs.hot.UsageRecord;
import dev.nexus.costs.usage.LedgerListener;
import dev.nexus.costs.projects.Agent;
import dev.nexus.costs.projects.Project;
import dev.nexus.costs.projects.ProjectListener;
import dev.nexus.costs.projects.ProjectRegistry;
import dev.nexus.costs.usage.Spend;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the alerts that spend has earned, on the write path: after each run of applied records, and whenever a
 * budget, a grant or the thresholds change. Each alert is handed to the {@link AlertDispatcher} once per
 * process; the dispatcher's claim in PostgreSQL makes it once across restarts and instances.
 *
 * <p>Within a run of records the spend is walked record by record, so an alert carries the spend and session of
 * the very event that reached its threshold, and a jump over several thresholds yields them lowest first.
 *
 * <p>Thread-safe.
 */
public final class AlertEvaluator implements LedgerListener, ProjectListener {

    private final ProjectRegistry projects;
    private final Spend spend;
    private final BudgetChecker budgets;
    private final AlertDispatcher dispatcher;
    private final Clock clock;
    private final Set<Alert.Key> found = ConcurrentHashMap.newKeySet();

    /** One limit's period that a run of records touched, with those records in order. */
    private record Touched(Scope scope, Project project, Agent agent, String period, List<JournalRecord> records) {
    }

    public AlertEvaluator(ProjectRegistry projects, Spend spend, BudgetChecker budgets, AlertDispatcher dispatcher,
                          Clock clock) {
        this.projects = projects;
        this.spend = spend;
        this.budgets = budgets;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** Remembers the alerts already sent, so that they are not looked at again. */
    public void arm(AlertStore store) {
        found.addAll(store.keysSince(YearMonth.now(clock).minusMonths(1).atDay(1)));
    }

    @Override
    public void applied(List<? extends JournalRecord> records) {
        Map<String, Touched> touched = new LinkedHashMap<>();
        for (JournalRecord record : records) {
            Project project = projects.project(record.projectId()).orElse(null);
            if (project == null) {
                continue;
            }
            touch(touched, Scope.PROJECT_DAILY, project, null, record.day().toString(), record);
            touch(touched, Scope.PROJECT_MONTHLY, project, null, YearMonth.from(record.day()).toString(), record);
            if (record.agentId() != null) {
                Agent agent = projects.agent(project.id(), record.agentId()).orElse(null);
                if (agent != null) {
                    touch(touched, Scope.AGENT_DAILY, project, agent, record.day().toString(), record);
                }
            }
        }
        touched.values().forEach(this::walk);
    }

    @Override
    public void projectChanged(Project before, Project after) {
        if (!before.budgets().equals(after.budgets())) {
            evaluateNow(after);
        }
    }

    @Override
    public void agentChanged(Agent before, Agent after) {
        projects.project(after.projectId()).ifPresent(this::evaluateNow);
    }

    /** Sends at once the alerts that the current periods' spend has earned, e.g. after a budget changed. */
    public void evaluateNow(Project project) {
        LocalDate today = LocalDate.now(clock.withZone(project.timezone()));
        String day = today.toString();
        String month = YearMonth.from(today).toString();
        check(Scope.PROJECT_DAILY, project, null, day, spend.projectDay(project, today).costNanos(), null);
        check(Scope.PROJECT_MONTHLY, project, null, month,
                spend.projectMonth(project, YearMonth.from(today)).costNanos(), null);
        for (Agent agent : projects.agents(project.id())) {
            check(Scope.AGENT_DAILY, project, agent, day, spend.agentDay(agent, today).costNanos(), null);
        }
    }

    /** Forgets alerts of periods before last month, which no event can reach any more in practice. */
    public void forgetOld() {
        String cutoff = YearMonth.now(clock).minusMonths(1).toString();
        found.removeIf(key -> key.period().compareTo(cutoff) < 0);
    }

    private static void touch(Map<String, Touched> touched, Scope scope, Project project, Agent agent,
                              String period, JournalRecord record) {
        String subject = agent == null ? project.id() : agent.id();
        String key = scope.wireName() + '\u0000' + project.id() + '\u0000' + subject + '\u0000' + period;
        touched.computeIfAbsent(key, k -> new Touched(scope, project, agent, period, new ArrayList<>()))
                .records().add(record);
    }

    /** Replays the period's spend through the run's records, checking thresholds after each one. */
    private void walk(Touched touched) {
        long running = periodSpend(touched) - touched.records().stream().mapToLong(r -> r.delta().costNanos()).sum();
        for (JournalRecord record : touched.records()) {
            running += record.delta().costNanos();
            String session = record instanceof UsageRecord usage ? usage.sessionId() : null;
            check(touched.scope(), touched.project(), touched.agent(), touched.period(), running, session);
        }
    }

    private long periodSpend(Touched touched) {
        boolean monthly = touched.scope() == Scope.PROJECT_MONTHLY;
        if (touched.agent() != null) {
            return spend.agentDay(touched.agent(), LocalDate.parse(touched.period())).costNanos();
        }
        return monthly
                ? spend.projectMonth(touched.project(), YearMonth.parse(touched.period())).costNanos()
                : spend.projectDay(touched.project(), LocalDate.parse(touched.period())).costNanos();
    }

    private void check(Scope scope, Project project, Agent agent, String period, long spentNanos, String session) {
        Long budget = scope == Scope.AGENT_DAILY ? agent.budgetPerDayNanos()
                : scope == Scope.PROJECT_DAILY ? project.budgets().dailyNanos() : project.budgets().monthlyNanos();
        String subject = agent == null ? project.id() : agent.id();
        Long limit = budgets.limit(project, scope, subject, period, budget);
        if (limit == null || (limit == 0 && spentNanos == 0)) {
            return;
        }
        for (int threshold : project.budgets().alertThresholds()) {
            if (!reached(spentNanos, threshold, limit)) {
                break;
            }
            Alert alert = new Alert(scope, project.id(), subject, agent == null ? null : agent.id(), period,
                    threshold, limit, spentNanos, percent(spentNanos, limit), session, now());
            if (found.add(alert.key())) {
                dispatcher.submit(alert);
            }
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** spent >= threshold% of limit, in exact integers. */
    static boolean reached(long spentNanos, int threshold, long limitNanos) {
        BigInteger spent = BigInteger.valueOf(spentNanos).multiply(BigInteger.valueOf(100));
        return spent.compareTo(BigInteger.valueOf(limitNanos).multiply(BigInteger.valueOf(threshold))) >= 0;
    }

    static int percent(long spentNanos, long limitNanos) {
        if (limitNanos == 0) {
            return 100;
        }
        return BigInteger.valueOf(spentNanos).multiply(BigInteger.valueOf(100))
                .divide(BigInteger.valueOf(limitNanos)).intValue();
    }
}
