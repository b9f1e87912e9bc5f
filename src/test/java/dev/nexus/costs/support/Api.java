package dev.nexus.costs.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.costs.json.Json;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;

/** A JSON client for tests over javalin-testtools' client, sending one token. */
public final class Api {

    /** A status and a parsed body (null when the body is empty). */
    public record Reply(int status, JsonNode body) {

        public String errorCode() {
            return body.path("error").path("code").asText(null);
        }

        public String text(String field) {
            return body.path(field).asText(null);
        }
    }

    private final HttpClient client;
    private final String token;

    public Api(HttpClient client, String token) {
        this.client = client;
        this.token = token;
    }

    public Api as(String otherToken) {
        return new Api(client, otherToken);
    }

    public String origin() {
        return client.getOrigin();
    }

    public Reply get(String path) {
        return reply(client.request(path, builder -> {
            authorize(builder);
            builder.get();
        }));
    }

    public Reply post(String path, String json) {
        return reply(client.request(path, builder -> {
            authorize(builder);
            builder.post(HttpRequest.BodyPublishers.ofString(json));
        }));
    }

    public Reply patch(String path, String json) {
        return reply(client.request(path, builder -> {
            authorize(builder);
            builder.patch(HttpRequest.BodyPublishers.ofString(json));
        }));
    }

    public Reply delete(String path) {
        return reply(client.request(path, builder -> {
            authorize(builder);
            builder.delete(HttpRequest.BodyPublishers.noBody());
        }));
    }

    private void authorize(io.javalin.testtools.Request.Builder builder) {
        builder.header("Content-Type", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
    }

    private static Reply reply(Response response) {
        try {
            String body = response.body().string();
            return new Reply(response.code(), body.isEmpty() ? null : Json.MAPPER.readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
