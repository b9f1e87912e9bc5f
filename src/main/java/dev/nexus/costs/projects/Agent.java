package dev.nexus.costs.projects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * An agent of a project, with its own optional daily budget. {@code num} is its compact number in the hot
 * counters. Immutable.
 */
public record Agent(
        String projectId,
        String id,
        int num,
        String name,
        String status,
        ObjectNode config,
        Long budgetPerDayNanos,
        Instant createdAt) {

    public boolean isActive() {
        return "active".equals(status);
    }
}
