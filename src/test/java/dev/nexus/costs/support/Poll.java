package dev.nexus.costs.support;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition that something else brings about, such as a flush by the service's own thread. */
public final class Poll {

    private static final long PAUSE_NANOS = Duration.ofMillis(20).toNanos();

    private Poll() {
    }

    /** Checks {@code condition} every 20 ms until it holds; fails once {@code timeout} has passed. */
    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what);
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }
}
