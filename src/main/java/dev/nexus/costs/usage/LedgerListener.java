package dev.nexus.costs.usage;

import dev.nexus.costs.hot.JournalRecord;
import java.util.List;

/**
 * Told of records as the ledger applies them, while the ledger's lock is held: in sequence order, once per
 * record in a process's life (records replayed at start included, when not yet flushed). Implementations must
 * be quick and must not block.
 */
public interface LedgerListener {

    void applied(List<? extends JournalRecord> records);
}
