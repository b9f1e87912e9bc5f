package dev.nexus.costs.alerts;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alerts in the order they were found: each is first claimed in PostgreSQL, so that it goes out once
 * across restarts and instances, and only a successful claim delivers it to the sinks. While the database is
 * away, alerts wait in order and the claim is retried every second.
 *
 * <p>Thread-safe; one thread of its own does the sending.
 */
public final class AlertDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);
    private static final long RETRY_MS = 1000;

    private final AlertStore store;
    private final BlockingQueue<Alert> queue = new LinkedBlockingQueue<>();
    private final List<AlertSink> sinks = new CopyOnWriteArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    public AlertDispatcher(AlertStore store) {
        this.store = store;
        this.thread = new Thread(this::run, "nexus-alerts");
        this.thread.setDaemon(true);
    }

    public void addSink(AlertSink sink) {
        sinks.add(sink);
    }

    public void start() {
        thread.start();
    }

    void submit(Alert alert) {
        queue.add(alert);
    }

    /** Hands an alert that another instance sent to the sinks that take those. */
    void deliverFromPeer(Alert alert) {
        sinks.stream().filter(AlertSink::takesPeerAlerts).forEach(sink -> deliver(sink, alert));
    }

    /** Alerts sent by this instance since it started. */
    public long sent() {
        return sent.get();
    }

    /** Alerts found but not yet claimed. */
    public int pending() {
        return queue.size();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!queue.isEmpty()) {
            log.warn("{} alerts were not sent before shutdown; they are found again at the next start",
                    queue.size());
        }
    }

    private void run() {
        boolean databaseDown = false;
        while (running) {
            try {
                Alert alert = queue.poll(RETRY_MS, TimeUnit.MILLISECONDS);
                if (alert == null) {
                    continue;
                }
                while (running && !claimed(alert, databaseDown)) {
                    databaseDown = true;
                    Thread.sleep(RETRY_MS);
                }
                databaseDown = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Claims and delivers one alert; false when the database could not be reached. */
    private boolean claimed(Alert alert, boolean databaseDown) {
        try {
            if (store.claim(alert)) {
                sent.incrementAndGet();
                log.info("Alert {} {} {}% of {} for {} in {}", alert.scope().wireName(), alert.subjectId(),
                        alert.threshold(), alert.budgetNanos(), alert.projectId(), alert.period());
                sinks.forEach(sink -> deliver(sink, alert));
            }
            return true;
        } catch (SQLException e) {
            if (!databaseDown) {
                log.warn("Cannot record an alert; {} alerts wait until the database answers", queue.size() + 1, e);
            }
            return false;
        }
    }

    private static void deliver(AlertSink sink, Alert alert) {
        try {
            sink.deliver(alert);
        } catch (RuntimeException e) {
            log.error("Alert sink {} failed", sink.getClass().getSimpleName(), e);
        }
    }
}
