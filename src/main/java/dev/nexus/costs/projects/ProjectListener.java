package dev.nexus.costs.projects;

/** Told after a project or an agent changed, so that what depends on budgets can follow. */
public interface ProjectListener {

    default void projectChanged(Project before, Project after) {
    }

    default void agentChanged(Agent before, Agent after) {
    }
}
