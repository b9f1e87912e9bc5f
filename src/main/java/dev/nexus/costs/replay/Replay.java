package dev.nexus.costs.replay;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One replay of the Azure trace against the running service, through its HTTP API only: gets the projects and
 * agents ready, posts the planned calls window by window (each window opens the traces that start in it, posts its
 * usage events, then appends to and completes the traces), and finally reads usage totals, traces and alerts back
 * and holds them to its own computation.
 *
 * <p>Not thread-safe; run once.
 */
final class Replay {

    /** Exit code when everything read back agrees with the replay. */
    static final int MATCH = 0;
    /** Exit code when something read back differs. */
    static final int DIFFERS = 1;

    private final ReplayOptions options;
    private final ReportPrinter printer;
    private final Clock clock;

    Replay(ReplayOptions options, ReportPrinter printer, Clock clock) {
        this.options = options;
        this.printer = printer;
        this.clock = clock;
    }

    int run() throws InterruptedException {
        Map<Sample, List<TraceRow>> rows = readRows();
        Instant lastRow = ReplayPlan.lastTimestamp(rows);
        NexusClient client = new NexusClient(options.target());
        ProjectSetup.Prepared setup = new ProjectSetup(client).prepare(Sample.ALL, options.endAt(), clock.instant());
        ReplayPlan plan = ReplayPlan.build(rows, TimeShift.endingAt(lastRow, setup.endAt()), options.prices(),
                options.rowLimit());
        printer.setup(options, plan, lastRow, setup);
        if (options.traces()) {
            TracePoster.requireEndpoint(client, Sample.ALL.stream().map(Sample::projectId).toList());
        }
        return sendAndCheck(client, plan, setup);
    }

    private int sendAndCheck(NexusClient client, ReplayPlan plan, ProjectSetup.Prepared setup)
            throws InterruptedException {
        try (InFlight inFlight = new InFlight(options.concurrency());
             AlertWatch alerts = options.alerts() ? AlertWatch.open(client, alertTargets(plan, setup)) : null) {
            UsagePoster usage = new UsagePoster(client, inFlight, options.batchSize(), options.traces());
            TracePoster traces = options.traces() ? new TracePoster(client, inFlight, plan) : null;
            send(plan, usage, traces);
            List<String> differing = new ArrayList<>();
            checkUsage(client, plan, setup, usage, differing);
            if (traces != null) {
                checkTraces(client, plan, traces, differing);
            }
            if (alerts != null) {
                checkAlerts(alerts, differing);
            }
            printer.verdict(differing);
            return differing.isEmpty() ? MATCH : DIFFERS;
        }
    }

    private Map<Sample, List<TraceRow>> readRows() {
        Map<Sample, List<TraceRow>> rows = new LinkedHashMap<>();
        for (Sample sample : Sample.ALL) {
            rows.put(sample, TraceRows.read(options.dataDir().resolve(sample.file())));
        }
        return rows;
    }

    private void send(ReplayPlan plan, UsagePoster usage, TracePoster traces) throws InterruptedException {
        Pacer pacer = new Pacer(options.speed(), options.batchSize(), plan.calls());
        for (List<PlannedCall> window : pacer.windows()) {
            pacer.awaitDue(window);
            if (traces != null) {
                traces.open(window);
            }
            usage.post(window);
            if (traces != null) {
                traces.append(window);
            }
        }
    }

    private void checkUsage(NexusClient client, ReplayPlan plan, ProjectSetup.Prepared setup, UsagePoster usage,
                            List<String> differing) {
        List<UsageCheck.Outcome> outcomes = new ArrayList<>();
        for (ProjectSetup.ProjectState project : setup.projects()) {
            String projectId = project.sample().projectId();
            SortedMap<LocalDate, Totals> days = ExpectedUsage.byDay(plan.calls(projectId), project.budgets().zone());
            if (!days.isEmpty()) {
                UsageCheck.Outcome outcome = UsageCheck.check(client, projectId, days);
                outcomes.add(outcome);
                addIf(!outcome.matches(), "usage totals of " + projectId, differing);
            }
        }
        printer.usage(usage.counts(), outcomes);
    }

    private void checkTraces(NexusClient client, ReplayPlan plan, TracePoster traces, List<String> differing) {
        List<TraceCheck.Outcome> outcomes = new ArrayList<>();
        for (Sample sample : Sample.ALL) {
            String projectId = sample.projectId();
            TraceCheck.Outcome outcome = TraceCheck.check(client, projectId, plan.sessions(projectId));
            outcomes.add(outcome);
            addIf(!outcome.matches(), "traces of " + projectId, differing);
        }
        addIf(!traces.problems().isEmpty(), "traces left alone", differing);
        printer.traces(traces.counts(), traces.problems(), outcomes);
    }

    private void checkAlerts(AlertWatch alerts, List<String> differing) throws InterruptedException {
        List<AlertComparison> comparisons = alerts.finish();
        addIf(!comparisons.stream().allMatch(AlertComparison::matches), "alerts", differing);
        printer.alerts(comparisons);
    }

    private static List<AlertWatch.Target> alertTargets(ReplayPlan plan, ProjectSetup.Prepared setup) {
        List<AlertWatch.Target> targets = new ArrayList<>();
        for (ProjectSetup.ProjectState project : setup.projects()) {
            String projectId = project.sample().projectId();
            List<PlannedCall> calls = plan.calls(projectId);
            SortedMap<LocalDate, Totals> days = ExpectedUsage.byDay(calls, project.budgets().zone());
            if (!days.isEmpty()) {
                targets.add(new AlertWatch.Target(projectId, days.firstKey(), days.lastKey(),
                        ExpectedAlerts.of(calls, project.budgets()), ExpectedAlerts.touched(calls, project.budgets())));
            }
        }
        return targets;
    }

    private static void addIf(boolean condition, String what, List<String> differing) {
        if (condition) {
            differing.add(what);
        }
    }
}
