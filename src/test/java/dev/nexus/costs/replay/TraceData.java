package dev.nexus.costs.replay;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared Azure trace for tests by walking up from the working directory to a {@code shared/} folder. */
final class TraceData {

    private static final Path RELATIVE = Path.of("shared", "data", "azure-llm-2023");

    private TraceData() {
    }

    static Path dir() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(RELATIVE))) {
                return dir.resolve(RELATIVE);
            }
        }
        throw new IllegalStateException("no " + RELATIVE + " in " + start + " or any folder above it; the replay "
                + "tests need the shared Azure trace data");
    }
}
