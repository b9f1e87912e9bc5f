package dev.nexus.costs.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.costs.json.Json;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Collects the {@code session.cost_alert} messages that arrive on one alerts WebSocket; other messages are
 * ignored, text that is not JSON is kept as a problem.
 *
 * <p>Thread-safe: the WebSocket's thread adds, the replay's thread reads and waits.
 */
final class AlertListener implements WebSocket.Listener {

    static final String COST_ALERT = "session.cost_alert";

    private final StringBuilder partial = new StringBuilder();
    private final List<AlertKey> alerts = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    @Override
    public void onOpen(WebSocket socket) {
        socket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            accept(partial.toString());
            partial.setLength(0);
        }
        socket.request(1);
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        synchronized (this) {
            problems.add("the alerts WebSocket failed: " + error);
        }
    }

    /** Waits until at least {@code count} alerts arrived or {@code timeoutMs} passed. */
    synchronized void awaitAlerts(int count, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        for (long left = timeoutMs; alerts.size() < count && left > 0; left = deadline - System.currentTimeMillis()) {
            wait(left);
        }
    }

    synchronized List<AlertKey> alerts() {
        return List.copyOf(alerts);
    }

    synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    private synchronized void accept(String text) {
        try {
            JsonNode message = Json.MAPPER.readTree(text);
            if (COST_ALERT.equals(message.path("type").asText())) {
                alerts.add(AlertKey.of(message));
                notifyAll();
            }
        } catch (JsonProcessingException e) {
            problems.add("a WebSocket message is not JSON: " + text);
        }
    }
}
