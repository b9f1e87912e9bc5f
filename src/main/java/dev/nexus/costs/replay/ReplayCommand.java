package dev.nexus.costs.replay;

import dev.nexus.costs.error.NexusException;
import dev.nexus.costs.pricing.PriceMap;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code nexus-costs replay}: replays the Azure LLM trace 2023 against the running service, as an AI gateway
 * would, and checks what the service reports against its own computation. Not thread-safe; picocli makes one per
 * run.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Replays the Azure LLM trace 2023 against the running service, as an AI gateway would, and checks "
                + "the totals, traces and alerts it reports.",
            "",
            "Posts every row of the Azure LLM trace 2023 to the running service as a usage event: "
                + "AzureLLMInferenceTrace_conv.csv to project azure-conv as gpt-4o, _code.csv to azure-code as "
                + "claude-sonnet-4-20250514, row r by agent-<r mod 4> with event id conv-<r> or code-<r>, "
                + "the trace shifted so that its last row lands when the replay starts.",
            "Each agent's rows form sessions of 25 with a trace each; the replay listens for budget alerts. "
                + "Then it reads totals, traces and alerts back and compares them with its own computation. "
                + "Projects, agents and traces are created when missing; a second replay counts nothing twice."},
        footer = {"", "Environment: NEXUS_URL (default http://localhost:7070), NEXUS_ADMIN_TOKEN (default: the token "
                + "kept in $NEXUS_DATA_DIR/admin-token, NEXUS_DATA_DIR default ./data), NEXUS_PRICES_FILE.",
            "Exit codes: 0 the service agrees, 1 it differs, 2 the replay could not run."})
public final class ReplayCommand implements Callable<Integer> {

    /** Exit code when the replay could not run: bad input, no data, a service unreachable or refusing. */
    static final int CANNOT_RUN = 2;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "../shared/data/azure-llm-2023",
            description = "Directory of the two trace files (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(names = "--prices", paramLabel = "FILE",
            description = "LiteLLM price map for the replay's own costs (default: NEXUS_PRICES_FILE, else the "
                    + "shipped one).")
    private Path pricesFile;

    @Option(names = "--end-at", paramLabel = "INSTANT",
            description = "Place the trace's last row at this past instant (such as 2026-12-02T23:00:00Z) "
                    + "instead of now.")
    private Instant endAt;

    @Option(names = "--speed", paramLabel = "FACTOR", defaultValue = "0",
            description = "Send in time, this many times faster than the trace happened; 0 (default) sends as "
                    + "fast as the service takes them.")
    private double speed;

    @Option(names = "--batch-size", paramLabel = "EVENTS", defaultValue = "2000",
            description = "Usage events per POST, 1 to 10000 (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--concurrency", paramLabel = "REQUESTS", defaultValue = "4",
            description = "Requests in flight at once, 1 to 64 (default: ${DEFAULT-VALUE}).")
    private int concurrency;

    @Option(names = "--limit", paramLabel = "ROWS",
            description = "Replay only the first ROWS rows of each file.")
    private Integer limit;

    @Option(names = "--no-alerts", description = "Do not listen for or check budget alerts.")
    private boolean noAlerts;

    @Option(names = "--no-traces", description = "Do not open, fill or check a trace per session.")
    private boolean noTraces;

    @Spec
    private CommandSpec spec;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    /** The command as the JAR runs it: the process's environment, standard output and the system clock. */
    public ReplayCommand() {
        this(System.getenv(), System.out, System.err, Clock.systemUTC());
    }

    ReplayCommand(Map<String, String> env, PrintStream out, PrintStream err, Clock clock) {
        this.env = Map.copyOf(env);
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        checkFlags();
        try {
            return new Replay(options(), new ReportPrinter(out), clock).run();
        } catch (ReplayException | NexusException | IllegalArgumentException e) {
            err.println("replay: " + e.getMessage());
            return CANNOT_RUN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("replay: interrupted");
            return CANNOT_RUN;
        }
    }

    private void checkFlags() {
        require(batchSize >= 1 && batchSize <= 10_000, "--batch-size must be from 1 to 10000, not " + batchSize);
        require(concurrency >= 1 && concurrency <= 64, "--concurrency must be from 1 to 64, not " + concurrency);
        require(speed >= 0 && Double.isFinite(speed), "--speed must be 0 or more, not " + speed);
        require(limit == null || limit >= 1, "--limit must be 1 or more, not " + limit);
        require(endAt == null || !endAt.isAfter(clock.instant()), "--end-at must not be in the future: " + endAt);
    }

    private ReplayOptions options() {
        if (!Files.isDirectory(dataDir)) {
            throw new ReplayException("no trace data directory " + dataDir.toAbsolutePath().normalize()
                    + "; point --data at shared/data/azure-llm-2023");
        }
        return new ReplayOptions(ServiceTarget.fromEnvironment(env), dataDir, prices(), batchSize, concurrency,
                speed, Optional.ofNullable(endAt), limit == null ? Integer.MAX_VALUE : limit, !noAlerts, !noTraces);
    }

    private PriceMap prices() {
        Optional<Path> file = Optional.ofNullable(pricesFile).or(() -> Optional.ofNullable(
                env.get("NEXUS_PRICES_FILE")).map(String::strip).filter(name -> !name.isEmpty()).map(Path::of));
        return file.map(PriceMap::fromFile).orElseGet(PriceMap::shipped);
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
