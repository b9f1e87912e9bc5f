package dev.nexus.costs.replay;

import java.net.http.WebSocket;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Watches the alerts of the replay's projects: subscribes to its WebSocket and reads the alerts the service lists
 * for the replay's periods before anything is posted, and after the posting waits briefly for alerts still on
 * their way, reads the list again and compares all of it with the expected alerts ({@link AlertComparison}).
 *
 * <p>Not thread-safe: one replay thread opens, finishes and closes it (the listeners take the WebSocket's calls).
 */
final class AlertWatch implements AutoCloseable {

    private static final long TRAILING_MS = 2000;
    private static final long CLOSE_MS = 1000;

    /** One project to watch: the days the replay spends in, the periods it touches, and the alerts it expects. */
    record Target(String projectId, LocalDate from, LocalDate to, List<AlertKey> expected, Set<AlertPeriod> touched) {
    }

    private final NexusClient client;
    private final List<Target> targets;
    private final Map<String, AlertListener> listeners = new LinkedHashMap<>();
    private final Map<String, List<AlertKey>> before = new LinkedHashMap<>();
    private final List<WebSocket> sockets = new ArrayList<>();

    private AlertWatch(NexusClient client, List<Target> targets) {
        this.client = client;
        this.targets = List.copyOf(targets);
    }

    /** Starts watching; fails, saying so plainly, when the service has no alerts list or WebSocket. */
    static AlertWatch open(NexusClient client, List<Target> targets) {
        AlertWatch watch = new AlertWatch(client, targets);
        try {
            for (Target target : targets) {
                AlertListener listener = new AlertListener();
                watch.sockets.add(client.openAlerts(target.projectId(), listener));
                watch.listeners.put(target.projectId(), listener);
                watch.before.put(target.projectId(), watch.sent(target));
            }
            return watch;
        } catch (RuntimeException e) {
            watch.close();
            throw e;
        }
    }

    /** Waits at most {@value #TRAILING_MS} ms for the alerts this run should still see, then compares. */
    List<AlertComparison> finish() throws InterruptedException {
        long deadline = System.currentTimeMillis() + TRAILING_MS;
        for (Target target : targets) {
            Set<AlertKey> sentBefore = new HashSet<>(before.get(target.projectId()));
            int expectedNew = (int) target.expected().stream().filter(key -> !sentBefore.contains(key)).count();
            listeners.get(target.projectId()).awaitAlerts(Math.max(1, expectedNew),
                    Math.max(0, deadline - System.currentTimeMillis()));
        }
        return targets.stream().map(this::compare).toList();
    }

    @Override
    public void close() {
        for (WebSocket socket : sockets) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "replay done").get(CLOSE_MS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // A socket that cannot close politely is dropped below; the replay is over either way.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            socket.abort();
        }
    }

    private AlertComparison compare(Target target) {
        AlertListener listener = listeners.get(target.projectId());
        AlertComparison comparison = AlertComparison.of(target.expected(), before.get(target.projectId()),
                sent(target), listener.alerts(), target.touched());
        List<String> problems = new ArrayList<>(comparison.problems());
        problems.addAll(listener.problems());
        return new AlertComparison(comparison.rows(), problems);
    }

    private List<AlertKey> sent(Target target) {
        Reply reply = client.alerts(target.projectId(), target.from(), target.to());
        if (reply.is(404)) {
            throw new ReplayException("the service has no alerts endpoint: " + reply.request() + " answered 404 "
                    + "for a project that exists; replay with --no-alerts to leave alerts out");
        }
        List<AlertKey> alerts = new ArrayList<>();
        reply.expect(200).path("items").forEach(item -> alerts.add(AlertKey.of(item)));
        return alerts;
    }
}
