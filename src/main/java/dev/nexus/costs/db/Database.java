package dev.nexus.costs.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.nexus.costs.config.Settings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL the service keeps its records in: a configured server, or an embedded one whose files live
 * under the data directory. Opening it applies the schema migrations.
 *
 * <p>Thread-safe; close it once, after everything that uses it.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;
    private final EmbeddedPostgres embedded;
    private final String description;

    private Database(HikariDataSource pool, EmbeddedPostgres embedded, String description) {
        this.pool = pool;
        this.embedded = embedded;
        this.description = description;
    }

    /** Connects (starting the embedded server when no URL is set) and migrates the schema. */
    public static Database open(Settings settings) {
        EmbeddedPostgres embedded = null;
        String url;
        String user = settings.dbUser();
        String password = settings.dbPassword();
        if (settings.dbUrl().isPresent()) {
            url = settings.dbUrl().get();
        } else {
            embedded = startEmbedded(settings.dataDir().resolve("postgres"));
            url = embedded.getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = "";
        }
        HikariDataSource pool = pool(url, user, password);
        try {
            migrate(pool);
        } catch (RuntimeException e) {
            pool.close();
            closeQuietly(embedded);
            throw e;
        }
        String description = embedded == null
                ? "PostgreSQL at " + url
                : "embedded PostgreSQL at " + url + " (files in " + settings.dataDir().resolve("postgres") + ")";
        return new Database(pool, embedded, description);
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Where the database is, for logs. */
    public String description() {
        return description;
    }

    /** Whether the database answers a trivial query within a second. */
    public boolean isUp() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
        closeQuietly(embedded);
    }

    private static HikariDataSource pool(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("nexus-db");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(16);
        config.setConnectionTimeout(Duration.ofSeconds(3).toMillis());
        config.setValidationTimeout(Duration.ofSeconds(1).toMillis());
        config.setInitializationFailTimeout(Duration.ofSeconds(10).toMillis());
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("connectTimeout", "3");
        config.addDataSourceProperty("socketTimeout", "30");
        return new HikariDataSource(config);
    }

    private static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    private static EmbeddedPostgres startEmbedded(Path dir) {
        try {
            Files.createDirectories(dir);
            boolean fresh = !Files.exists(dir.resolve("PG_VERSION"));
            stopOrphan(dir);
            log.info("Starting embedded PostgreSQL in {}{}", dir, fresh ? " (first start: initialising)" : "");
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("synchronous_commit", "on")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dir, e);
        }
    }

    /**
     * Stops an embedded server that a killed process left running on this data directory, which would keep a
     * new one from starting. The data directory lock of the service makes sure no live service still uses it.
     */
    private static void stopOrphan(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        ProcessHandle orphan = ProcessHandle.of(pid)
                .filter(process -> process.info().command().map(c -> c.endsWith("postgres")).orElse(false))
                .orElse(null);
        if (orphan == null) {
            return;
        }
        log.warn("Stopping embedded PostgreSQL (pid {}) left running by a process that did not shut down", pid);
        orphan.destroy();
        try {
            orphan.onExit().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the embedded PostgreSQL left running", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the embedded PostgreSQL left running (pid " + pid + ") did not stop in 30 s", e);
        }
    }

    private static void closeQuietly(EmbeddedPostgres embedded) {
        if (embedded == null) {
            return;
        }
        try {
            embedded.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
