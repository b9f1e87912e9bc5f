package dev.nexus.costs.usage;

import dev.nexus.costs.hot.Tally;
import java.time.LocalDate;
import java.time.YearMonth;

/** What the other instances sharing the database have counted, as of their last flush. */
public interface PeerSpend {

    PeerSpend NONE = new PeerSpend() {
    };

    default Tally projectDay(String projectId, LocalDate day) {
        return Tally.ZERO;
    }

    default Tally projectMonth(String projectId, YearMonth month) {
        return Tally.ZERO;
    }

    default Tally agentDay(String projectId, String agentId, LocalDate day) {
        return Tally.ZERO;
    }

    default Tally agentMonth(String projectId, String agentId, YearMonth month) {
        return Tally.ZERO;
    }
}
