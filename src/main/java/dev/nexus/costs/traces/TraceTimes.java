package dev.nexus.costs.traces;

import dev.nexus.costs.error.NexusException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The instants a trace may carry: stored to the microsecond, from 1970 to the year 9999. Stateless. */
final class TraceTimes {

    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private TraceTimes() {
    }

    /** The instant to the microsecond; a 400 naming the field when it is outside what can be stored. */
    static Instant checked(String field, Instant instant) {
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw NexusException.invalid(field, field + " must be between 1970 and the end of 9999");
        }
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
