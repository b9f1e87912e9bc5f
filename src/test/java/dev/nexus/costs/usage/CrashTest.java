package dev.nexus.costs.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.costs.support.Api;
import dev.nexus.costs.support.Poll;
import dev.nexus.costs.support.ServiceProcess;
import dev.nexus.costs.support.TestDatabase;
import dev.nexus.costs.support.TestNexus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kills the service with SIGKILL (a real child process) and starts it again on the same data directory: every
 * acknowledged event is counted exactly once, everywhere. Unacknowledged events may or may not have been counted;
 * re-posting all of them afterwards makes every total the sum of all.
 */
class CrashTest {

    private static final int POSTERS = 4;
    private static final int ROUNDS = 2;
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(30);

    private final Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
    private TestDatabase database;
    private Path dataDir;
    private ServiceProcess service;

    /** One event as sent, with what it adds to the totals. */
    private record Sent(String id, String agentId, long costNanos, long tokens, String json) {
    }

    @BeforeEach
    void prepare() throws IOException {
        database = TestDatabase.create();
        dataDir = Files.createTempDirectory("nexus-crash-");
        service = new ServiceProcess(database, dataDir, "crash-" + dataDir.getFileName());
    }

    @AfterEach
    void stopService() {
        service.close();
        database.close();
        TestNexus.deleteTree(dataDir);
    }

    @Test
    void acknowledgedEventsNotYetFlushedSurviveAKill() {
        start("3600000");
        List<Sent> events = events("k", 0, 30);
        for (Sent event : events) {
            assertEquals(200, service.post("/api/v1/usage", event.json()).status());
        }

        service.kill();
        assertEquals(0, database.queryLong("SELECT count(*) FROM usage_events"), "nothing was flushed");
        service.set("NEXUS_FLUSH_INTERVAL_MS", "50").start();

        assertEquals(0, repost(events).path("accepted").asInt(), "every acknowledged event was counted");
        assertTotals(events);
        assertFlushedTotals(events);
    }

    @Test
    void underLoadEveryAcknowledgedEventIsCountedExactlyOnceAfterAKill() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<Sent> all = new ArrayList<>();
        start("50");

