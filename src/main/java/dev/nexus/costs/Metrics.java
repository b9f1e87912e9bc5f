package dev.nexus.costs;

import dev.nexus.costs.alerts.AlertDispatcher;
import dev.nexus.costs.alerts.WebhookSender;
import dev.nexus.costs.flush.Flusher;
import dev.nexus.costs.hot.SpendCounters;
import dev.nexus.costs.usage.Ledger;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/** The service's Prometheus meters, read from the components' own counters when scraped. Stateless. */
final class Metrics {

    private Metrics() {
    }

    static void bind(MeterRegistry registry, Ledger ledger, Flusher flusher, SpendCounters counters,
                     AlertDispatcher alerts, WebhookSender webhooks) {
        counter(registry, "nexus_usage_events_accepted", "usage events counted", ledger, Ledger::acceptedEvents);
        counter(registry, "nexus_usage_events_duplicate", "re-posts answered as duplicates", ledger,
                Ledger::duplicateEvents);
        counter(registry, "nexus_flush_records", "journal records flushed to PostgreSQL", flusher,
                Flusher::flushedRecords);
        counter(registry, "nexus_flush_failures", "flush runs that the database refused", flusher,
                Flusher::failedRuns);
        gauge(registry, "nexus_flush_backlog_records", "records accepted but not yet in PostgreSQL", flusher,
                Flusher::backlog);
        gauge(registry, "nexus_database_up", "1 when the last flush reached the database", flusher,
                f -> f.isDatabaseUp() ? 1 : 0);
        gauge(registry, "nexus_hot_counters", "entries in the hot spend counters", counters, SpendCounters::size);
        counter(registry, "nexus_alerts_sent", "alerts claimed and sent by this instance", alerts,
                AlertDispatcher::sent);
        gauge(registry, "nexus_alerts_pending", "alerts found but not yet recorded", alerts, AlertDispatcher::pending);
        counter(registry, "nexus_webhook_delivered", "alerts a webhook took", webhooks, WebhookSender::delivered);
        counter(registry, "nexus_webhook_failed_attempts", "webhook posts that failed", webhooks,
                WebhookSender::failedAttempts);
        counter(registry, "nexus_webhook_abandoned", "alerts no webhook took after every retry, or dropped",
                webhooks, WebhookSender::abandoned);
    }

    static <T> void counter(MeterRegistry registry, String name, String help, T source, ToDoubleFunction<T> value) {
        FunctionCounter.builder(name, source, value).description(help).register(registry);
    }

    static <T> void gauge(MeterRegistry registry, String name, String help, T source, ToDoubleFunction<T> value) {
        Gauge.builder(name, source, value).description(help).register(registry);
    }
}
