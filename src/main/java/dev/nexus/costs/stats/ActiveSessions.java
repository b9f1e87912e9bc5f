package dev.nexus.costs.stats;

/** How many distinct sessions, over all projects, have a running trace. Implementations must be thread-safe. */
@FunctionalInterface
public interface ActiveSessions {

    long count();
}
