package dev.nexus.costs.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.costs.budget.Scope;
import dev.nexus.costs.db.Database;
import dev.nexus.costs.json.Json;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears the alerts that other instances sharing the database sent, over PostgreSQL's LISTEN/NOTIFY, so that a
 * WebSocket client hears every alert of its project whichever instance it is connected to. Reconnects when the
 * database comes back. Thread-safe; one thread of its own listens.
 */
public final class PeerAlerts implements AutoCloseable {

    static final String CHANNEL = "nexus_alerts";
    private static final Logger log = LoggerFactory.getLogger(PeerAlerts.class);
    private static final int POLL_MS = 500;

    private final Database database;
    private final String nodeId;
    private final AlertDispatcher dispatcher;
    private final Thread thread;
    private volatile boolean running = true;

    public PeerAlerts(Database database, String nodeId, AlertDispatcher dispatcher) {
        this.database = database;
        this.nodeId = nodeId;
        this.dispatcher = dispatcher;
        this.thread = new Thread(this::run, "nexus-peer-alerts");
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

    /** The notification payload for an alert that {@code node} claimed. */
    static String announcement(String node, Alert alert) {
        ObjectNode json = Json.object();
        json.put("node", node);
        json.put("scope", alert.scope().wireName());
        json.put("projectId", alert.projectId());
        json.put("subjectId", alert.subjectId());
        json.put("agentId", alert.agentId());
        json.put("period", alert.period());
        json.put("threshold", alert.threshold());
        json.put("budgetNanos", alert.budgetNanos());
        json.put("spendNanos", alert.currentSpendNanos());
        json.put("percent", alert.percent());
        json.put("sessionId", alert.sessionId());
        json.put("at", alert.at().toString());
        return Json.write(json);
    }

    private void run() {
        boolean warned = false;
        while (running) {
            try (Connection connection = database.connection();
                 Statement listen = connection.createStatement()) {
                listen.execute("LISTEN " + CHANNEL);
                warned = false;
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            hear(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running && !warned) {
                    log.warn("Not hearing other instances' alerts until the database answers", e);
                    warned = true;
                }
                pause();
            }
        }
    }

    private void hear(String payload) {
        try {
            JsonNode json = Json.MAPPER.readTree(payload);
            if (nodeId.equals(json.path("node").asText())) {
                return;
            }
            dispatcher.deliverFromPeer(new Alert(Scope.fromWire(json.get("scope").asText()).orElseThrow(),
                    json.get("projectId").asText(), json.get("subjectId").asText(), text(json, "agentId"),
                    json.get("period").asText(), json.get("threshold").asInt(), json.get("budgetNanos").asLong(),
                    json.get("spendNanos").asLong(), json.get("percent").asInt(), text(json, "sessionId"),
                    Instant.parse(json.get("at").asText())));
        } catch (IOException | RuntimeException e) {
            log.error("Ignoring an alert announcement that cannot be read: {}", payload, e);
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
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
