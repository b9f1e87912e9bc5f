package dev.nexus.costs.stats;

/**
 * How many approval requests wait for a decision, over all projects, answered from memory or one cheap query.
 * The approvals feature supplies the real count; until then the stats show {@link #NONE}. Implementations
 * are called from request threads and must be thread-safe.
 */
@FunctionalInterface
public interface PendingApprovals {

    PendingApprovals NONE = () -> 0;

    long count();
}
