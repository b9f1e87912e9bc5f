package dev.nexus.costs.web;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.nexus.costs.json.Json;
import dev.nexus.costs.money.Money;
import dev.nexus.costs.traces.Trace;
import dev.nexus.costs.traces.TraceEvent;
import dev.nexus.costs.traces.TraceEventReader;
import dev.nexus.costs.traces.TraceListing;
import dev.nexus.costs.traces.TraceService;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes traces as the contract shows them, streaming their events from the database as they are read, so
 * that a long trace or a full page is never held whole. Not thread-safe: one per answer.
 */
final class TraceJson {

    private final JsonGenerator json;
    private final List<TraceListing> listings;
    private int open = -1;

    private TraceJson(JsonGenerator json, List<TraceListing> listings) {
        this.json = json;
        this.listings = listings;
    }

    static void one(Context ctx, int status, TraceListing listing, TraceEventReader reader) {
        write(ctx, status, List.of(listing), reader, null, false);
    }

    static void page(Context ctx, TraceService.Page page, TraceEventReader reader) {
        write(ctx, 200, page.items(), reader, page.nextCursor(), true);
    }

    private static void write(Context ctx, int status, List<TraceListing> listings, TraceEventReader reader,
                              String nextCursor, boolean asPage) {
        ctx.status(status).contentType("application/json");
        try {
            JsonGenerator json = Json.MAPPER.createGenerator(ctx.outputStream());
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            if (asPage) {
                json.writeStartObject();
                json.writeArrayFieldStart("items");
            }
            TraceJson writer = new TraceJson(json, listings);
            reader.read(listings, writer::event);
            writer.finish();
            if (asPage) {
                json.writeEndArray();
                json.writeStringField("nextCursor", nextCursor);
                json.writeEndObject();
            }
            json.close();
        } catch (IOException e) {
            throw new UncheckedIOException("writing a trace answer failed", e);
        }
    }

    private void event(int index, TraceEvent event) throws IOException {
        openThrough(index);
        json.writeStartObject();
        json.writeStringField("type", event.type());
        json.writeStringField("timestamp", event.timestamp().toString());
        json.writeFieldName("data");
        json.writeRawValue(event.dataJson());
        json.writeEndObject();
    }

    private void finish() throws IOException {
        openThrough(listings.size() - 1);
        if (open >= 0) {
            closeTrace();
        }
    }

    /** Closes the trace being written and opens each one up to {@code index}. */
    private void openThrough(int index) throws IOException {
        while (open < index) {
            if (open >= 0) {
                closeTrace();
            }
            open++;
            openTrace(listings.get(open).trace());
        }
    }

    private void openTrace(Trace trace) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", trace.id());
        json.writeStringField("projectId", trace.projectId());
        json.writeStringField("sessionId", trace.sessionId());
        json.writeStringField("agentId", trace.agentId());
        json.writeStringField("startedAt", trace.startedAt().toString());
        json.writeStringField("completedAt", trace.completedAt() == null ? null : trace.completedAt().toString());
        json.writeStringField("status", trace.status());
        json.writeNumberField("totalTokens", trace.totalTokens());
        json.writeNumberField("totalCost", Money.toUsd(trace.totalCostNanos()));
        json.writeNumberField("eventCount", trace.eventCount());
        json.writeArrayFieldStart("events");
    }

    private void closeTrace() throws IOException {
        json.writeEndArray();
        json.writeEndObject();
    }
}
