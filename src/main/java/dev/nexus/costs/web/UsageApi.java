package dev.nexus.costs.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.costs.budget.BudgetChecker;
import dev.nexus.costs.budget.BudgetStatus;
import dev.nexus.costs.json.Fields;
import dev.nexus.costs.json.Json;
import dev.nexus.costs.money.Money;
import dev.nexus.costs.projects.Agent;
import dev.nexus.costs.projects.Project;
import dev.nexus.costs.projects.ProjectRegistry;
import dev.nexus.costs.usage.UsageReports;
import dev.nexus.costs.usage.UsageService;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.LocalDate;

/** HTTP for usage ingest, budget checks, usage history and costs. */
final class UsageApi {

    private static final BigDecimal MAX_ESTIMATE_USD = BigDecimal.valueOf(1_000_000);

    private final UsageService usage;
    private final UsageReports reports;
    private final BudgetChecker budgets;
    private final ProjectRegistry projects;
    private final ProjectApi projectApi;

    UsageApi(UsageService usage, UsageReports reports, BudgetChecker budgets, ProjectRegistry projects,
             ProjectApi projectApi) {
        this.usage = usage;
        this.reports = reports;
        this.budgets = budgets;
        this.projects = projects;
        this.projectApi = projectApi;
    }

    void post(Context ctx) {
        ObjectNode body = Requests.body(ctx);
        JsonNode events = body.get("events");
        if (events != null) {
            Fields.onlyKnown(body, "events");
            UsageService.BatchResult result = usage.recordBatch(Requests.caller(ctx), events);
            ctx.json(Json.object().put("accepted", result.accepted()).put("duplicates", result.duplicates()));
            return;
        }
        UsageService.SingleResult result = usage.recordOne(Requests.caller(ctx), body);
        ObjectNode answer = Json.object();
        answer.put("id", result.id());
        answer.put("status", result.duplicate() ? "duplicate" : "accepted");
        answer.put("costUsd", Money.toUsd(result.costNanos()));
        answer.set("budget", view(result.budget()));
        ctx.json(answer);
    }

    void budget(Context ctx) {
        Project project = projectApi.visibleProject(ctx);
        String agentId = ctx.queryParam("agentId");
        Agent agent = agentId == null || agentId.isEmpty() ? null : projects.requireAgent(project.id(), agentId);
        BigDecimal estimate = Requests.decimal(ctx, "estimatedCostUsd", BigDecimal.ZERO, MAX_ESTIMATE_USD);
        long estimateNanos = estimate == null ? 0 : Money.toNanos(estimate);
        ctx.json(view(budgets.check(project, agent, estimateNanos)));
    }

    void history(Context ctx) {
        Project project = projectApi.visibleProject(ctx);
        String agentId = ctx.queryParam("agentId");
        Agent agent = agentId == null || agentId.isEmpty() ? null : projects.requireAgent(project.id(), agentId);
        LocalDate from = Requests.date(ctx, "from");
        LocalDate to = Requests.date(ctx, "to");
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        for (UsageReports.DayUsage day : reports.days(project, from, to, agent)) {
            items.addObject().put("date", day.date().toString())
                    .put("totalCost", Money.toUsd(day.tally().costNanos()))
                    .put("totalTokens", day.tally().tokens())
                    .put("totalRequests", day.tally().requests());
        }
        ctx.json(body);
    }

    void costs(Context ctx) {
        UsageReports.Costs costs = reports.costs(projectApi.visibleProject(ctx));
        ObjectNode body = Json.object();
        body.putObject("today").put("date", costs.today().toString())
                .put("totalCost", Money.toUsd(costs.todayTally().costNanos()))
                .put("totalTokens", costs.todayTally().tokens())
                .put("totalRequests", costs.todayTally().requests());
        body.putObject("month").put("month", costs.month().toString())
                .put("totalCost", Money.toUsd(costs.monthTally().costNanos()))
                .put("totalTokens", costs.monthTally().tokens())
                .put("totalRequests", costs.monthTally().requests());
        body.putObject("budget")
                .put("dailyBudgetUSD", usd(costs.dailyLimitNanos()))
                .put("monthlyBudgetUSD", usd(costs.monthlyLimitNanos()))
                .put("dailyPercent", Money.percent(costs.todayTally().costNanos(), costs.dailyLimitNanos(), 2))
                .put("monthlyPercent", Money.percent(costs.monthTally().costNanos(), costs.monthlyLimitNanos(), 2));
        ArrayNode byAgent = body.putArray("byAgent");
        for (UsageReports.AgentCosts agent : costs.byAgent()) {
            byAgent.addObject().put("agentId", agent.agent().id()).put("name", agent.agent().name())
                    .put("costToday", Money.toUsd(agent.costTodayNanos()))
                    .put("costMonth", Money.toUsd(agent.costMonthNanos()))
                    .put("budgetPerDayUsd", usd(agent.dailyLimitNanos()))
                    .put("dailyPercent", Money.percent(agent.costTodayNanos(), agent.dailyLimitNanos(), 2));
        }
        ctx.json(body);
    }

    static ObjectNode view(BudgetStatus status) {
        ObjectNode view = Json.object();
        view.put("allowed", status.allowed());
        view.put("reason", status.reason());
        BudgetStatus.ProjectSpend project = status.project();
        view.putObject("project")
                .put("day", project.day().toString())
                .put("spentToday", Money.toUsd(project.spentTodayNanos()))
                .put("dailyBudgetUSD", usd(project.dailyLimitNanos()))
                .put("month", project.month().toString())
                .put("spentMonth", Money.toUsd(project.spentMonthNanos()))
                .put("monthlyBudgetUSD", usd(project.monthlyLimitNanos()));
        BudgetStatus.AgentSpend agent = status.agent();
        if (agent == null) {
            view.putNull("agent");
        } else {
            view.putObject("agent").put("id", agent.id())
                    .put("spentToday", Money.toUsd(agent.spentTodayNanos()))
                    .put("budgetPerDayUsd", usd(agent.dailyLimitNanos()));
        }
        return view;
    }

    static BigDecimal usd(Long nanos) {
        return nanos == null ? null : Money.toUsd(nanos);
    }
}
