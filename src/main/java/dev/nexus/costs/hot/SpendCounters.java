package dev.nexus.costs.hot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hot spend counters: one {@link Tally} per {@link CounterKey}, off-heap in a Chronicle Map persisted
 * under the data directory, so that a budget check is a few map reads.
 *
 * <p>Each counter also keeps the sequence number of the last journal record added to it. Records are added in
 * sequence order, so a record replayed at start is added only to the counters that had not seen it: the
 * journal's kept records that the rebuilt counters already hold from the database are skipped.
 *
 * <p>Reads are thread-safe; {@link #add} is called by one writer at a time.
 */
public final class SpendCounters implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SpendCounters.class);
    private static final int VALUE_BYTES = 32;

    private final ChronicleMap<Long, byte[]> map;
    private final boolean fresh;
    private final long capacity;

    private SpendCounters(ChronicleMap<Long, byte[]> map, boolean fresh, long capacity) {
        this.map = map;
        this.fresh = fresh;
        this.capacity = capacity;
    }

    /**
     * Opens the counters in {@code file}, creating them when missing. Counters that the last process did not close
     * are discarded and opened fresh, to be rebuilt from the database and the journal: Chronicle Map's recovery
     * drops any entry whose checksum does not match its bytes, which a kill in the middle of a put leaves, and with
     * the entry that counter's whole history.
     */
    public static SpendCounters open(Path file, long entries, boolean recover) {
        ChronicleMapBuilder<Long, byte[]> builder = ChronicleMap.of(Long.class, byte[].class)
                .name("spend-counters")
                .entries(entries)
                .constantValueSizeBySample(new byte[VALUE_BYTES]);
        try {
            Files.createDirectories(file.getParent());
            if (recover && Files.deleteIfExists(file)) {
                log.warn("Spend counters in {} were not closed cleanly; rebuilding them from the database and the "
                        + "journal", file);
            }
            boolean fresh = !Files.exists(file);
            return new SpendCounters(builder.createPersistedTo(file.toFile()), fresh, entries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the spend counters in " + file, e);
        }
    }

    /** Whether the file was created by this open, so that the counters must be rebuilt. */
    public boolean isFresh() {
        return fresh;
    }

    public boolean contains(long key) {
        return map.containsKey(key);
    }

    /** Whether the counters are near the point past which Chronicle Map fails writes. */
    public boolean isNearlyFull() {
        return map.longSize() > capacity * 2 * 9 / 10;
    }

    public Tally get(long key) {
        byte[] value = map.get(key);
        if (value == null) {
            return Tally.ZERO;
        }
        ByteBuffer buffer = ByteBuffer.wrap(value);
        return new Tally(buffer.getLong(0), buffer.getLong(8), buffer.getLong(16));
    }

    /**
     * Adds {@code delta} to a counter unless the counter already holds record {@code seq} or a later one.
     *
     * @return whether the delta was added
     */
    public boolean add(long key, Tally delta, long seq) {
        byte[] value = map.get(key);
        ByteBuffer buffer = ByteBuffer.wrap(value != null ? value : new byte[VALUE_BYTES]);
        if (buffer.getLong(24) >= seq) {
            return false;
        }
        buffer.putLong(0, buffer.getLong(0) + delta.costNanos());
        buffer.putLong(8, buffer.getLong(8) + delta.tokens());
        buffer.putLong(16, buffer.getLong(16) + delta.requests());
        buffer.putLong(24, seq);
        map.put(key, buffer.array());
        return true;
    }

    /** Notes that every record up to {@code seq} has been added. */
    public void markApplied(long seq) {
        ByteBuffer value = ByteBuffer.allocate(VALUE_BYTES);
        value.putLong(24, seq);
        map.put(CounterKey.HIGH_WATER, value.array());
    }

    /** The last record noted by {@link #markApplied}, or 0. */
    public long appliedSeq() {
        byte[] value = map.get(CounterKey.HIGH_WATER);
        return value == null ? 0 : ByteBuffer.wrap(value).getLong(24);
    }

    public long size() {
        return map.longSize();
    }

    /** How many counters the file was sized for; past about twice that, writes fail. */
    public long capacity() {
        return capacity;
    }

    @Override
    public void close() {
        map.close();
    }
}
