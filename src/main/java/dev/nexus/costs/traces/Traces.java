package dev.nexus.costs.traces;

import dev.nexus.costs.config.Settings;
import dev.nexus.costs.db.Database;
import dev.nexus.costs.projects.ProjectRegistry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The traces feature assembled: its index for ingest, its pending totals for the ledger and the flush, its
 * service for HTTP, its writer thread, and the housekeeping that closes idle traces and trims the index.
 *
 * <p>Thread-safe. Close it after HTTP stops and before the database closes.
 */
public final class Traces implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Traces.class);
    private static final Duration TRIM_INTERVAL = Duration.ofHours(1);

    private final TraceIndex index = new TraceIndex();
    private final TraceTotals totals = new TraceTotals();
    private final TraceRows rows;
    private final TraceWriter writer;
    private final TraceService service;
    private final IdleTraceReaper reaper;
    private final Clock clock;
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "nexus-trace-reaper");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Instant lastTrim = Instant.MIN;

    private Traces(Database database, Settings settings, ProjectRegistry projects, Clock clock) {
        this.clock = clock;
        index.load(database, clock.instant().minus(TraceIndex.RETENTION));
        rows = new TraceRows(database, totals, settings.nodeId());
        writer = new TraceWriter(database, settings.maxTraceEvents());
        service = new TraceService(projects, rows, index, writer, new TraceEventReader(database),
                settings.maxTraceEventBytes(), settings.maxTraceEvents(), clock);
        reaper = new IdleTraceReaper(database, writer, totals, settings.traceIdleTimeout(), clock);
        log.info("Traces: {} that usage may name loaded; idle timeout {} s", index.size(),
                settings.traceIdleTimeout().toSeconds());
    }

    /** Loads the index and starts the writer; {@link #start} starts the housekeeping. */
    public static Traces open(Database database, Settings settings, ProjectRegistry projects, Clock clock) {
        return new Traces(database, settings, projects, clock);
    }

    public void start() {
        long intervalMs = reaper.intervalMs();
        housekeeping.scheduleWithFixedDelay(this::houseKeep, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    /** Answers ingest whether a usage event's trace exists, from memory. */
    public TraceIndex lookup() {
        return index;
    }

    /** Listens to the ledger and takes part in the flush. */
    public TraceTotals totals() {
        return totals;
    }

    public TraceService service() {
        return service;
    }

    public IdleTraceReaper reaper() {
        return reaper;
    }

    /** Publishes how the writer keeps up and how large the index is. */
    public void bindMetrics(MeterRegistry metrics) {
        FunctionCounter.builder("nexus.trace.write.batches", writer, TraceWriter::batches)
                .description("Transactions of trace changes committed").register(metrics);
        FunctionCounter.builder("nexus.trace.write.changes", writer, TraceWriter::changes)
                .description("Trace changes (appends, completions, idle closes) written").register(metrics);
        Gauge.builder("nexus.trace.write.queue", writer, TraceWriter::queued)
                .description("Trace changes waiting for the writer").register(metrics);
        Gauge.builder("nexus.trace.index.entries", index, TraceIndex::size)
                .description("Traces that usage may name, held in memory").register(metrics);
    }

    @Override
    public void close() {
        housekeeping.shutdown();
        try {
            housekeeping.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.close();
    }

    private void houseKeep() {
        try {
            reaper.closeIdle();
            Instant now = clock.instant();
            if (lastTrim.isBefore(now.minus(TRIM_INTERVAL))) {
                Instant cutoff = now.minus(TraceIndex.RETENTION);
                index.trim(cutoff, rows.runningCreatedBefore(cutoff));
                lastTrim = now;
            }
        } catch (RuntimeException e) {
            log.warn("Trace housekeeping failed; it is tried again in {} ms", reaper.intervalMs(), e);
        }
    }
}
