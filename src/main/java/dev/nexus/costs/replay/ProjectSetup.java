package dev.nexus.costs.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.costs.money.Money;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Gets the replay's projects and agents ready and decides where the trace ends.
 *
 * <p>Event ids ({@code conv-<row>}) are the same in every replay, and the service takes a repeated id with another
 * timestamp for a conflict, so a replay must repeat an earlier one's placement to be counted as its duplicate. The
 * project remembers it: the replay that creates a project notes its end in {@code config.replay.traceEndsAt}, and
 * later replays end there too. A project made by someone else has no such note; a replay then ends now (or at
 * {@code --end-at}) and says so. Ids are kept for 35 days, so a replay more than 35 days after the one it repeats
 * may have its events counted again.
 *
 * <p>Existing projects and agents are never changed: when their budgets differ from the replay's, the setup says
 * so, and the expected alerts follow the budgets the service holds. Not thread-safe; one per run.
 */
final class ProjectSetup {

    /** The outcome: where the trace ends and why, and each project as the service now holds it. */
    record Prepared(Instant endAt, String endAtReason, List<ProjectState> projects) {
    }

    /** A project after the setup: its budgets in force and what the setup did or found, for the report. */
    record ProjectState(Sample sample, BudgetsInForce budgets, List<String> notes) {
    }

    private final NexusClient client;

    ProjectSetup(NexusClient client) {
        this.client = client;
    }

    Prepared prepare(List<Sample> samples, Optional<Instant> endAtFlag, Instant now) {
        Map<Sample, JsonNode> existing = new LinkedHashMap<>();
        for (Sample sample : samples) {
            Reply reply = client.project(sample.projectId());
            if (!reply.is(404)) {
                existing.put(sample, reply.expect(200));
            }
        }
        Optional<Instant> noted = notedEnd(existing);
        Instant endAt = endAtFlag.or(() -> noted).orElse(now).truncatedTo(ChronoUnit.MICROS);
        if (noted.isPresent() && endAtFlag.isPresent() && !noted.get().equals(endAt)) {
            throw new ReplayException("this service already holds the trace ending at " + noted.get()
                    + " (config.replay.traceEndsAt of its projects); ending it at " + endAt + " would reuse its "
                    + "event ids with other timestamps. Leave out --end-at, or replay onto a fresh database.");
        }
        String reason = endAtFlag.isPresent() ? "as --end-at asks" : noted.isPresent()
                ? "where an earlier replay to this service placed it" : "now, when this replay starts";
        List<ProjectState> states = new ArrayList<>();
        for (Sample sample : samples) {
            states.add(ready(sample, existing.get(sample), endAt));
        }
        return new Prepared(endAt, reason, states);
    }

    private static Optional<Instant> notedEnd(Map<Sample, JsonNode> existing) {
        List<Instant> ends = existing.values().stream().map(Bodies::placement).filter(Objects::nonNull)
                .distinct().toList();
        if (ends.size() > 1) {
            throw new ReplayException("the replay's projects note different ends of the trace " + ends
                    + " (config.replay.traceEndsAt); replay onto a fresh database");
        }
        return ends.stream().findFirst();
    }

    private ProjectState ready(Sample sample, JsonNode existing, Instant endAt) {
        List<String> notes = new ArrayList<>();
        JsonNode project = existing != null ? existing : create(sample, endAt, notes);
        if (existing != null) {
            notes.add("project exists");
            if (Bodies.placement(existing) == null) {
                notes.add("it notes no earlier placement; to post these same events again, replay with --end-at "
                        + endAt);
            }
        }
        List<JsonNode> agents = new ArrayList<>();
        int created = 0;
        for (String agentId : sample.agentIds()) {
            Reply reply = client.createAgent(sample.projectId(), Bodies.agent(sample, agentId));
            created += reply.is(201) ? 1 : 0;
            agents.add(reply.is(409) ? differingAgent(sample, agentId, notes) : reply.expect(200, 201));
        }
        notes.add(created + " of " + agents.size() + " agents created");
        BudgetsInForce budgets = BudgetsInForce.read(project, agents);
        noteOtherBudgets(sample, budgets, notes);
        return new ProjectState(sample, budgets, notes);
    }

    private JsonNode create(Sample sample, Instant endAt, List<String> notes) {
        Reply reply = client.createProject(Bodies.project(sample, endAt));
        if (reply.is(409)) {
            notes.add("project exists with other content; left as it is");
            return client.project(sample.projectId()).expect(200);
        }
        notes.add(reply.is(201) ? "project created" : "project exists");
        return reply.expect(200, 201);
    }

    private JsonNode differingAgent(Sample sample, String agentId, List<String> notes) {
        notes.add(agentId + " exists with other content; left as it is");
        return client.agent(sample.projectId(), agentId).expect(200);
    }

    private static void noteOtherBudgets(Sample sample, BudgetsInForce budgets, List<String> notes) {
        boolean projectDiffers = !Objects.equals(Money.toNanos(sample.dailyBudgetUsd()), budgets.dailyNanos())
                || !Objects.equals(Money.toNanos(sample.monthlyBudgetUsd()), budgets.monthlyNanos());
        Long agentDaily = Money.toNanos(sample.agentBudgetPerDayUsd());
        boolean agentsDiffer = sample.agentIds().stream()
                .anyMatch(agentId -> !agentDaily.equals(budgets.agentDaily(agentId)));
        if (projectDiffers || agentsDiffer) {
            notes.add("its budgets differ from the replay's; the expected alerts follow the service's");
        }
    }
}
