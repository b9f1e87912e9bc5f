package dev.nexus.costs.budget;

import java.util.Arrays;
import java.util.Optional;

/** A limit that spend is held to: a project's day or month, or an agent's day. */
public enum Scope {
    PROJECT_DAILY("project.daily"),
    PROJECT_MONTHLY("project.monthly"),
    AGENT_DAILY("agent.daily");

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    /** The name clients see, such as {@code project.daily}. */
    public String wireName() {
        return wireName;
    }

    public static Optional<Scope> fromWire(String name) {
        return Arrays.stream(values()).filter(scope -> scope.wireName.equals(name)).findFirst();
    }
}
