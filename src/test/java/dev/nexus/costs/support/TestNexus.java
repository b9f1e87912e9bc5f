package dev.nexus.costs.support;

import dev.nexus.costs.NexusApp;
import dev.nexus.costs.config.Settings;
import io.javalin.testtools.HttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole service for a test: a fresh database and data directory, opened and reopened at will, with HTTP
 * calls made through javalin-testtools on a random port.
 */
public final class TestNexus implements AutoCloseable {

    public static final String ADMIN = "test-admin-token";

    /** What a test does with the running service. */
    @FunctionalInterface
    public interface Calls {
        void run(Api admin) throws Exception;
    }

    private final TestDatabase database;
    private final boolean ownsDatabase;
    private final Path dataDir;
    private final Map<String, String> env = new HashMap<>();
    private Clock clock = Clock.systemUTC();
    private NexusApp app;

    private TestNexus(TestDatabase database, boolean ownsDatabase, Path dataDir) {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        this.dataDir = dataDir;
        env.put("NEXUS_DATA_DIR", dataDir.toString());
        env.put("NEXUS_DB_URL", database.url());
        env.put("NEXUS_ADMIN_TOKEN", ADMIN);
        env.put("NEXUS_FLUSH_INTERVAL_MS", "200");
        env.put("NEXUS_NODE_ID", "node-a");
        env.put("NEXUS_COUNTER_ENTRIES", "10000");
        env.put("NEXUS_EVENT_IDS_PER_FILE", "100000");
        env.put("NEXUS_PORT", "0");
    }

    /** A service on a new database and data directory. */
    public static TestNexus create() {
        return new TestNexus(TestDatabase.create(), true, tempDir());
    }

    /** Another node on the same database, with its own data directory. */
    public TestNexus peer(String nodeId) {
        TestNexus peer = new TestNexus(database, false, tempDir());
        peer.env.putAll(env);
        peer.env.put("NEXUS_DATA_DIR", peer.dataDir.toString());
        peer.env.put("NEXUS_NODE_ID", nodeId);
        return peer;
    }

    public TestNexus set(String name, String value) {
        env.put(name, value);
        return this;
    }

    public TestNexus clock(Clock newClock) {
        this.clock = newClock;
        return this;
    }

    /** Opens the service, listening on a random port, unless it is open. */
    public TestNexus open() {
        if (app == null) {
            app = NexusApp.open(Settings.fromEnvironment(env), clock).start();
        }
        return this;
    }

    /** Opens the service if needed and runs calls against it over HTTP, as the admin. */
    public void http(Calls calls) throws Exception {
        calls.run(api());
    }

    /** A client of the open service, as the admin. */
    public Api api() {
        open();
        return new Api(new HttpClient(app.javalin(), java.net.http.HttpClient.newHttpClient()), ADMIN);
    }

    /** Stops the service as a clean shutdown would. */
    public void stop() {
        if (app != null) {
            app.close();
            app = null;
        }
    }

    public NexusApp app() {
        return open().app;
    }

    public Path dataDir() {
        return dataDir;
    }

    public TestDatabase database() {
        return database;
    }

    @Override
    public void close() {
        stop();
        if (ownsDatabase) {
            database.close();
        }
        deleteTree(dataDir);
    }

    /** Deletes a directory and everything in it. */
    public static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("nexus-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
