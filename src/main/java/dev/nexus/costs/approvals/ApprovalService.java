package dev.nexus.costs.approvals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.costs.auth.Principal;
import dev.nexus.costs.budget.Grants;
import dev.nexus.costs.budget.Scope;
import dev.nexus.costs.db.ChangeFeed;
import dev.nexus.costs.db.Database;
import dev.nexus.costs.error.NexusException;
import dev.nexus.costs.json.Fields;
import dev.nexus.costs.money.Money;
import dev.nexus.costs.projects.Project;
import dev.nexus.costs.projects.ProjectRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Requests for more budget, and their decisions. An approved request becomes a grant that budget checks and
 * alerts honour from then on. Thread-safe.
 */
public final class ApprovalService {

    private static final BigDecimal MAX_REQUEST_USD = BigDecimal.valueOf(1_000_000_000L);

    private final ApprovalStore store;
    private final ChangeFeed changes;
    private final ProjectRegistry projects;
    private final Clock clock;
    private final GrantBook grants = new GrantBook();
    private final AtomicLong pending = new AtomicLong();
    private volatile Consumer<Project> onGrant = project -> { };

    public ApprovalService(Database database, ChangeFeed changes, ProjectRegistry projects, Clock clock) {
        this.changes = changes;
        this.store = new ApprovalStore(database);
        this.projects = projects;
        this.clock = clock;
    }

    /** Tells {@code listener} of each project whose limits a grant just raised. */
    public void onGrant(Consumer<Project> listener) {
        this.onGrant = listener;
    }

    /** Loads the grants and the count of pending requests; again when another instance changed them. */
    public synchronized void load() {
        List<Approval> live = store.live();
        grants.replaceWith(live.stream().filter(approval -> !approval.isPending()).toList());
        pending.set(live.stream().filter(Approval::isPending).count());
    }

    public Grants grants() {
        return grants;
    }

    public long pendingCount() {
        return pending.get();
    }

    public synchronized Approval request(Principal caller, String projectId, ObjectNode body) {
        caller.requireProject(projectId);
        Project project = projects.requireProject(projectId);
        Fields.onlyKnown(body, "agentId", "scope", "requestedUsd", "reason");
        Scope scope = Scope.fromWire(Fields.requiredText(body, "scope")).orElseThrow(() -> NexusException.invalid(
                "scope", "scope must be project.daily, project.monthly or agent.daily"));
        String agentId = Fields.id(body, "agentId").orElse(null);
        if (scope == Scope.AGENT_DAILY && agentId == null) {
            throw NexusException.invalid("agentId", "an agent.daily request names its agentId");
        }
        if (scope != Scope.AGENT_DAILY && agentId != null) {
            throw NexusException.invalid("agentId", "only an agent.daily request names an agentId");
        }
        if (agentId != null) {
            projects.requireAgent(projectId, agentId);
        }
        BigDecimal requested = Fields.decimal(body, "requestedUsd", BigDecimal.ZERO, MAX_REQUEST_USD)
                .orElseThrow(() -> NexusException.missing("requestedUsd"));
        long requestedNanos = Money.toNanos(requested);
        if (requestedNanos <= 0) {
            throw NexusException.invalid("requestedUsd", "requestedUsd must be more than 0");
        }
        String reason = Fields.requiredText(body, "reason");
        if (reason.isBlank() || reason.length() > 1000) {
            throw NexusException.invalid("reason", "reason must be 1 to 1000 characters");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        LocalDate today = LocalDate.ofInstant(now, project.timezone());
        String period = scope == Scope.PROJECT_MONTHLY ? YearMonth.from(today).toString() : today.toString();
        Approval approval = new Approval("apr_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16),
                projectId, agentId, scope, period, requestedNanos, reason, "pending", now, null);
        store.insert(approval);
        pending.incrementAndGet();
        changes.announce();
        return approval;
    }

    public List<Approval> list(Principal caller, String projectId, String status) {
        caller.requireProject(projectId);
        projects.requireProject(projectId);
        if (status != null && !List.of("pending", "approved", "rejected").contains(status)) {
            throw NexusException.invalid("status", "status must be pending, approved or rejected");
        }
        return store.list(projectId, status);
    }

    public synchronized Approval approve(Principal caller, String approvalId) {
        Approval approved = decide(caller, approvalId, "approved");
        grants.add(approved);
        projects.project(approved.projectId()).ifPresent(onGrant);
        return approved;
    }

    public synchronized Approval reject(Principal caller, String approvalId) {
        return decide(caller, approvalId, "rejected");
    }

    private Approval decide(Principal caller, String approvalId, String status) {
        caller.requireAdmin();
        Approval decided = store.decide(approvalId, status, clock.instant().truncatedTo(ChronoUnit.MICROS))
                .orElseThrow(() -> store.find(approvalId)
                        .<NexusException>map(found -> NexusException.conflict("approval_closed",
                                "approval '" + approvalId + "' is already " + found.status()))
                        .orElseGet(() -> NexusException.notFound("approval", approvalId)));
        pending.decrementAndGet();
        changes.announce();
        return decided;
    }
}
