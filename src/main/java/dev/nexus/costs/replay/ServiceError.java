package dev.nexus.costs.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An answer the replay cannot go on from, with the request, the status and the contract's
 * {@code {"error": {"code", "message", "field"}}} in its message. Immutable.
 */
final class ServiceError extends ReplayException {

    private static final int MAX_TEXT = 300;

    private final transient Reply reply;

    ServiceError(Reply reply) {
        super(describe(reply));
        this.reply = reply;
    }

    int status() {
        return reply.status();
    }

    String code() {
        return error(reply).path("code").asText(null);
    }

    /** The per-event errors of a refused batch ({@code error.errors}), each with its {@code index}. */
    List<JsonNode> batchErrors() {
        List<JsonNode> items = new ArrayList<>();
        error(reply).path("errors").forEach(items::add);
        return items;
    }

    private static JsonNode error(Reply reply) {
        return reply.body() == null ? MissingNode.getInstance() : reply.body().path("error");
    }

    private static String describe(Reply reply) {
        JsonNode error = error(reply);
        String head = reply.request() + " answered " + reply.status();
        if (!error.isObject()) {
            String text = reply.text() == null ? "" : reply.text().strip();
            return head + (text.isEmpty() ? "" : ": " + text.substring(0, Math.min(MAX_TEXT, text.length())));
        }
        String field = error.path("field").asText(null);
        return head + " " + error.path("code").asText("(no code)") + ": " + error.path("message").asText("")
                + (field == null ? "" : " (field " + field + ")");
    }
}
