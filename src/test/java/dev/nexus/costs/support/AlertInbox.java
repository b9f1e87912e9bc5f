package dev.nexus.costs.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.costs.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket client of the alert socket that keeps what it receives, for tests. */
public final class AlertInbox implements WebSocket.Listener, AutoCloseable {

    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    /** Connects to {@code /api/v1/ws} with the query, e.g. {@code projectId=p1&token=...}. */
    public static AlertInbox connect(String httpOrigin, String query) {
        AlertInbox inbox = new AlertInbox();
        URI uri = URI.create(httpOrigin.replaceFirst("^http", "ws") + "/api/v1/ws?" + query);
        inbox.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, inbox).join();
        return inbox;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                received.add(Json.MAPPER.readTree(partial.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    /** The next message, waiting at most the timeout; null when none came. */
    public JsonNode next(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until {@code count} messages came or the timeout passed, and answers all received so far. */
    public List<JsonNode> await(int count, Duration timeout) throws InterruptedException {
        List<JsonNode> messages = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (messages.size() < count) {
            JsonNode message = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (message == null) {
                break;
            }
            messages.add(message);
        }
        return messages;
    }

    /** Everything received by now, without waiting. */
    public List<JsonNode> drain() {
        List<JsonNode> messages = new ArrayList<>();
        received.drainTo(messages);
        return messages;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
