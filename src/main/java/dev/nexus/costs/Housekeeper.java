package dev.nexus.costs;

import dev.nexus.costs.alerts.AlertEvaluator;
import dev.nexus.costs.usage.Ledger;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hourly upkeep of what grows with time: expired event ids, alerts of past periods. Thread-safe. */
final class Housekeeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Housekeeper.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "nexus-housekeeper");
        thread.setDaemon(true);
        return thread;
    });

    Housekeeper(Ledger ledger, AlertEvaluator alerts) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                ledger.expireEventIds();
                alerts.forgetOld();
            } catch (RuntimeException e) {
                log.error("Housekeeping failed; it is tried again in an hour", e);
            }
        }, 1, 60, TimeUnit.MINUTES);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
