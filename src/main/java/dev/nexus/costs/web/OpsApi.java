package dev.nexus.costs.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.costs.flush.Flusher;
import dev.nexus.costs.hot.SpendCounters;
import dev.nexus.costs.json.Json;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * HTTP for health and metrics; neither needs a token. Health follows the flusher, which reaches the database
 * every flush interval, so that it answers at once even while the database hangs.
 */
final class OpsApi {

    private final Flusher flusher;
    private final SpendCounters counters;
    private final PrometheusMeterRegistry metrics;
    private final String nodeId;

    OpsApi(Flusher flusher, SpendCounters counters, PrometheusMeterRegistry metrics, String nodeId) {
        this.counters = counters;
        this.flusher = flusher;
        this.metrics = metrics;
        this.nodeId = nodeId;
    }

    void health(Context ctx) {
        boolean databaseUp = flusher.isDatabaseUp();
        boolean countersFull = counters.isNearlyFull();
        ObjectNode body = Json.object();
        body.put("status", databaseUp && !countersFull ? "ok" : "degraded");
        body.put("database", databaseUp ? "up" : "down");
        body.put("hotCounters", countersFull ? "nearly full: restart with a larger NEXUS_COUNTER_ENTRIES" : "ok");
        body.put("node", nodeId);
        body.put("unflushedRecords", flusher.backlog());
        body.put("lastFlushAt", flusher.lastSuccess() == null ? null : flusher.lastSuccess().toString());
        ctx.json(body);
    }

    void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }
}
