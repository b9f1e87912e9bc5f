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
    private final List<PlannedCall> calls;
    private long startNanos;

    /** Paces {@code calls}, in time order; the pace is kept from when {@link #windows} cuts them. */
    Pacer(double speed, int maxCalls, List<PlannedCall> calls) {
        this.speed = speed;
        this.maxCalls = maxCalls;
        this.calls = List.copyOf(calls);
    }

    List<List<PlannedCall>> windows() {
        startNanos = System.nanoTime();
        if (speed <= 0 || calls.isEmpty()) {
            return calls.isEmpty() ? List.of() : List.of(calls);
        }
        List<List<PlannedCall>> windows = new ArrayList<>();
        List<PlannedCall> window = new ArrayList<>();
        long windowIndex = 0;
        for (PlannedCall call : calls) {
            long index = dueNanos(call) / WINDOW_NANOS;
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

    /** Waits until the window's first call is due; at speed 0 at once. */
    void awaitDue(List<PlannedCall> window) throws InterruptedException {
        if (speed <= 0) {
            return;
        }
        long waitNanos = startNanos + dueNanos(window.get(0)) - System.nanoTime();
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }

    /** How long after the first call this one is due, in wall-clock nanoseconds at this speed. */
    private long dueNanos(PlannedCall call) {
        return (long) (Duration.between(calls.get(0).at(), call.at()).toNanos() / speed);
    }
}
