package dev.nexus.costs.hot;

import java.time.LocalDate;

/**
 * One entry of the journal: something that changes the counters, in the order it was accepted. The counters,
 * the remembered ids and the flush to PostgreSQL are all derived from these.
 */
public sealed interface JournalRecord permits UsageRecord, CorrectionRecord {

    long seq();

    String projectId();

    int projectNum();

    /** The agent, or null. */
    String agentId();

    /** The agent's number, or 0 without an agent. */
    int agentNum();

    String eventId();

    /** The trace the event names, or null. */
    String traceId();

    /** The day in the project's time zone that the change counts on. */
    LocalDate day();

    /** What the record adds to the counters of its day, month, agent and trace. */
    Tally delta();
}
