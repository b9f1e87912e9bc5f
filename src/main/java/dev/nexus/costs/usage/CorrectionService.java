package dev.nexus.costs.usage;

import dev.nexus.costs.error.NexusException;
import dev.nexus.costs.flush.Flusher;
import dev.nexus.costs.hot.CorrectionRecord;
import dev.nexus.costs.json.Fields;
import dev.nexus.costs.money.Money;
import dev.nexus.costs.projects.Agent;
import dev.nexus.costs.projects.Project;
import dev.nexus.costs.projects.ProjectRegistry;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Changes the cost of a counted event. The event's current cost is read from PostgreSQL after a flush, so
 * corrections need the database; the change then goes through the journal like any usage, so that every total
 * the event is in (its day, month, agent and trace, flushed or not) moves by the difference and alerts are
 * evaluated again. Corrections are serialised. Thread-safe.
 */
public final class CorrectionService {

    private final ProjectRegistry projects;
    private final Ledger ledger;
    private final Flusher flusher;
    private final EventHistory history;
    private final Clock clock;

    public CorrectionService(ProjectRegistry projects, Ledger ledger, Flusher flusher, EventHistory history,
                             Clock clock) {
        this.projects = projects;
        this.ledger = ledger;
        this.flusher = flusher;
        this.history = history;
        this.clock = clock;
    }

    /** Sets the event's cost to the body's {@code costUsd}, keeping the {@code reason}. */
    public synchronized EventHistory.StoredEvent correct(String projectId, String eventId, ObjectNode body) {
        Project project = projects.requireProject(projectId);
        Fields.onlyKnown(body, "costUsd", "reason");
        BigDecimal cost = Fields.decimal(body, "costUsd", BigDecimal.ZERO, EventParser.MAX_COST_USD)
                .orElseThrow(() -> NexusException.missing("costUsd"));
        String reason = Fields.requiredText(body, "reason");
        if (reason.isBlank() || reason.length() > 1000) {
            throw NexusException.invalid("reason", "reason must be 1 to 1000 characters");
        }
        EventHistory.StoredEvent event = current(project.id(), eventId);
        Agent agent = event.agentId() == null ? null : projects.agent(project.id(), event.agentId()).orElse(null);
        ledger.correct(new CorrectionRecord(0, micros(clock.instant()), project.id(), project.num(),
                event.agentId(), agent == null ? 0 : agent.num(), eventId, event.traceId(), event.day(),
                Money.toNanos(cost), event.costNanos(), reason));
        return current(project.id(), eventId);
    }

    /** The event as PostgreSQL has it once everything accepted so far is flushed. */
    public EventHistory.StoredEvent current(String projectId, String eventId) {
        if (!flusher.flushNow()) {
            throw NexusException.unavailable("database_unavailable",
                    "usage events are read from the database, which does not answer now", null);
        }
        return history.find(projectId, eventId).orElseThrow(() -> NexusException.notFound("usage event", eventId));
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
