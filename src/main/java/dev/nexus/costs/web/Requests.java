package dev.nexus.costs.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.costs.auth.Principal;
import dev.nexus.costs.error.NexusException;
import dev.nexus.costs.json.Fields;
import dev.nexus.costs.json.Json;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Reading what a request carries: its caller, its JSON body, its query parameters. Stateless. */
final class Requests {

    static final String PRINCIPAL = "nexus.principal";

    private Requests() {
    }

    static Principal caller(Context ctx) {
        return ctx.attribute(PRINCIPAL);
    }

    /** The JSON object of the body, refused with 413 past {@link Routes#MAX_BODY_BYTES}. */
    static ObjectNode body(Context ctx) {
        if (ctx.contentLength() > Routes.MAX_BODY_BYTES) {
            throw BoundedBody.tooLarge(Routes.MAX_BODY_BYTES);
        }
        return Json.parseObject(new BoundedBody(ctx.bodyInputStream(), Routes.MAX_BODY_BYTES));
    }

    /** A path id, checked like any id so that a bad one is a 400 and not a 404. */
    static String pathId(Context ctx, String name) {
        return Fields.checkId(name, ctx.pathParam(name));
    }

    static LocalDate date(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw NexusException.invalid(name, name + " must be a day as YYYY-MM-DD, not '" + value + "'");
        }
    }

    static Instant instant(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isEmpty() ? null : Fields.parseInstant(name, value);
    }

    static BigDecimal decimal(Context ctx, String name, BigDecimal min, BigDecimal max) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            BigDecimal number = new BigDecimal(value);
            if (number.compareTo(min) < 0 || number.compareTo(max) > 0) {
                throw NexusException.invalid(name, name + " must be between " + min.toPlainString() + " and "
                        + max.toPlainString());
            }
            return number;
        } catch (NumberFormatException e) {
            throw NexusException.invalid(name, name + " must be a number, not '" + value + "'");
        }
    }
}
