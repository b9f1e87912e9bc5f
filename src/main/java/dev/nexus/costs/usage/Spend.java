package dev.nexus.costs.usage;

import dev.nexus.costs.hot.CounterKey;
import dev.nexus.costs.hot.SpendCounters;
import dev.nexus.costs.hot.Tally;
import dev.nexus.costs.projects.Agent;
import dev.nexus.costs.projects.Project;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The spend of a project or an agent in a day or month: this instance's hot counters plus what the other
 * instances last flushed. Never touches the database. Thread-safe.
 */
public final class Spend {

    private final SpendCounters counters;
    private final PeerSpend peers;

    public Spend(SpendCounters counters, PeerSpend peers) {
        this.counters = counters;
        this.peers = peers;
    }

    public Tally projectDay(Project project, LocalDate day) {
        return counters.get(CounterKey.projectDay(project.num(), day)).plus(peers.projectDay(project.id(), day));
    }

    public Tally projectMonth(Project project, YearMonth month) {
        return counters.get(CounterKey.projectMonth(project.num(), month))
                .plus(peers.projectMonth(project.id(), month));
    }

    public Tally agentDay(Agent agent, LocalDate day) {
        return counters.get(CounterKey.agentDay(agent.num(), day))
                .plus(peers.agentDay(agent.projectId(), agent.id(), day));
    }

    public Tally agentMonth(Agent agent, YearMonth month) {
        return counters.get(CounterKey.agentMonth(agent.num(), month))
                .plus(peers.agentMonth(agent.projectId(), agent.id(), month));
    }
}
