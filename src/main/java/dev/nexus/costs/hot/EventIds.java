package dev.nexus.costs.hot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.openhft.chronicle.map.ChronicleMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ids of counted usage events, so that a re-post is answered as a duplicate, also after a restart.
 *
 * <p>Ids live in a series of Chronicle Map files ("generations"). New ids go into the newest; a generation is
 * closed when full or a week old, and deleted once its youngest id is older than the retention, so that no
 * entry is ever removed from a map (which wastes its space). A lookup asks every live generation, newest first.
 *
 * <p>Lookups are thread-safe; {@link #remember} is called by one writer at a time.
 */
public final class EventIds implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventIds.class);
    private static final int VALUE_BYTES = 32;
    private static final Duration GENERATION_SPAN = Duration.ofDays(7);

    private final Path dir;
    private final long entriesPerGeneration;
    private final Duration retention;
    private final boolean recover;
    private final List<Generation> generations = new ArrayList<>();
    private volatile List<Generation> newestFirst = List.of();
    /** How many ids the newest generation holds, kept here because asking the map walks all its segments. */
    private long newestSize;

    private record Generation(long number, Instant createdAt, Path file, ChronicleMap<CharSequence, byte[]> map) {
    }

    private EventIds(Path dir, long entriesPerGeneration, Duration retention, boolean recover) {
        this.dir = dir;
        this.entriesPerGeneration = entriesPerGeneration;
        this.retention = retention;
        this.recover = recover;
    }

    /** Opens the generations in {@code dir}, dropping those past the retention. */
    public static EventIds open(Path dir, long entriesPerGeneration, Duration retention, boolean recover,
                                Instant now) {
        EventIds ids = new EventIds(dir, entriesPerGeneration, retention, recover);
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".ids")).sorted().toList()) {
                    ids.openGeneration(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the event ids in " + dir, e);
        }
        ids.expire(now);
        return ids;
    }

    /** Whether no generation existed when opened, so that the ids must be rebuilt. */
    public boolean isEmpty() {
        return generations.isEmpty();
    }

    public Optional<SeenEvent> find(int projectNum, String eventId) {
        String key = key(projectNum, eventId);
        for (Generation generation : newestFirst) {
            byte[] value = generation.map().get(key);
            if (value != null) {
                ByteBuffer buffer = ByteBuffer.wrap(value);
                return Optional.of(new SeenEvent(buffer.getLong(0), buffer.getLong(8), buffer.getLong(16),
                        buffer.getLong(24)));
            }
        }
        return Optional.empty();
    }

    public void remember(int projectNum, String eventId, SeenEvent seen, Instant now) {
        ByteBuffer value = ByteBuffer.allocate(VALUE_BYTES)
                .putLong(seen.fingerprint()).putLong(seen.timestampMicros()).putLong(seen.costNanos())
                .putLong(seen.seq());
        Generation generation = current(now);
        if (generation.map().put(key(projectNum, eventId), value.array()) == null) {
            synchronized (generations) {
                newestSize++;
            }
        }
    }

    /** Deletes the generations whose youngest id is past the retention. */
    public void expire(Instant now) {
        synchronized (generations) {
            for (Generation generation : List.copyOf(generations)) {
                Instant youngest = generation.createdAt().plus(GENERATION_SPAN);
                boolean superseded = generation != generations.get(generations.size() - 1);
                if (superseded && youngest.plus(retention).isBefore(now)) {
                    generation.map().close();
                    deleteQuietly(generation.file());
                    generations.remove(generation);
                    log.info("Dropped event ids of generation {} (created {})", generation.number(),
                            generation.createdAt());
                }
            }
            publish();
        }
    }

    @Override
    public void close() {
        synchronized (generations) {
            generations.forEach(generation -> generation.map().close());
            generations.clear();
            newestFirst = List.of();
        }
    }

    private Generation current(Instant now) {
        synchronized (generations) {
            Generation newest = generations.isEmpty() ? null : generations.get(generations.size() - 1);
            boolean full = newest != null && newestSize >= entriesPerGeneration;
            boolean old = newest != null && newest.createdAt().plus(GENERATION_SPAN).isBefore(now);
            if (newest == null || full || old) {
                long number = newest == null ? 1 : newest.number() + 1;
                newest = openGeneration(dir.resolve(String.format("%010d-%d.ids", number, now.getEpochSecond())));
                publish();
            }
            return newest;
        }
    }

    private Generation openGeneration(Path file) {
        String[] parts = file.getFileName().toString().replace(".ids", "").split("-");
        long number = Long.parseLong(parts[0]);
        Instant createdAt = Instant.ofEpochSecond(Long.parseLong(parts[1]));
        var builder = ChronicleMap.of(CharSequence.class, byte[].class)
                .name("event-ids-" + number)
                .entries(entriesPerGeneration)
                .averageKeySize(24)
                .constantValueSizeBySample(new byte[VALUE_BYTES]);
        try {
            boolean exists = Files.exists(file);
            ChronicleMap<CharSequence, byte[]> map = exists && recover
                    ? builder.recoverPersistedTo(file.toFile(), true)
                    : builder.createPersistedTo(file.toFile());
            Generation generation = new Generation(number, createdAt, file, map);
            generations.add(generation);
            newestSize = map.longSize();
            return generation;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the event ids in " + file, e);
        }
    }

    private void publish() {
        List<Generation> copy = new ArrayList<>(generations);
        copy.sort(Comparator.comparingLong(Generation::number).reversed());
        newestFirst = List.copyOf(copy);
    }

    private static String key(int projectNum, String eventId) {
        return projectNum + ":" + eventId;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete {}; it will be tried again at the next start", file, e);
        }
    }
}
