package dev.nexus.costs.error;

import java.util.List;

/**
 * A request that the service refuses, with a code that clients can act on and a message a person reads.
 *
 * <p>The domain throws it; the HTTP layer turns its {@link Kind} into a status. Immutable.
 */
public class NexusException extends RuntimeException {

    /** What went wrong, as the HTTP layer needs to know it. */
    public enum Kind {
        INVALID, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, TOO_LARGE, UNPROCESSABLE, UNAVAILABLE
    }

    /** One bad member of a batch, by its position. */
    public record Item(int index, String code, String message, String field) {
    }

    private final Kind kind;
    private final String code;
    private final String field;
    private final List<Item> items;

    public NexusException(Kind kind, String code, String message, String field) {
        this(kind, code, message, field, List.of(), null);
    }

    public NexusException(Kind kind, String code, String message, String field, List<Item> items, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
        this.field = field;
        this.items = List.copyOf(items);
    }

    public static NexusException invalid(String field, String message) {
        return new NexusException(Kind.INVALID, "invalid_field", message, field);
    }

    public static NexusException missing(String field) {
        return new NexusException(Kind.INVALID, "missing_field", field + " is required", field);
    }

    public static NexusException notFound(String what, String id) {
        return new NexusException(Kind.NOT_FOUND, "not_found", what + " '" + id + "' does not exist", null);
    }

    public static NexusException conflict(String code, String message) {
        return new NexusException(Kind.CONFLICT, code, message, null);
    }

    public static NexusException forbidden(String message) {
        return new NexusException(Kind.FORBIDDEN, "forbidden", message, null);
    }

    public static NexusException unavailable(String code, String message, Throwable cause) {
        return new NexusException(Kind.UNAVAILABLE, code, message, null, List.of(), cause);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public List<Item> items() {
        return items;
    }
}
