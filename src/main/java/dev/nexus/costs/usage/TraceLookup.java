package dev.nexus.costs.usage;

/** Whether a trace exists in a project, answered from memory so that ingest never waits on the database. */
public interface TraceLookup {

    TraceLookup NONE = (projectId, traceId) -> false;

    boolean exists(String projectId, String traceId);
}
