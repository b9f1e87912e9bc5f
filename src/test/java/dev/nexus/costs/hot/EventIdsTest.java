package dev.nexus.costs.hot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventIdsTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(35);
    private static final SeenEvent SEEN = new SeenEvent(42, 7, 4_500_000, 1);

    @TempDir
    Path dir;

    @Test
    void aFullGenerationIsFollowedByANewFile() throws IOException {
        try (EventIds ids = EventIds.open(dir, 1_000, RETENTION, false, NOW)) {
            rememberIds(ids, 2_500);
        }

        assertEquals(3, generationFiles());
    }

    @Test
    void idsOfEveryGenerationAreFoundAfterAReopen() {
        try (EventIds ids = EventIds.open(dir, 1_000, RETENTION, false, NOW)) {
            rememberIds(ids, 2_500);
        }

        try (EventIds ids = EventIds.open(dir, 1_000, RETENTION, false, NOW)) {
            assertTrue(IntStream.range(0, 2_500).allMatch(i -> ids.find(1, "evt-" + i).isPresent()));
            assertEquals(SEEN, ids.find(1, "evt-1234").orElseThrow());
            assertTrue(ids.find(2, "evt-1234").isEmpty(), "ids are per project");
        }
    }

    @Test
    void aReopenedGenerationFillsUpToItsSizeBeforeANewOneStarts() throws IOException {
        try (EventIds ids = EventIds.open(dir, 1_000, RETENTION, false, NOW)) {
            rememberIds(ids, 600);
        }

        try (EventIds ids = EventIds.open(dir, 1_000, RETENTION, false, NOW)) {
            IntStream.range(600, 1_000).forEach(i -> ids.remember(1, "evt-" + i, SEEN, NOW));
            assertEquals(1, generationFiles());
            ids.remember(1, "evt-1000", SEEN, NOW);
        }

        assertEquals(2, generationFiles());
    }

    @Test
    void rememberingAnIdAgainDoesNotFillTheGeneration() throws IOException {
        try (EventIds ids = EventIds.open(dir, 1_000, RETENTION, false, NOW)) {
            for (int round = 0; round < 3; round++) {
                rememberIds(ids, 900);
            }
        }

        assertEquals(1, generationFiles());
    }

    private static void rememberIds(EventIds ids, int count) {
        for (int i = 0; i < count; i++) {
            ids.remember(1, "evt-" + i, SEEN, NOW);
        }
    }

    private long generationFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".ids")).count();
        }
    }
}
