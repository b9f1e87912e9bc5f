package dev.nexus.costs.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears what other instances sharing the database announce with PostgreSQL's NOTIFY, on a few channels, and
 * hands each payload to its channel's handler. Reconnects when the database comes back. Thread-safe; one thread
 * of its own listens.
 */
public final class PeerNotices implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PeerNotices.class);
    private static final int POLL_MS = 500;

    private final Database database;
    private final Map<String, Consumer<String>> handlers;
    private final Thread thread;
    private volatile boolean running = true;

    public PeerNotices(Database database, Map<String, Consumer<String>> handlers) {
        this.database = database;
        this.handlers = Map.copyOf(handlers);
        this.thread = new Thread(this::run, "nexus-peer-notices");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        boolean warned = false;
        while (running) {
            try (Connection connection = database.connection();
                 Statement listen = connection.createStatement()) {
                for (String channel : handlers.keySet()) {
                    listen.execute("LISTEN " + channel);
                }
                warned = false;
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            hand(notification);
                        }
                    }
                }
            } catch (SQLException e) {
                if (running && !warned) {
                    log.warn("Not hearing other instances until the database answers", e);
                    warned = true;
                }
                pause();
            }
        }
    }

    private void hand(PGNotification notification) {
        try {
            handlers.get(notification.getName()).accept(notification.getParameter());
        } catch (RuntimeException e) {
            log.error("Ignoring a notice on {} that could not be handled: {}", notification.getName(),
                    notification.getParameter(), e);
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
