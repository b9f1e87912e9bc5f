package dev.nexus.costs.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.costs.error.NexusException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Strict reads of the fields of a JSON object: a wrong type or a value out of range is a 400 that names the
 * field. Stateless.
 */
public final class Fields {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private Fields() {
    }

    /** An absent or null field reads as empty; any other non-string is a 400. */
    public static Optional<String> text(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw NexusException.invalid(field, field + " must be a string");
        }
        return Optional.of(value.textValue());
    }

    public static String requiredText(ObjectNode node, String field) {
        return text(node, field).orElseThrow(() -> NexusException.missing(field));
    }

    /** An id of 1 to 64 characters of {@code A-Z a-z 0-9 . _ -}. */
    public static Optional<String> id(ObjectNode node, String field) {
        Optional<String> value = text(node, field);
        value.ifPresent(id -> checkId(field, id));
        return value;
    }

    public static String checkId(String field, String id) {
        if (!ID.matcher(id).matches()) {
            throw NexusException.invalid(field, field + " must be 1 to 64 characters of A-Z a-z 0-9 . _ -");
        }
        return id;
    }

    /** A whole number from min to max; a fraction, a string or a value outside is a 400. */
    public static Optional<Long> whole(ObjectNode node, String field, long min, long max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isNumber()) {
            throw NexusException.invalid(field, field + " must be a number");
        }
        BigDecimal number = value.decimalValue();
        if (number.stripTrailingZeros().scale() > 0) {
            throw NexusException.invalid(field, field + " must be a whole number");
        }
        if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw NexusException.invalid(field, field + " must be between " + min + " and " + max);
        }
        return Optional.of(number.longValueExact());
    }

    /** A decimal from min to max, exactly as written. */
    public static Optional<BigDecimal> decimal(ObjectNode node, String field, BigDecimal min, BigDecimal max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isNumber()) {
            throw NexusException.invalid(field, field + " must be a number");
        }
        BigDecimal number = value.decimalValue();
        if (number.compareTo(min) < 0 || number.compareTo(max) > 0) {
            throw NexusException.invalid(field, field + " must be between " + min.toPlainString() + " and "
                    + max.toPlainString());
        }
        return Optional.of(number);
    }

    /** An ISO-8601 instant with a zone or offset; a number or a zoneless time is a 400. */
    public static Optional<Instant> instant(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw NexusException.invalid(field, field + " must be an ISO-8601 string with a zone, such as "
                    + "2026-12-03T10:15:30Z");
        }
        return Optional.of(parseInstant(field, value.textValue()));
    }

    public static Instant parseInstant(String field, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw NexusException.invalid(field, field + " must be an ISO-8601 instant with a zone, such as "
                    + "2026-12-03T10:15:30Z, not '" + text + "'");
        }
    }

    /** An absent or null field reads as empty; any other non-object is a 400. */
    public static Optional<ObjectNode> object(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw NexusException.invalid(field, field + " must be an object");
        }
        return Optional.of((ObjectNode) value);
    }

    /** Refuses any field that is not one of {@code known}, so that a misspelt field is not silently ignored. */
    public static void onlyKnown(ObjectNode node, String... known) {
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            boolean isKnown = false;
            for (String k : known) {
                isKnown |= k.equals(name);
            }
            if (!isKnown) {
                throw NexusException.invalid(name, "unknown field '" + name + "'");
            }
        }
    }
}
