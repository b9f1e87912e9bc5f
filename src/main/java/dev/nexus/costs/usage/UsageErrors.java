package dev.nexus.costs.usage;

import dev.nexus.costs.error.NexusException;
import java.util.Comparator;
import java.util.List;

/** The errors of usage posts, alone or gathered for a batch. Stateless. */
final class UsageErrors {

    private UsageErrors() {
    }

    static NexusException.Item idConflict(int index, String eventId) {
        return new NexusException.Item(index, "id_conflict",
                "event '" + eventId + "' was already counted with other content", "id");
    }

    static NexusException.Item item(int index, NexusException e) {
        return new NexusException.Item(index, e.code(), e.getMessage(), e.field());
    }

    /**
     * The error a post answers: index -1 marks a lone event, which answers its own error; a batch answers
     * {@code invalid_batch} listing every bad index.
     */
    static NexusException of(List<NexusException.Item> items) {
        if (items.size() == 1 && items.get(0).index() < 0) {
            NexusException.Item only = items.get(0);
            return new NexusException(kindOf(only.code()), only.code(), only.message(), only.field());
        }
        List<NexusException.Item> sorted = items.stream().sorted(Comparator.comparingInt(NexusException.Item::index))
                .toList();
        return new NexusException(NexusException.Kind.INVALID, "invalid_batch", sorted.size()
                + " of the batch's events are bad; nothing was counted", null, sorted, null);
    }

    static NexusException.Kind kindOf(String code) {
        return switch (code) {
            case "id_conflict" -> NexusException.Kind.CONFLICT;
            case "not_found" -> NexusException.Kind.NOT_FOUND;
            case "unknown_model" -> NexusException.Kind.UNPROCESSABLE;
            case "forbidden" -> NexusException.Kind.FORBIDDEN;
            default -> NexusException.Kind.INVALID;
        };
    }
}
