package dev.nexus.costs.stats;

/**
 * How many approval requests wait for a decision, over all projects, answered from memory. Implementations are
 * called from request threads and must be thread-safe.
 */
@FunctionalInterface
public interface PendingApprovals {

    long count();
}
