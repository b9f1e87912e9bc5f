package dev.nexus.costs.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.costs.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.ExecutionException;

/**
 * The running service's HTTP and WebSocket API as the replay calls it, every path in one place. An answer 503
 * (the service cannot take the request now) is retried a few times with backoff, as a gateway would; every other
 * answer is handed back as a {@link Reply}. A service that cannot be reached is a {@link ReplayException}.
 *
 * <p>Thread-safe: one {@link HttpClient} serves all of the replay's in-flight requests.
 */
final class NexusClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_ATTEMPTS = 5;
    private static final long FIRST_BACKOFF_MS = 200;

    private final HttpClient http;
    private final URI origin;
    private final String token;

    NexusClient(ServiceTarget target) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        this.origin = target.url();
        this.token = target.adminToken();
    }

    Reply project(String projectId) {
        return send("GET", "/api/v1/projects/" + projectId, null);
    }

    Reply createProject(ObjectNode project) {
        return send("POST", "/api/v1/projects", project);
    }

    Reply agent(String projectId, String agentId) {
        return send("GET", "/api/v1/projects/" + projectId + "/agents/" + agentId, null);
    }

    Reply createAgent(String projectId, ObjectNode agent) {
        return send("POST", "/api/v1/projects/" + projectId + "/agents", agent);
    }

    Reply postUsage(ArrayNode events) {
        ObjectNode batch = Json.object();
        batch.set("events", events);
        return send("POST", "/api/v1/usage", batch);
    }

    Reply usage(String projectId, LocalDate from, LocalDate to) {
        return send("GET", "/api/v1/projects/" + projectId + "/usage?from=" + from + "&to=" + to, null);
    }

    Reply createTrace(String projectId, ObjectNode trace) {
        return send("POST", "/api/v1/projects/" + projectId + "/traces", trace);
    }

    Reply appendTraceEvents(String traceId, ArrayNode events) {
        ObjectNode body = Json.object();
        body.set("events", events);
        return send("POST", "/api/v1/traces/" + traceId + "/events", body);
    }

    Reply completeTrace(String traceId, Instant completedAt) {
        ObjectNode body = Json.object().put("status", "completed").put("completedAt", completedAt.toString());
        return send("POST", "/api/v1/traces/" + traceId + "/complete", body);
    }

    Reply trace(String traceId) {
        return send("GET", "/api/v1/traces/" + traceId, null);
    }

    /** A page of a project's traces started from {@code from} to {@code to}; no bounds and no cursor when null. */
    Reply traces(String projectId, Instant from, Instant to, String cursor, int limit) {
        StringBuilder path = new StringBuilder("/api/v1/projects/" + projectId + "/traces?limit=" + limit);
        if (from != null) {
            path.append("&from=").append(encode(from.toString())).append("&to=").append(encode(to.toString()));
        }
        if (cursor != null) {
            path.append("&cursor=").append(encode(cursor));
        }
        return send("GET", path.toString(), null);
    }

    Reply alerts(String projectId, LocalDate from, LocalDate to) {
        return send("GET", "/api/v1/projects/" + projectId + "/alerts?from=" + from + "&to=" + to, null);
    }

    /**
     * Subscribes to a project's alerts. A refused upgrade fails saying how; a 404 says the service has no alerts
     * WebSocket at all.
     */
    WebSocket openAlerts(String projectId, WebSocket.Listener listener) {
        String request = "GET /api/v1/ws?projectId=" + projectId;
        URI uri = URI.create(origin.toString().replaceFirst("^http", "ws") + "/api/v1/ws?projectId="
                + encode(projectId) + "&token=" + encode(token));
        try {
            return http.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(uri, listener).get();
        } catch (ExecutionException e) {
            throw refusedWebSocket(request, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException("interrupted while opening " + request, e);
        }
    }

    URI origin() {
        return origin;
    }

    private Reply send(String method, String path, JsonNode body) {
        HttpRequest request = request(method, path, body);
        String label = method + " " + path;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = exchange(request, label);
            if (response.statusCode() != 503 || attempt == MAX_ATTEMPTS) {
                return reply(label, response);
            }
            pause(FIRST_BACKOFF_MS << (attempt - 1), label);
        }
    }

    private HttpRequest request(String method, String path, JsonNode body) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(Json.write(body));
        return HttpRequest.newBuilder(URI.create(origin + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json").method(method, publisher).build();
    }

    private HttpResponse<String> exchange(HttpRequest request, String label) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ReplayException("cannot reach the service at " + origin + " (" + label + "): " + reason(e)
                    + "; is it running, and is NEXUS_URL right?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException("interrupted during " + label, e);
        }
    }

    private static Reply reply(String label, HttpResponse<String> response) {
        String text = response.body();
        JsonNode body = null;
        if (text != null && !text.isBlank()) {
            try {
                body = Json.MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                body = null;
            }
        }
        return new Reply(label, response.statusCode(), body, text);
    }

    private static void pause(long millis, String label) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException("interrupted while waiting to retry " + label, e);
        }
    }

    private ReplayException refusedWebSocket(String request, Throwable cause) {
        if (cause instanceof WebSocketHandshakeException) {
            HttpResponse<?> response = ((WebSocketHandshakeException) cause).getResponse();
            if (response.statusCode() == 404) {
                return new ReplayException("the service has no alerts WebSocket endpoint: " + request
                        + " answered 404; replay with --no-alerts to leave alerts out", cause);
            }
            Object body = response.body();
            String text = body instanceof byte[] ? new String((byte[]) body, StandardCharsets.UTF_8)
                    : body == null ? "" : body.toString();
            return new ReplayException("the service refused the alerts WebSocket: " + request + " answered "
                    + response.statusCode() + (text.isBlank() ? "" : ": " + text.strip()), cause);
        }
        return new ReplayException("cannot open the alerts WebSocket at " + origin + " (" + request + "): "
                + reason(cause), cause);
    }

    private static String reason(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": "
                + e.getMessage();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
