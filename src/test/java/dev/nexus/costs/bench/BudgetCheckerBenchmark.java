package dev.nexus.costs.bench;

import dev.nexus.costs.budget.BudgetChecker;
import dev.nexus.costs.budget.BudgetStatus;
import dev.nexus.costs.budget.Grants;
import dev.nexus.costs.hot.CounterKey;
import dev.nexus.costs.hot.SpendCounters;
import dev.nexus.costs.hot.Tally;
import dev.nexus.costs.json.Json;
import dev.nexus.costs.projects.Agent;
import dev.nexus.costs.projects.Budgets;
import dev.nexus.costs.projects.Project;
import dev.nexus.costs.usage.PeerSpend;
import dev.nexus.costs.usage.Spend;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** A budget check of a project with daily and monthly budgets and of its agent with a daily one. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BudgetCheckerBenchmark {

    private Path dir;
    private SpendCounters counters;
    private BudgetChecker checker;
    private Project project;
    private Agent agent;

    @Setup
    public void open() {
        dir = TempDir.create("budget");
        counters = SpendCounters.open(dir.resolve("spend-counters.cm"), 200_000, false);
        Tally spent = new Tally(8_500_000_000L, 120_000, 41);
        counters.add(CounterKey.projectDay(1, Records.DAY), spent, 1);
        counters.add(CounterKey.projectMonth(1, YearMonth.from(Records.DAY)), spent, 1);
        counters.add(CounterKey.agentDay(1, Records.DAY), spent, 1);
        Clock clock = Clock.fixed(Records.NOW, ZoneOffset.UTC);
        checker = new BudgetChecker(new Spend(counters, PeerSpend.NONE), Grants.NONE, clock);
        Budgets budgets = new Budgets(10_000_000_000L, 200_000_000_000L, Budgets.DEFAULT_THRESHOLDS,
                Optional.empty());
        project = new Project("support-bot", 1, "Support bot", "active", ZoneId.of("UTC"), Json.object(), budgets,
                Records.NOW);
        agent = new Agent("support-bot", "triage", 1, "Triage", "active", Json.object(), 20_000_000_000L,
                Records.NOW);
    }

    @TearDown
    public void close() {
        counters.close();
        TempDir.delete(dir);
    }

    @Benchmark
    public BudgetStatus check() {
        return checker.check(project, agent, 10_000_000);
    }
}
