package dev.nexus.costs.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.nexus.costs.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Posts usage events in batches, several batches in flight at once, and counts what the service answered. A
 * refused batch stops the replay with the service's reasons, each named by event id.
 *
 * <p>Thread-safe: the counters are atomic.
 */
final class UsagePoster {

    private static final int ERRORS_SHOWN = 5;

    /** What the service answered to all batches so far. */
    record Counts(long sent, long accepted, long duplicates, long elapsedNanos) {

        double perSecond() {
            return elapsedNanos == 0 ? 0 : (accepted + duplicates) * 1e9 / elapsedNanos;
        }
    }

    private final NexusClient client;
    private final InFlight inFlight;
    private final int batchSize;
    private final boolean withTraces;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong elapsedNanos = new AtomicLong();

    UsagePoster(NexusClient client, InFlight inFlight, int batchSize, boolean withTraces) {
        this.client = client;
        this.inFlight = inFlight;
        this.batchSize = batchSize;
        this.withTraces = withTraces;
    }

    void post(List<PlannedCall> calls) {
        long startedAt = System.nanoTime();
        List<List<PlannedCall>> batches = new ArrayList<>();
        for (int from = 0; from < calls.size(); from += batchSize) {
            batches.add(calls.subList(from, Math.min(calls.size(), from + batchSize)));
        }
        inFlight.forEach(batches, this::postBatch);
        elapsedNanos.addAndGet(System.nanoTime() - startedAt);
    }

    Counts counts() {
        return new Counts(sent.get(), accepted.get(), duplicates.get(), elapsedNanos.get());
    }

    private void postBatch(List<PlannedCall> batch) {
        ArrayNode events = Json.MAPPER.createArrayNode();
        batch.forEach(call -> events.add(Bodies.usageEvent(call, withTraces)));
        sent.addAndGet(batch.size());
        Reply reply = client.postUsage(events);
        if (!reply.is(200)) {
            throw refused(reply, batch);
        }
        accepted.addAndGet(reply.body().path("accepted").asLong());
        duplicates.addAndGet(reply.body().path("duplicates").asLong());
    }

    private static ReplayException refused(Reply reply, List<PlannedCall> batch) {
        ServiceError error = new ServiceError(reply);
        List<JsonNode> items = error.batchErrors();
        if (items.isEmpty()) {
            return error;
        }
        String shown = items.stream().limit(ERRORS_SHOWN).map(item -> "  " + eventId(item, batch) + ": "
                + item.path("code").asText() + ": " + item.path("message").asText()).collect(Collectors.joining("\n"));
        boolean conflicts = items.stream().anyMatch(item -> "id_conflict".equals(item.path("code").asText()));
        return new ReplayException(error.getMessage() + "\n" + shown
                + (items.size() > ERRORS_SHOWN ? "\n  ... and " + (items.size() - ERRORS_SHOWN) + " more" : "")
                + (conflicts ? "\nThe service counted these ids before with other content: an earlier replay to "
                + "it placed the trace elsewhere or ran with or without --no-traces. Replay onto a "
                + "fresh database, or repeat that replay's --end-at and flags." : ""), error);
    }

    private static String eventId(JsonNode item, List<PlannedCall> batch) {
        int index = item.path("index").asInt(-1);
        return index >= 0 && index < batch.size() ? "event " + batch.get(index).eventId() : "event #" + index;
    }
}
