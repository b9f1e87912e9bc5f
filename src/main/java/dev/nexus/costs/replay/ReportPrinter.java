package dev.nexus.costs.replay;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Prints what a replay did and found, section by section, for the person who ran it. Not thread-safe; the
 * replay's thread prints.
 */
final class ReportPrinter {

    private static final int PROBLEMS_SHOWN = 10;

    private final PrintStream out;

    ReportPrinter(PrintStream out) {
        this.out = out;
    }

    void setup(ReplayOptions options, ReplayPlan plan, Instant lastRow, ProjectSetup.Prepared setup) {
        out.println("replay of the Azure LLM trace 2023 to " + options.target().url());
        for (Sample sample : Sample.ALL) {
            line("  %-11s %,d rows of %s as %s", sample.projectId(), plan.calls(sample.projectId()).size(),
                    options.dataDir().resolve(sample.file()), sample.model());
        }
        line("  prices      %s", options.prices().source());
        line("  placement   last row %s lands at %s: %s", lastRow, setup.endAt(), setup.endAtReason());
        for (ProjectSetup.ProjectState project : setup.projects()) {
            line("  %-11s %s", project.sample().projectId(), String.join("; ", project.notes()));
        }
    }

    void usage(UsagePoster.Counts counts, List<UsageCheck.Outcome> outcomes) {
        line("%nusage events: sent %,d, accepted %,d, duplicates %,d in %.2f s (%,.0f events/s)", counts.sent(),
                counts.accepted(), counts.duplicates(), counts.elapsedNanos() / 1e9, counts.perSecond());
        for (UsageCheck.Outcome outcome : outcomes) {
            line("  %s, %s to %s", outcome.projectId(), outcome.from(), outcome.to());
            line("    replay   %s", outcome.expected());
            line("    service  %s  %s", outcome.service(), outcome.matches() ? "match" : "DIFFERS");
        }
    }

    void traces(TracePoster.Counts counts, List<String> posting, List<TraceCheck.Outcome> outcomes) {
        line("%ntraces: created %,d, already complete %,d, resumed %,d; events posted %,d; completed %,d",
                counts.created(), counts.alreadyComplete(), counts.resumed(), counts.eventsPosted(),
                counts.completed());
        problems(posting);
        for (TraceCheck.Outcome outcome : outcomes) {
            line("  %-11s %,d sessions: %,d traces found, %,d with the replay's events and totals  %s",
                    outcome.projectId(), outcome.planned(), outcome.found(), outcome.matching(),
                    outcome.matches() ? "match" : "DIFFERS");
            problems(outcome.problems());
        }
    }

    void alerts(List<AlertComparison> comparisons) {
        line("%nalerts        %-16s %9s %9s %6s %6s", "scope", "threshold", "expected", "sent", "live");
        for (AlertComparison comparison : comparisons) {
            for (AlertComparison.Row row : comparison.rows()) {
                line("  %-11s %-16s %8d%% %9d %6d %6d", row.projectId(), row.scope(), row.threshold(),
                        row.expected(), row.sent(), row.live());
            }
            problems(comparison.problems());
        }
        boolean match = comparisons.stream().allMatch(AlertComparison::matches);
        line("  %s", match ? "match" : "DIFFERS");
    }

    void verdict(List<String> differing) {
        out.println();
        out.println(differing.isEmpty() ? "result: the service agrees with the replay"
                : "result: the service DIFFERS from the replay in " + String.join(", ", differing));
    }

    private void problems(List<String> problems) {
        problems.stream().limit(PROBLEMS_SHOWN).forEach(problem -> out.println("    " + problem));
        if (problems.size() > PROBLEMS_SHOWN) {
            line("    ... and %,d more", problems.size() - PROBLEMS_SHOWN);
        }
    }

    private void line(String format, Object... values) {
        out.println(String.format(Locale.ROOT, format, values));
    }
}
