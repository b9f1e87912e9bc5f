package dev.nexus.costs.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.costs.support.Api;
import dev.nexus.costs.support.TestNexus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ReplayEndToEndTest {

    private static final Instant END = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    private static final int ROWS = 300;

    private TestNexus nexus;
    private Api api;

    /** What one run of the command printed and answered. */
    private record Run(int exitCode, String out, String err) {
    }

    @BeforeEach
    void setUp() {
        nexus = TestNexus.create();
        api = nexus.api();
    }

    @AfterEach
    void tearDown() {
        nexus.close();
    }

    @Test
    void aReplayOfTheFirstRowsAgreesWithTheServicesTotals() {
        Run run = replay();

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("sent 600, accepted 600, duplicates 0"), run.out());
        assertEquals(ROWS, requests("azure-conv"));
        assertEquals(ROWS, requests("azure-code"));
    }

    @Test
    void aSecondReplayCountsEveryEventAsADuplicate() {
        replay();

        Run second = replay();

        assertEquals(0, second.exitCode(), second.out() + second.err());
        assertTrue(second.out().contains("sent 600, accepted 0, duplicates 600"), second.out());
        assertEquals(ROWS, requests("azure-conv"));
    }

    @Test
    void aSecondReplayWithoutEndAtEndsWhereTheFirstPlacedTheTrace() {
        replay();

        Run second = run("--no-alerts", "--no-traces", "--limit", Integer.toString(ROWS));

        assertEquals(0, second.exitCode(), second.out() + second.err());
        assertTrue(second.out().contains("sent 600, accepted 0, duplicates 600"), second.out());
    }

    @Test
    void anEndAtOtherThanTheEarlierPlacementIsRefusedBeforeAnythingIsPosted() {
        replay();

        Run other = run("--no-alerts", "--no-traces", "--limit", Integer.toString(ROWS), "--end-at",
                END.minus(1, ChronoUnit.HOURS).toString());

        assertEquals(ReplayCommand.CANNOT_RUN, other.exitCode());
        assertTrue(other.err().contains("already holds the trace ending at " + END), other.err());
        assertEquals(ROWS, requests("azure-conv"));
    }

    @Test
    void aServiceThatCannotBeReachedIsReportedAndTheReplayCannotRun() {
        Run run = execute(Map.of("NEXUS_URL", "http://localhost:1", "NEXUS_ADMIN_TOKEN", "any"), "--no-alerts",
                "--no-traces");

        assertEquals(ReplayCommand.CANNOT_RUN, run.exitCode());
        assertTrue(run.err().contains("cannot reach the service at http://localhost:1"), run.err());
    }

    @Test
    void aFullReplayWithTracesAndAlertsAgreesAndASecondOneAddsNothing() {
        Run first = run("--limit", Integer.toString(ROWS), "--end-at", END.toString());
        assumeFalse(first.err().contains("the service has no "), first.err());

        Run second = run("--limit", Integer.toString(ROWS), "--end-at", END.toString());

        assertEquals(0, first.exitCode(), first.out() + first.err());
        assertEquals(0, second.exitCode(), second.out() + second.err());
        assertTrue(second.out().contains("accepted 0, duplicates 600"), second.out());
        assertTrue(second.out().contains("traces: created 0,"), second.out());
        assertTrue(second.out().contains("events posted 0;"), second.out());
    }

    private Run replay() {
        return run("--no-alerts", "--no-traces", "--limit", Integer.toString(ROWS), "--end-at", END.toString(),
                "--batch-size", "100", "--concurrency", "3");
    }

    private long requests(String projectId) {
        LocalDate day = LocalDate.ofInstant(END, ZoneOffset.UTC);
        JsonNode items = api.get("/api/v1/projects/" + projectId + "/usage?from=" + day.minusDays(1) + "&to=" + day)
                .body().path("items");
        long requests = 0;
        for (JsonNode item : items) {
            requests += item.path("totalRequests").asLong();
        }
        return requests;
    }

    private Run run(String... args) {
        return execute(Map.of("NEXUS_URL", api.origin(), "NEXUS_ADMIN_TOKEN", TestNexus.ADMIN), args);
    }

    private static Run execute(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] withData = new String[args.length + 2];
        withData[0] = "--data";
        withData[1] = TraceData.dir().toString();
        System.arraycopy(args, 0, withData, 2, args.length);
        ReplayCommand command = new ReplayCommand(env, print(out), print(err), Clock.systemUTC());
        int exitCode = new CommandLine(command).execute(withData);
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
