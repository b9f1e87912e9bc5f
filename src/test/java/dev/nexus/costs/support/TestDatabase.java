package dev.nexus.costs.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh, empty PostgreSQL database for one test: on the server at 127.0.0.1:5432 when one answers (user
 * postgres, trust auth), otherwise on one embedded server shared by the test JVM. Dropped on close.
 */
public final class TestDatabase implements AutoCloseable {

    private static final String LOCAL_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static EmbeddedPostgres embedded;

    private final String adminUrl;
    private final String name;

    private TestDatabase(String adminUrl, String name) {
        this.adminUrl = adminUrl;
        this.name = name;
    }

    public static TestDatabase create() {
        String adminUrl = localServerAnswers() ? LOCAL_ADMIN_URL : embeddedAdminUrl();
        String name = "nexus_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(adminUrl, "CREATE DATABASE " + name);
        return new TestDatabase(adminUrl, name);
    }

    /** The JDBC URL of this database. */
    public String url() {
        return adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "postgres", "");
    }

    /** Runs one statement on this database. */
    public void execute(String sql) {
        execute(url(), sql);
    }

    /** The one number a query answers, such as a sum or a count; 0 for SQL NULL. */
    public long queryLong(String sql) {
        try (Connection connection = connect();
             Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + url(), e);
        }
    }

    /** Makes the database refuse every connection, and ends those it has, as if the server had gone away. */
    public void refuseConnections() {
        execute(adminUrl, "ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS false");
        execute(adminUrl, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
    }

    /** Undoes {@link #refuseConnections}. */
    public void allowConnections() {
        execute(adminUrl, "ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS true");
    }

    @Override
    public void close() {
        execute(adminUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static boolean localServerAnswers() {
        try (Connection ignored = DriverManager.getConnection(LOCAL_ADMIN_URL + "?connectTimeout=2", "postgres",
                "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static synchronized String embeddedAdminUrl() {
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.start();
            } catch (IOException e) {
                throw new UncheckedIOException("no PostgreSQL at 127.0.0.1:5432 and the embedded one did not start",
                        e);
            }
        }
        return embedded.getJdbcUrl("postgres", "postgres");
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + url, e);
        }
    }
}
