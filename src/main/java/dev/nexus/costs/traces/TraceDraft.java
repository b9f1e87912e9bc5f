package dev.nexus.costs.traces;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.costs.error.NexusException;
import dev.nexus.costs.json.Fields;
import dev.nexus.costs.projects.Project;
import dev.nexus.costs.projects.ProjectRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A trace as a create request describes it, checked, before it is stored. Immutable.
 *
 * @param startedAt      when it started: the given time, or the time of receipt
 * @param startedAtGiven whether the request gave it; a repeat without it matches any start
 */
record TraceDraft(String id, String projectId, String sessionId, String agentId, Instant startedAt,
                  boolean startedAtGiven) {

    private static final String[] FIELDS = {"id", "projectId", "sessionId", "agentId", "startedAt"};
    private static final Duration MAX_FUTURE = Duration.ofMinutes(5);

    static TraceDraft of(ObjectNode body, Project project, ProjectRegistry projects, Instant now) {
        Fields.onlyKnown(body, FIELDS);
        Fields.text(body, "projectId").filter(given -> !given.equals(project.id())).ifPresent(given -> {
            throw NexusException.invalid("projectId", "projectId must be the project of the path");
        });
        String id = Fields.id(body, "id").orElseGet(TraceDraft::generatedId);
        String sessionId = Fields.id(body, "sessionId").orElseThrow(() -> NexusException.missing("sessionId"));
        String agentId = Fields.id(body, "agentId").map(agent -> projects.requireAgent(project.id(), agent).id())
                .orElse(null);
        Instant given = Fields.instant(body, "startedAt").map(at -> TraceTimes.checked("startedAt", at)).orElse(null);
        if (given != null && given.isAfter(now.plus(MAX_FUTURE))) {
            throw NexusException.invalid("startedAt", "startedAt may be at most 5 minutes in the future");
        }
        return new TraceDraft(id, project.id(), sessionId, agentId, given != null ? given : now, given != null);
    }

    /** Whether a create of an existing id asks for what exists, so that it answers it rather than a 409. */
    boolean sameAs(Trace trace) {
        return projectId.equals(trace.projectId()) && sessionId.equals(trace.sessionId())
                && Objects.equals(agentId, trace.agentId())
                && (!startedAtGiven || startedAt.equals(trace.startedAt()));
    }

    private static String generatedId() {
        return "trc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }
}
