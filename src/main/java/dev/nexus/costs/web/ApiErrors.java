package dev.nexus.costs.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.costs.error.NexusException;
import dev.nexus.costs.json.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps every failure to the contract's status and {@code {"error": {...}}} body, in one place. */
final class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    static void register(RoutesConfig routes) {
        routes.exception(NexusException.class, (e, ctx) -> respond(ctx, status(e.kind()), e));
        routes.exception(HttpResponseException.class, (e, ctx) -> respond(ctx, e.getStatus(),
                new NexusException(kindOf(e.getStatus()), codeOf(e.getStatus()), e.getMessage(), null)));
        routes.exception(Exception.class, (e, ctx) -> {
            log.error("Request {} {} failed", ctx.method(), ctx.path(), e);
            respond(ctx, 500, new NexusException(NexusException.Kind.UNAVAILABLE, "internal_error",
                    "the service failed to handle this request; the log says why", null));
        });
        routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                respond(ctx, 404, new NexusException(NexusException.Kind.NOT_FOUND, "not_found",
                        "no route " + ctx.method() + " " + ctx.path(), null));
            }
        });
        routes.error(405, ctx -> respond(ctx, 405, new NexusException(NexusException.Kind.INVALID,
                "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path(), null)));
        routes.error(413, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                respond(ctx, 413, new NexusException(NexusException.Kind.TOO_LARGE, "payload_too_large",
                        "the body is larger than the service accepts", null));
            }
        });
    }

    static void respond(Context ctx, int status, NexusException e) {
        ObjectNode error = Json.object();
        error.put("code", e.code());
        error.put("message", e.getMessage());
        error.put("field", e.field());
        if (!e.items().isEmpty()) {
            ArrayNode items = error.putArray("errors");
            for (NexusException.Item item : e.items()) {
                items.addObject().put("index", item.index()).put("code", item.code())
                        .put("message", item.message()).put("field", item.field());
            }
        }
        ObjectNode body = Json.object();
        body.set("error", error);
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }

    static int status(NexusException.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case UNPROCESSABLE -> 422;
            case UNAVAILABLE -> 503;
        };
    }

    private static NexusException.Kind kindOf(int status) {
        return switch (status) {
            case 401 -> NexusException.Kind.UNAUTHENTICATED;
            case 403 -> NexusException.Kind.FORBIDDEN;
            case 404 -> NexusException.Kind.NOT_FOUND;
            case 413 -> NexusException.Kind.TOO_LARGE;
            default -> status >= 500 ? NexusException.Kind.UNAVAILABLE : NexusException.Kind.INVALID;
        };
    }

    private static String codeOf(int status) {
        return switch (status) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 413 -> "payload_too_large";
            default -> status >= 500 ? "unavailable" : "bad_request";
        };
    }
}
