package dev.nexus.costs.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.costs.auth.Principal;
import dev.nexus.costs.budget.BudgetChecker;
import dev.nexus.costs.budget.BudgetStatus;
import dev.nexus.costs.error.NexusException;
import dev.nexus.costs.hot.SeenEvent;
import dev.nexus.costs.hot.UsageRecord;
import dev.nexus.costs.pricing.PriceMap;
import dev.nexus.costs.projects.ProjectRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Usage ingest: checks and prices each event, counts the new ones through the {@link Ledger}, and answers the
 * budget status that follows. A post is counted whole or not at all. Thread-safe.
 */
public final class UsageService {

    public static final int MAX_BATCH = 10_000;

    /** The answer to a single event. */
    public record SingleResult(String id, boolean duplicate, long costNanos, BudgetStatus budget) {
    }

    /** The answer to a batch. */
    public record BatchResult(int accepted, int duplicates) {
    }

    private final ProjectRegistry projects;
    private final EventParser parser;
    private final Ledger ledger;
    private final BudgetChecker budgets;
    private final Clock clock;

    public UsageService(ProjectRegistry projects, PriceMap prices, TraceLookup traces, Ledger ledger,
                        BudgetChecker budgets, Clock clock) {
        this.projects = projects;
        this.parser = new EventParser(projects, prices, traces);
        this.ledger = ledger;
        this.budgets = budgets;
        this.clock = clock;
    }

    public SingleResult recordOne(Principal caller, ObjectNode event) {
        Instant now = clock.instant();
        requireCallerProject(caller, event);
        UsageRecord record = parser.parse(event, now);
        Ledger.Outcome outcome = ledger.record(List.of(new Ledger.Candidate(-1, record)), List.of());
        SeenEvent duplicate = outcome.duplicates().get(-1);
        BudgetStatus budget = budgets.check(projects.requireProject(record.projectId()),
                record.agentId() == null ? null : projects.requireAgent(record.projectId(), record.agentId()), 0);
        if (duplicate != null) {
            return new SingleResult(record.eventId(), true, duplicate.costNanos(), budget);
        }
        return new SingleResult(record.eventId(), false, record.costNanos(), budget);
    }

    public BatchResult recordBatch(Principal caller, JsonNode events) {
        if (!events.isArray()) {
            throw NexusException.invalid("events", "events must be an array of usage events");
        }
        if (events.size() > MAX_BATCH) {
            throw new NexusException(NexusException.Kind.TOO_LARGE, "batch_too_large",
                    "a batch holds at most " + MAX_BATCH + " events, not " + events.size(), "events");
        }
        Instant now = clock.instant();
        for (JsonNode event : events) {
            if (event.isObject()) {
                requireCallerProject(caller, (ObjectNode) event);
            }
        }
        List<Ledger.Candidate> candidates = new ArrayList<>(events.size());
        List<NexusException.Item> errors = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            try {
                if (!event.isObject()) {
                    throw NexusException.invalid(null, "each event must be a JSON object");
                }
                candidates.add(new Ledger.Candidate(i, parser.parse((ObjectNode) event, now)));
            } catch (NexusException e) {
                errors.add(UsageErrors.item(i, e));
            }
        }
        Ledger.Outcome outcome = ledger.record(candidates, errors);
        return new BatchResult(outcome.accepted().size(), outcome.duplicates().size());
    }

    /** A project key may post only its own project's events: anything else fails the whole post. */
    private static void requireCallerProject(Principal caller, ObjectNode event) {
        JsonNode projectId = event.get("projectId");
        if (!caller.isAdmin() && projectId != null && projectId.isTextual()) {
            caller.requireProject(projectId.textValue());
        }
    }
}
