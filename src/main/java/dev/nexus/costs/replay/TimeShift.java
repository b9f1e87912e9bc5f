package dev.nexus.costs.replay;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Moves the 2023 trace to a chosen moment: every row keeps its distance to the trace's last row, and the last row
 * lands on the end. Placed instants are cut to microseconds, the precision the service keeps, so two replays to
 * the same end post equal timestamps. Immutable.
 *
 * @param shift what is added to every original timestamp
 */
record TimeShift(Duration shift) {

    /** The shift that puts {@code lastOriginal} on {@code endAt}. */
    static TimeShift endingAt(Instant lastOriginal, Instant endAt) {
        return new TimeShift(Duration.between(lastOriginal, endAt.truncatedTo(ChronoUnit.MICROS)));
    }

    Instant place(Instant original) {
        return original.plus(shift).truncatedTo(ChronoUnit.MICROS);
    }
}
