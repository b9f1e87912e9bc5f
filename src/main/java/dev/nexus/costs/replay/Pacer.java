package dev.nexus.costs.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the calls into the windows a replay sends one after another, and holds each window back until it is due.
 *
 * <p>At speed 0 (the default) everything is one window, sent at once, as fast as the service takes it. At speed
 * {@code s} the trace plays {@code s} times faster than it happened: each window holds the calls of one second of
 * wall time (at most a batch), and is sent when its first call is due. Not thread-safe.
 */
final class Pacer {

    private static final long WINDOW_NANOS = Duration.ofSeconds(1).toNanos();

    private final double speed;
    private final int maxCalls;
    private long startNanos;

    Pacer(double speed, int maxCalls) {
        this.speed = speed;
        this.maxCalls = maxCalls;
    }

    List<List<PlannedCall>> windows(List<PlannedCall> calls) {
        if (speed <= 0 || calls.isEmpty()) {
            return calls.isEmpty() ? List.of() : List.of(calls);
        }
        List<List<PlannedCall>> windows = new ArrayList<>();
        List<PlannedCall> window = new ArrayList<>();
        long windowIndex = 0;
        for (PlannedCall call : calls) {
            long index = dueNanos(calls.get(0), call) / WINDOW_NANOS;
            if (!window.isEmpty() && (index != windowIndex || window.size() == maxCalls)) {
                windows.add(window);
                window = new ArrayList<>();
            }
            windowIndex = index;
            window.add(call);
        }
        windows.add(window);
        return windows;
    }

    /** Marks the start of the replay's sending, against which windows fall due. */
    void start() {
        startNanos = System.nanoTime();
    }

    /** Waits until the window's first call is due; at speed 0 at once. */
    void awaitDue(List<PlannedCall> window, PlannedCall first) throws InterruptedException {
        if (speed <= 0) {
            return;
        }
        long waitNanos = startNanos + dueNanos(first, window.get(0)) - System.nanoTime();
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }

    /** How long after {@code first} the call is due, in wall-clock nanoseconds at this speed. */
    long dueNanos(PlannedCall first, PlannedCall call) {
        return (long) (Duration.between(first.at(), call.at()).toNanos() / speed);
    }
}
