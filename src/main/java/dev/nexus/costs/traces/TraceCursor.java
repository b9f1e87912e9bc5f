package dev.nexus.costs.traces;

import dev.nexus.costs.error.NexusException;
import dev.nexus.costs.json.Fields;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Where a page of traces ended: the start and id of its last trace. The next page holds the traces that sort
 * after it (older, or as old with a smaller id), so traces created meanwhile neither repeat nor shift a page.
 * Clients see it as an opaque string. Immutable.
 */
record TraceCursor(Instant startedAt, String id) {

    private static final String VERSION = "t1";

    static TraceCursor after(Trace trace) {
        return new TraceCursor(trace.startedAt(), trace.id());
    }

    String encode() {
        String plain = VERSION + ":" + ChronoUnit.MICROS.between(Instant.EPOCH, startedAt) + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static TraceCursor decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = plain.split(":", 3);
            if (parts.length != 3 || !parts[0].equals(VERSION) || parts[2].isEmpty()) {
                throw invalid();
            }
            Instant startedAt = Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS);
            return new TraceCursor(TraceTimes.checked("cursor", startedAt), Fields.checkId("cursor", parts[2]));
        } catch (IllegalArgumentException | ArithmeticException | DateTimeException | NexusException e) {
            throw invalid();
        }
    }

    private static NexusException invalid() {
        return NexusException.invalid("cursor", "cursor must be a nextCursor that this service answered");
    }
}
