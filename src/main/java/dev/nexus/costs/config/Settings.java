package dev.nexus.costs.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the service reads from its environment, read once at start and validated in one place.
 *
 * <p>Immutable and thread-safe.
 *
 * @param port               HTTP port ({@code NEXUS_PORT}); 0 picks a free one
 * @param dataDir            where the hot state lives ({@code NEXUS_DATA_DIR})
 * @param dbUrl              JDBC URL of PostgreSQL ({@code NEXUS_DB_URL}); empty runs an embedded one
 * @param adminToken         the admin token ({@code NEXUS_ADMIN_TOKEN}); empty means generated and kept in dataDir
 * @param flushIntervalMs    how often hot state moves to PostgreSQL ({@code NEXUS_FLUSH_INTERVAL_MS})
 * @param pricesFile         a LiteLLM price map replacing the shipped one ({@code NEXUS_PRICES_FILE})
 * @param nodeId             this instance's name in the shared database ({@code NEXUS_NODE_ID})
 * @param counterEntries     capacity of the hot spend counters ({@code NEXUS_COUNTER_ENTRIES})
 * @param eventIdsPerFile    capacity of one file of remembered event ids ({@code NEXUS_EVENT_IDS_PER_FILE})
 * @param traceIdleTimeout   how long a running trace may stay silent ({@code NEXUS_TRACE_IDLE_TIMEOUT_MS})
 * @param maxTraceEventBytes largest JSON {@code data} of one trace event ({@code NEXUS_TRACE_EVENT_MAX_BYTES})
 * @param maxTraceEvents     most events one trace may hold ({@code NEXUS_TRACE_MAX_EVENTS})
 * @param socketSendBufferBytes the kernel send buffer of each accepted connection, 0 for the system's
 *                           ({@code NEXUS_SOCKET_SEND_BUFFER_BYTES}); smaller finds WebSocket clients that
 *                           stopped reading sooner
 */
public record Settings(
        int port,
        Path dataDir,
        Optional<String> dbUrl,
        String dbUser,
        String dbPassword,
        Optional<String> adminToken,
        long flushIntervalMs,
        Optional<Path> pricesFile,
        String nodeId,
        long counterEntries,
        long eventIdsPerFile,
        Duration traceIdleTimeout,
        int maxTraceEventBytes,
        int maxTraceEvents,
        int socketSendBufferBytes) {

    /** Reads the settings from environment variables, failing with a message that names the bad one. */
    public static Settings fromEnvironment(Map<String, String> env) {
        return new Settings(
                intSetting(env, "NEXUS_PORT", 7070, 0, 65535),
                Path.of(env.getOrDefault("NEXUS_DATA_DIR", "./data")).toAbsolutePath().normalize(),
                text(env, "NEXUS_DB_URL"),
                env.getOrDefault("NEXUS_DB_USER", "postgres"),
                env.getOrDefault("NEXUS_DB_PASSWORD", ""),
                text(env, "NEXUS_ADMIN_TOKEN"),
                longSetting(env, "NEXUS_FLUSH_INTERVAL_MS", 1000, 10, 3_600_000),
                text(env, "NEXUS_PRICES_FILE").map(Path::of),
                text(env, "NEXUS_NODE_ID").orElseGet(Settings::hostName),
                longSetting(env, "NEXUS_COUNTER_ENTRIES", 200_000, 1_000, 1_000_000_000),
                longSetting(env, "NEXUS_EVENT_IDS_PER_FILE", 1_000_000, 1_000, 1_000_000_000),
                Duration.ofMillis(longSetting(env, "NEXUS_TRACE_IDLE_TIMEOUT_MS", 3_600_000, 1_000, Long.MAX_VALUE)),
                intSetting(env, "NEXUS_TRACE_EVENT_MAX_BYTES", 64 * 1024, 1, 16 * 1024 * 1024),
                intSetting(env, "NEXUS_TRACE_MAX_EVENTS", 10_000, 1, 10_000_000),
                intSetting(env, "NEXUS_SOCKET_SEND_BUFFER_BYTES", 0, 0, 64 * 1024 * 1024));
    }

    private static Optional<String> text(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static int intSetting(Map<String, String> env, String name, int fallback, int min, int max) {
        return (int) longSetting(env, name, fallback, min, max);
    }

    private static long longSetting(Map<String, String> env, String name, long fallback, long min, long max) {
        Optional<String> raw = text(env, name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.get());
            if (value < min || value > max) {
                throw new SettingsException(name + " must be between " + min + " and " + max + ", not " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new SettingsException(name + " must be a whole number, not '" + raw.get() + "'");
        }
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
            return name.isEmpty() ? "node" : name.substring(0, Math.min(64, name.length()));
        } catch (UnknownHostException e) {
            return "node";
        }
    }
}
