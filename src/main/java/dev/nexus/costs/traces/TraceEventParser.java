package dev.nexus.costs.traces;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.costs.error.NexusException;
import dev.nexus.costs.json.Fields;
import dev.nexus.costs.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the events of an append: one {@code {type, timestamp?, data}} or {@code {"events": [...]}}. A bad event
 * fails the whole append, naming it by its place. Thread-safe.
 */
final class TraceEventParser {

    static final int MAX_TYPE_LENGTH = 200;
    private static final String[] FIELDS = {"type", "timestamp", "data"};

    private final int maxDataBytes;

    TraceEventParser(int maxDataBytes) {
        this.maxDataBytes = maxDataBytes;
    }

    List<TraceEvent> parse(ObjectNode body, Instant receivedAt) {
        JsonNode events = body.get("events");
        if (events == null) {
            return List.of(event(body, "", receivedAt));
        }
        Fields.onlyKnown(body, "events");
        if (!events.isArray() || events.isEmpty()) {
            throw NexusException.invalid("events", "events must be a non-empty array of trace events");
        }
        List<TraceEvent> parsed = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            String prefix = "events[" + i + "].";
            if (!events.get(i).isObject()) {
                throw NexusException.invalid("events[" + i + "]", "each trace event must be a JSON object");
            }
            parsed.add(event((ObjectNode) events.get(i), prefix, receivedAt));
        }
        return parsed;
    }

    private TraceEvent event(ObjectNode event, String prefix, Instant receivedAt) {
        try {
            return event(event, receivedAt);
        } catch (NexusException e) {
            if (prefix.isEmpty()) {
                throw e;
            }
            String field = e.field() == null ? prefix.substring(0, prefix.length() - 1) : prefix + e.field();
            throw new NexusException(e.kind(), e.code(), field + ": " + e.getMessage(), field);
        }
    }

    private TraceEvent event(ObjectNode event, Instant receivedAt) {
        Fields.onlyKnown(event, FIELDS);
        String type = Fields.requiredText(event, "type");
        if (type.isBlank() || type.length() > MAX_TYPE_LENGTH || type.chars().anyMatch(Character::isISOControl)) {
            throw NexusException.invalid("type", "type must be 1 to " + MAX_TYPE_LENGTH
                    + " characters without control characters");
        }
        Instant timestamp = TraceTimes.checked("timestamp", Fields.instant(event, "timestamp").orElse(receivedAt));
        ObjectNode data = Fields.object(event, "data").orElseThrow(() -> NexusException.missing("data"));
        String dataJson = dataJson(data);
        int bytes = dataJson.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxDataBytes) {
            throw TraceErrors.eventTooLarge("data", bytes, maxDataBytes);
        }
        return new TraceEvent(0, type, timestamp, dataJson, bytes);
    }

    private static String dataJson(ObjectNode data) {
        try {
            return Json.MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            // A number such as 1e99999 parses, but is refused when written out in full.
            throw NexusException.invalid("data", "data cannot be stored as JSON: " + e.getOriginalMessage());
        }
    }
}
