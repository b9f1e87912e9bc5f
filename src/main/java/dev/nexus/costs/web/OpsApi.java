package dev.nexus.costs.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.costs.flush.Flusher;
import dev.nexus.costs.json.Json;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * HTTP for health and metrics; neither needs a token. Health follows the flusher, which reaches the database
 * every flush interval, so that it answers at once even while the database hangs.
 */
final class OpsApi {

    private final Flusher flusher;
    private final PrometheusMeterRegistry metrics;
    private final String nodeId;

    OpsApi(Flusher flusher, PrometheusMeterRegistry metrics, String nodeId) {
        this.flusher = flusher;
        this.metrics = metrics;
        this.nodeId = nodeId;
    }

    void health(Context ctx) {
        boolean databaseUp = flusher.isDatabaseUp();
        ObjectNode body = Json.object();
        body.put("status", databaseUp ? "ok" : "degraded");
        body.put("database", databaseUp ? "up" : "down");
        body.put("node", nodeId);
        body.put("unflushedRecords", flusher.backlog());
        body.put("lastFlushAt", flusher.lastSuccess() == null ? null : flusher.lastSuccess().toString());
        ctx.json(body);
    }

    void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }
}
