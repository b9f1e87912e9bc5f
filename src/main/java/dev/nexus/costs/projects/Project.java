package dev.nexus.costs.projects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A project: the unit that budgets, keys and usage belong to. {@code num} is its compact number in the hot
 * counters. {@code config} is kept as the client wrote it; {@code budgets} is what the service reads of it.
 * Immutable.
 */
public record Project(
        String id,
        int num,
        String name,
        String status,
        ZoneId timezone,
        ObjectNode config,
        Budgets budgets,
        Instant createdAt) {

    public boolean isActive() {
        return "active".equals(status);
    }
}
