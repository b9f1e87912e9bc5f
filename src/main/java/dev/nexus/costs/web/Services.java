package dev.nexus.costs.web;

import dev.nexus.costs.alerts.AlertDispatcher;
import dev.nexus.costs.alerts.AlertStore;
import dev.nexus.costs.approvals.ApprovalService;
import dev.nexus.costs.auth.ApiKeys;
import dev.nexus.costs.auth.Authenticator;
import dev.nexus.costs.budget.BudgetChecker;
import dev.nexus.costs.db.Database;
import dev.nexus.costs.flush.Flusher;
import dev.nexus.costs.hot.SpendCounters;
import dev.nexus.costs.projects.ProjectRegistry;
import dev.nexus.costs.usage.CorrectionService;
import dev.nexus.costs.usage.EventHistory;
import dev.nexus.costs.stats.DashboardStats;
import dev.nexus.costs.traces.TraceService;
import dev.nexus.costs.usage.UsageReports;
import dev.nexus.costs.usage.UsageService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;

/** What the HTTP layer talks to. Immutable. */
public record Services(
        String nodeId,
        Database database,
        Authenticator authenticator,
        ApiKeys keys,
        ProjectRegistry projects,
        UsageService usage,
        UsageReports reports,
        BudgetChecker budgets,
        Flusher flusher,
        SpendCounters counters,
        PrometheusMeterRegistry metrics,
        AlertStore alerts,
        AlertDispatcher alertDispatcher,
        ApprovalService approvals,
        CorrectionService corrections,
        EventHistory events,
        TraceService traces,
        DashboardStats stats,
        Clock clock) {
}
