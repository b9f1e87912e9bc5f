package dev.nexus.costs.replay;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The alerts a replay's own computation says the service sends: for every period its calls spend in (each day and
 * month of the project, each day of each agent) and every threshold {@code t} with spend >= t% of the budget in
 * force, exactly one. Periods without a budget alert nothing. Stateless.
 */
final class ExpectedAlerts {

    private static final BigInteger HUNDRED = BigInteger.valueOf(100);

    private ExpectedAlerts() {
    }

    /** The spend of each period the calls touch, in nano-dollars, in a stable order. */
    static Map<AlertPeriod, Long> spendByPeriod(List<PlannedCall> calls, BudgetsInForce budgets) {
        Map<AlertPeriod, Long> spend = new LinkedHashMap<>();
        for (PlannedCall call : calls) {
            LocalDate day = LocalDate.ofInstant(call.at(), budgets.zone());
            String project = budgets.projectId();
            spend.merge(new AlertPeriod(project, AlertPeriod.PROJECT_DAILY, null, day.toString()),
                    call.costNanos(), Long::sum);
            spend.merge(new AlertPeriod(project, AlertPeriod.PROJECT_MONTHLY, null, YearMonth.from(day).toString()),
                    call.costNanos(), Long::sum);
            spend.merge(new AlertPeriod(project, AlertPeriod.AGENT_DAILY, call.agentId(), day.toString()),
                    call.costNanos(), Long::sum);
        }
        return spend;
    }

    static List<AlertKey> of(List<PlannedCall> calls, BudgetsInForce budgets) {
        List<AlertKey> alerts = new ArrayList<>();
        spendByPeriod(calls, budgets).forEach((period, spendNanos) -> {
            Long budgetNanos = budgetOf(period, budgets);
            for (int threshold : budgets.thresholds()) {
                if (budgetNanos != null && reached(spendNanos, budgetNanos, threshold)) {
                    alerts.add(new AlertKey(period, threshold, budgetNanos));
                }
            }
        });
        return alerts;
    }

    static Set<AlertPeriod> touched(List<PlannedCall> calls, BudgetsInForce budgets) {
        return Set.copyOf(spendByPeriod(calls, budgets).keySet());
    }

    /** spend >= threshold% of budget, exactly: spend * 100 >= threshold * budget. */
    static boolean reached(long spendNanos, long budgetNanos, int threshold) {
        return BigInteger.valueOf(spendNanos).multiply(HUNDRED)
                .compareTo(BigInteger.valueOf(budgetNanos).multiply(BigInteger.valueOf(threshold))) >= 0;
    }

    private static Long budgetOf(AlertPeriod period, BudgetsInForce budgets) {
        switch (period.scope()) {
            case AlertPeriod.PROJECT_DAILY:
                return budgets.dailyNanos();
            case AlertPeriod.PROJECT_MONTHLY:
                return budgets.monthlyNanos();
            default:
                return budgets.agentDaily(period.agentId());
        }
    }
}
