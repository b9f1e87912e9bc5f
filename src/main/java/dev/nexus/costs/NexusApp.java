package dev.nexus.costs;

import dev.nexus.costs.alerts.AlertDispatcher;
import dev.nexus.costs.alerts.AlertEvaluator;
import dev.nexus.costs.alerts.AlertStore;
import dev.nexus.costs.alerts.PeerAlerts;
import dev.nexus.costs.alerts.WebhookSender;
import dev.nexus.costs.approvals.ApprovalService;
import dev.nexus.costs.auth.ApiKeys;
import dev.nexus.costs.auth.AdminToken;
import dev.nexus.costs.auth.Authenticator;
import dev.nexus.costs.budget.BudgetChecker;
import dev.nexus.costs.config.Settings;
import dev.nexus.costs.db.ChangeFeed;
import dev.nexus.costs.db.Database;
import dev.nexus.costs.db.PeerNotices;
import dev.nexus.costs.flush.Flusher;
import dev.nexus.costs.flush.NodeLease;
import dev.nexus.costs.flush.PeerTotals;
import dev.nexus.costs.flush.Rebuild;
import dev.nexus.costs.hot.DataDir;
import dev.nexus.costs.hot.EventIds;
import dev.nexus.costs.hot.Journal;
import dev.nexus.costs.hot.SpendCounters;
import dev.nexus.costs.pricing.PriceMap;
import dev.nexus.costs.projects.ProjectRegistry;
import dev.nexus.costs.usage.CorrectionService;
import dev.nexus.costs.usage.EventHistory;
import dev.nexus.costs.stats.DashboardStats;
import dev.nexus.costs.traces.Traces;
import dev.nexus.costs.usage.Ledger;
import dev.nexus.costs.usage.Spend;
import dev.nexus.costs.usage.UsageReports;
import dev.nexus.costs.usage.UsageService;
import dev.nexus.costs.web.Routes;
import dev.nexus.costs.web.Services;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole service in one process: the hot state under the data directory, PostgreSQL behind it, the flusher
 * between them, and the HTTP API in front. {@link #open} builds it without listening, so tests can hand the
 * {@link Javalin} to their own runner; {@link #close} stops it in the reverse order.
 *
 * <p>Not thread-safe: open and close it from one thread.
 */
public final class NexusApp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NexusApp.class);
    static final Duration EVENT_ID_RETENTION = Duration.ofDays(35);
    private static final long JOURNAL_SEGMENT_BYTES = 16L * 1024 * 1024;
    private static final int WEBHOOK_ATTEMPTS = 6;
    private static final Duration WEBHOOK_FIRST_RETRY = Duration.ofSeconds(1);
    private static final String IDS_REBUILDING = "hot/event-ids.rebuilding";

    private final Settings settings;
    private final Deque<AutoCloseable> closers = new ArrayDeque<>();
    private final Javalin javalin;
    private final Services services;
    private final DataDir dataDir;
    private final String adminTokenSource;
    private final Traces traces;

    private NexusApp(Settings settings, Clock clock) {
        this.settings = settings;
        try {
            PriceMap prices = settings.pricesFile().map(PriceMap::fromFile).orElseGet(PriceMap::shipped);
            dataDir = DataDir.open(settings.dataDir());
            closers.push(dataDir);
            Database database = Database.open(settings);
            closers.push(database);
            closers.push(NodeLease.take(database, settings.nodeId()));
            AdminToken adminToken = AdminToken.resolve(settings.adminToken(), dataDir.resolve("admin-token"));
            adminTokenSource = adminToken.source();

            ChangeFeed changes = new ChangeFeed(database, settings.nodeId());
            ProjectRegistry projects = new ProjectRegistry(database, changes, clock);
            projects.load();
            ApiKeys keys = new ApiKeys(database, changes, clock);
            keys.load();

            Journal journal = Journal.open(dataDir.resolve("hot/journal"), JOURNAL_SEGMENT_BYTES, 0);
            closers.push(journal);
            Flusher flusher = new Flusher(database, journal, settings.nodeId(), clock);
            long flushedSeq = flusher.loadFlushedSeq();
            if (journal.lastSeq() < flushedSeq) {
                journal.close();
                closers.pop();
                journal = Journal.open(dataDir.resolve("hot/journal"), JOURNAL_SEGMENT_BYTES, flushedSeq);
                closers.push(journal);
                flusher = new Flusher(database, journal, settings.nodeId(), clock);
                flusher.loadFlushedSeq();
            }
            SpendCounters counters = SpendCounters.open(dataDir.resolve("hot/spend-counters.cm"),
                    settings.counterEntries(), dataDir.needsRecovery());
            closers.push(counters);
            EventIds ids = EventIds.open(dataDir.resolve("hot/event-ids"), settings.eventIdsPerFile(),
                    EVENT_ID_RETENTION, dataDir.needsRecovery(), clock.instant());
            closers.push(ids);
            if (counters.isFresh()) {
                Rebuild.counters(database, settings.nodeId(), counters, flushedSeq);
            }
            Path idsRebuilding = dataDir.resolve(IDS_REBUILDING);
            if (ids.isEmpty() || Files.exists(idsRebuilding)) {
                rebuildEventIds(database, ids, idsRebuilding, clock);
            }

            PeerTotals peers = new PeerTotals(database, settings.nodeId(), clock);
            loadPeerTotals(peers);
            Spend spend = new Spend(counters, peers);
            ApprovalService approvals = new ApprovalService(database, changes, projects, clock);
            approvals.load();
            BudgetChecker budgets = new BudgetChecker(spend, approvals.grants(), clock);

            AlertStore alertStore = new AlertStore(database, settings.nodeId());
            AlertDispatcher alertDispatcher = new AlertDispatcher(alertStore);
            AlertEvaluator alertEvaluator = new AlertEvaluator(projects, spend, budgets, alertDispatcher, clock);
            alertEvaluator.arm(alertStore);
            WebhookSender webhooks = new WebhookSender(projects, WEBHOOK_ATTEMPTS, WEBHOOK_FIRST_RETRY);
            closers.push(webhooks);
            alertDispatcher.addSink(webhooks);
            projects.addListener(alertEvaluator);
            approvals.onGrant(alertEvaluator::evaluateNow);

            Ledger ledger = new Ledger(journal, counters, ids, clock);
            // Traces listen before the replay, so that unflushed usage naming a trace reaches its totals.
            traces = Traces.open(database, settings, projects, clock);
            closers.push(traces);
            ledger.addListener(traces.totals());
            flusher.addStep(traces.totals());
            ledger.addListener(alertEvaluator);
            ledger.replay(flushedSeq);
            UsageService usage = new UsageService(projects, prices, traces.lookup(), ledger, budgets, clock);
            UsageReports reports = new UsageReports(projects, spend, budgets, clock);
            EventHistory events = new EventHistory(database);

            flusher.afterEachRun(peers::refresh);
            flusher.start(settings.flushIntervalMs());
            closers.push(flusher);
            traces.start();
            projects.projects().forEach(alertEvaluator::evaluateNow);
            alertDispatcher.start();
            closers.push(alertDispatcher);
            closers.push(new Housekeeper(ledger, alertEvaluator));
            PeerNotices notices = new PeerNotices(database, Map.of(
                    PeerAlerts.CHANNEL, new PeerAlerts(settings.nodeId(), alertDispatcher),
                    ChangeFeed.CHANNEL, from -> {
                        if (changes.fromPeer(from)) {
                            projects.load();
                            keys.load();
                            approvals.load();
                        }
                    }));
            notices.start();
            closers.push(notices);
            CorrectionService corrections = new CorrectionService(projects, ledger, flusher, events, clock);
            DashboardStats stats = new DashboardStats(projects, spend, traces.service()::activeSessions,
                    approvals::pendingCount, clock);

            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            Metrics.bind(metrics, ledger, flusher, counters, alertDispatcher, webhooks);
            traces.bindMetrics(metrics);
            services = new Services(settings.nodeId(), database, new Authenticator(adminToken.value(), keys), keys,
                    projects, usage, reports, budgets, flusher, counters, metrics, alertStore, alertDispatcher,
                    approvals, corrections, events, traces.service(), stats, clock);
            javalin = Routes.create(services);
            log.info("Prices: {} models from {}", prices.size(), prices.source());
            log.info("Database: {}", database.description());
        } catch (RuntimeException e) {
            closeAll(false);
            throw e;
        }
    }

    /**
     * Refills the event ids from PostgreSQL. A mark on disk says the rebuild is under way, so that a start that
     * dies or fails halfway rebuilds them again instead of taking the half-filled ids for complete.
     */
    private static void rebuildEventIds(Database database, EventIds ids, Path mark, Clock clock) {
        try {
            Files.writeString(mark, "rebuilding the event ids from the database\n");
            Rebuild.eventIds(database, ids, EVENT_ID_RETENTION, clock.instant());
            Files.delete(mark);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark the rebuild of the event ids in " + mark, e);
        }
    }

    /** Reads what the other nodes flushed before the first request, not only after the first flush run. */
    private static void loadPeerTotals(PeerTotals peers) {
        try {
            peers.refresh();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the totals the other nodes flushed", e);
        }
    }

    /** Builds the service on the settings' data directory and database, without listening yet. */
    public static NexusApp open(Settings settings) {
        return open(settings, Clock.systemUTC());
    }

    public static NexusApp open(Settings settings, Clock clock) {
        return new NexusApp(settings, clock);
    }

    /** Starts listening on the configured port. */
    public NexusApp start() {
        javalin.start(settings.port());
        if (settings.socketSendBufferBytes() > 0) {
            for (Connector connector : javalin.jettyServer().server().getConnectors()) {
                if (connector instanceof ServerConnector server) {
                    server.setAcceptedSendBufferSize(settings.socketSendBufferBytes());
                }
            }
        }
        log.info("Listening on http://localhost:{} (all interfaces; node {}, data in {})", javalin.port(),
                settings.nodeId(), settings.dataDir());
        log.info("Admin token: {}", adminTokenSource);
        return this;
    }

    public Javalin javalin() {
        return javalin;
    }

    public Services services() {
        return services;
    }

    public Traces traces() {
        return traces;
    }

    @Override
    public void close() {
        javalin.stop();
        closeAll(true);
    }

    /**
     * Closes what was opened, in reverse order. Only a service that opened completely marks its hot files as
     * closed cleanly: after a failed start they may be half rebuilt, and the next start must rebuild them again.
     */
    private void closeAll(boolean markClean) {
        while (!closers.isEmpty()) {
            AutoCloseable closer = closers.pop();
            if (closer == dataDir && markClean) {
                dataDir.markClosedCleanly();
            }
            try {
                closer.close();
            } catch (Exception e) {
                log.error("Failed to close {}", closer.getClass().getSimpleName(), e);
            }
        }
    }
}
