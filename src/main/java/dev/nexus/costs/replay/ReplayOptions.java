package dev.nexus.costs.replay;

import dev.nexus.costs.pricing.PriceMap;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What one replay does, settled from its flags and the environment before anything is sent. Immutable.
 *
 * @param dataDir     the directory of the two trace files
 * @param prices      the price map the replay computes its own costs with
 * @param batchSize   usage events per POST
 * @param concurrency requests in flight at once
 * @param speed       0 for as fast as the service takes them, else how many times faster than real time
 * @param endAt       where to place the trace's last row; empty for now (or an earlier replay's placement)
 * @param rowLimit    how many rows of each file to replay, from the first
 * @param alerts      whether to watch and check alerts
 * @param traces      whether to open, fill, complete and check a trace per session
 */
record ReplayOptions(
        ServiceTarget target,
        Path dataDir,
        PriceMap prices,
        int batchSize,
        int concurrency,
        double speed,
        Optional<Instant> endAt,
        int rowLimit,
        boolean alerts,
        boolean traces) {
}
