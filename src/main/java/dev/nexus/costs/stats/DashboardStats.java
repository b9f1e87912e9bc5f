package dev.nexus.costs.stats;

import dev.nexus.costs.projects.Agent;
import dev.nexus.costs.projects.Project;
import dev.nexus.costs.projects.ProjectRegistry;
import dev.nexus.costs.usage.Spend;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The service-wide figures of the dashboard. Projects, agents and spend come from memory (spend from the hot
 * counters, each project's day and month cut in its own time zone); active sessions and pending approvals
 * from one cheap source each. Thread-safe.
 */
public final class DashboardStats {

    /** The figures at one moment; money in nano-dollars. */
    public record Snapshot(int totalProjects, int activeProjects, int totalAgents, int activeAgents,
                           long activeSessions, long costTodayNanos, long costMonthNanos, long pendingApprovals) {
    }

    private final ProjectRegistry projects;
    private final Spend spend;
    private final ActiveSessions sessions;
    private final PendingApprovals approvals;
    private final Clock clock;

    public DashboardStats(ProjectRegistry projects, Spend spend, ActiveSessions sessions,
                          PendingApprovals approvals, Clock clock) {
        this.projects = projects;
        this.spend = spend;
        this.sessions = sessions;
        this.approvals = approvals;
        this.clock = clock;
    }

    public Snapshot snapshot() {
        int totalProjects = 0;
        int activeProjects = 0;
        int totalAgents = 0;
        int activeAgents = 0;
        long costToday = 0;
        long costMonth = 0;
        for (Project project : projects.projects()) {
            totalProjects++;
            activeProjects += project.isActive() ? 1 : 0;
            for (Agent agent : projects.agents(project.id())) {
                totalAgents++;
                activeAgents += agent.isActive() ? 1 : 0;
            }
            LocalDate today = LocalDate.now(clock.withZone(project.timezone()));
            costToday += spend.projectDay(project, today).costNanos();
            costMonth += spend.projectMonth(project, YearMonth.from(today)).costNanos();
        }
        return new Snapshot(totalProjects, activeProjects, totalAgents, activeAgents, sessions.count(), costToday,
                costMonth, approvals.count());
    }
}
