package dev.nexus.costs.web;

import dev.nexus.costs.json.Json;
import dev.nexus.costs.money.Money;
import dev.nexus.costs.stats.DashboardStats;
import io.javalin.http.Context;

/** HTTP for the dashboard's service-wide stats; the admin's only, as they span every project. */
final class StatsApi {

    private final DashboardStats stats;

    StatsApi(DashboardStats stats) {
        this.stats = stats;
    }

    void get(Context ctx) {
        Requests.caller(ctx).requireAdmin();
        DashboardStats.Snapshot snapshot = stats.snapshot();
        ctx.json(Json.object()
                .put("totalProjects", snapshot.totalProjects())
                .put("activeProjects", snapshot.activeProjects())
                .put("totalAgents", snapshot.totalAgents())
                .put("activeAgents", snapshot.activeAgents())
                .put("activeSessions", snapshot.activeSessions())
                .put("costToday", Money.toUsd(snapshot.costTodayNanos()))
                .put("costMonth", Money.toUsd(snapshot.costMonthNanos()))
                .put("pendingApprovals", snapshot.pendingApprovals()));
    }
}