        for (int round = 0; round < ROUNDS; round++) {
            Load load = new Load("r" + round);
            load.start();
            long killAfter = 200 + random.nextInt(2_000);
            Poll.until(Duration.ofSeconds(60), killAfter + " acknowledged events", () -> load.acked() >= killAfter);
            service.kill();
            load.join();
            service.start();

            String context = "seed " + seed + ", round " + round + ", killed after " + load.acked() + " acks";
            all.addAll(load.sent);
            assertAcknowledgedCountedOnce(load, all, context);
            repost(load.sent);
            assertTotals(all);
        }
        assertFlushedTotals(all);
    }

    /** Starts the service with the given flush interval, and makes project p1 with agents a1 and a2. */
    private void start(String flushIntervalMs) {
        service.set("NEXUS_FLUSH_INTERVAL_MS", flushIntervalMs).start();
        service.post("/api/v1/projects", "{\"id\": \"p1\"}");
        service.post("/api/v1/projects/p1/agents", "{\"id\": \"a1\"}");
        service.post("/api/v1/projects/p1/agents", "{\"id\": \"a2\"}");
    }

    /** Every acknowledged event answers duplicate, and the totals lie between the acknowledged and the sent. */
    private void assertAcknowledgedCountedOnce(Load load, List<Sent> allSent, String context) {
        List<Sent> acked = new ArrayList<>(load.acked);
        List<Sent> before = new ArrayList<>(allSent.subList(0, allSent.size() - load.sent.size()));
        List<Sent> lowest = new ArrayList<>(before);
        lowest.addAll(acked);
        JsonNode totals = dayTotals("");

        assertTrue(costNanos(totals) >= sumCost(lowest), context + ": an acknowledged event is missing");
        assertTrue(costNanos(totals) <= sumCost(allSent), context + ": an event was counted twice");
        assertTrue(totals.path("totalRequests").asLong() >= lowest.size(), context);
        assertTrue(totals.path("totalRequests").asLong() <= allSent.size(), context);
        assertEquals(0, repost(acked).path("accepted").asInt(), context + ": an acknowledged event was lost");
    }

    /** Totals of the day for the project and for each agent equal the sums of {@code events}. */
    private void assertTotals(List<Sent> events) {
        assertDayTotals(dayTotals(""), events);
        for (String agent : List.of("a1", "a2")) {
            assertDayTotals(dayTotals("&agentId=" + agent),
                    events.stream().filter(e -> agent.equals(e.agentId())).toList());
        }
    }

    private void assertFlushedTotals(List<Sent> events) {
        Poll.until(FLUSH_WAIT, "the flush to catch up",
                () -> service.get("/health").body().path("unflushedRecords").asLong() == 0);

        assertEquals(events.size(), database.queryLong("SELECT count(*) FROM usage_events"));
        assertEquals(events.size(), database.queryLong("SELECT sum(requests) FROM project_days"));
        assertEquals(sumCost(events), database.queryLong("SELECT sum(cost_nanos) FROM project_days"));
        assertEquals(sumCost(events.stream().filter(e -> e.agentId() != null).toList()),
                database.queryLong("SELECT sum(cost_nanos) FROM agent_days"));
    }

    private static void assertDayTotals(JsonNode totals, List<Sent> events) {
        assertEquals(sumCost(events), costNanos(totals), totals::toString);
        assertEquals(events.size(), totals.path("totalRequests").asLong(), totals::toString);
        assertEquals(events.stream().mapToLong(Sent::tokens).sum(), totals.path("totalTokens").asLong());
    }

    private JsonNode dayTotals(String agentFilter) {
        JsonNode usage = service.get("/api/v1/projects/p1/usage?from=" + day + "&to=" + day + agentFilter).body();
        return usage.at("/items/0");
    }

    /** Posts the events again in batches of at most 1,000; answers the summed counts. */
    private JsonNode repost(List<Sent> events) {
        long accepted = 0;
        long duplicates = 0;
        for (int from = 0; from < events.size(); from += 1_000) {
            List<Sent> slice = events.subList(from, Math.min(events.size(), from + 1_000));
            Api.Reply reply = service.post("/api/v1/usage", batch(slice));
            assertEquals(200, reply.status(), () -> reply.body().toString());
            accepted += reply.body().path("accepted").asLong();
            duplicates += reply.body().path("duplicates").asLong();
        }
        return dev.nexus.costs.json.Json.object().put("accepted", accepted).put("duplicates", duplicates);
    }

    private List<Sent> events(String prefix, int from, int count) {
        List<Sent> events = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            String agentId = i % 3 == 0 ? null : "a" + (i % 3);
            long costNanos = 1_000_000_007L + 7_919L * i;
            long tokens = 10 + i % 97;
            String json = "{\"id\": \"" + prefix + "-" + i + "\", \"projectId\": \"p1\", "
                    + (agentId == null ? "" : "\"agentId\": \"" + agentId + "\", ")
                    + "\"costUsd\": " + java.math.BigDecimal.valueOf(costNanos, 9).toPlainString()
                    + ", \"inputTokens\": " + tokens + ", \"timestamp\": \"" + at + "\"}";
            events.add(new Sent(prefix + "-" + i, agentId, costNanos, tokens, json));
        }
        return events;
    }

    private static String batch(List<Sent> events) {
        return events.stream().map(Sent::json).collect(Collectors.joining(", ", "{\"events\": [", "]}"));
    }

    private static long sumCost(List<Sent> events) {
        return events.stream().mapToLong(Sent::costNanos).sum();
    }

    private static long costNanos(JsonNode totals) {
        return totals.path("totalCost").decimalValue().movePointRight(9).longValueExact();
    }

    /**
     * Posters that send batches of 1 to 25 new events until the service goes away (or 400 batches each),
     * noting what they sent and what was acknowledged with a 200.
     */
    private final class Load {

        private final List<Sent> sent = new ArrayList<>();
        private final ConcurrentLinkedQueue<Sent> acked = new ConcurrentLinkedQueue<>();
        private final AtomicLong ackedCount = new AtomicLong();
        private final List<Thread> posters = new ArrayList<>();
        private final List<List<Sent>> sentByPoster = new ArrayList<>();

        Load(String round) {
            for (int p = 0; p < POSTERS; p++) {
                List<Sent> mine = new ArrayList<>();
                sentByPoster.add(mine);
                String prefix = round + "-p" + p;
                Random sizes = new Random(p);
                posters.add(new Thread(() -> post(prefix, sizes, mine), "poster-" + prefix));
            }
        }

        void start() {
            posters.forEach(Thread::start);
        }

        long acked() {
            return ackedCount.get();
        }

        void join() throws InterruptedException {
            for (Thread poster : posters) {
                poster.join(Duration.ofSeconds(60).toMillis());
            }
            sentByPoster.forEach(sent::addAll);
        }

        private void post(String prefix, Random sizes, List<Sent> mine) {
            int next = 0;
            for (int batch = 0; batch < 400; batch++) {
                List<Sent> events = events(prefix, next, 1 + sizes.nextInt(25));
                next += events.size();
                mine.addAll(events);
                try {
                    if (service.post("/api/v1/usage", batch(events)).status() == 200) {
                        acked.addAll(events);
                        ackedCount.addAndGet(events.size());
                    }
                } catch (UncheckedIOException | IllegalStateException e) {
                    return;
                }
            }
        }
    }
}
