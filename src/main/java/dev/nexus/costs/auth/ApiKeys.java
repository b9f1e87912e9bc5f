package dev.nexus.costs.auth;

import dev.nexus.costs.db.ChangeFeed;
import dev.nexus.costs.db.Database;
import dev.nexus.costs.error.NexusException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Project keys. A key is shown once, when made; the database keeps only its SHA-256, and memory keeps the
 * live ones by hash so that a request is checked without a database call. Thread-safe.
 */
public final class ApiKeys {

    /** A key as listed: never its secret. */
    public record KeyInfo(String id, String projectId, Instant createdAt, Instant revokedAt) {
    }

    /** A key just made, with the secret that is shown this once. */
    public record NewKey(String id, String key, Instant createdAt) {
    }

    private static final String PREFIX = "nxk_";
    private final SecureRandom random = new SecureRandom();
    private final Database database;
    private final ChangeFeed changes;
    private final Clock clock;
    private final Map<String, KeyInfo> liveByHash = new ConcurrentHashMap<>();
    private final Set<String> liveIds = ConcurrentHashMap.newKeySet();

    public ApiKeys(Database database, ChangeFeed changes, Clock clock) {
        this.database = database;
        this.changes = changes;
        this.clock = clock;
    }

    /** Loads the live keys; again when another instance made or revoked one, dropping those revoked there. */
    public synchronized void load() {
        Map<String, KeyInfo> loaded = new HashMap<>();
        String sql = "SELECT id, project_id, key_hash, created_at FROM project_keys WHERE revoked_at IS NULL";
        try (Connection connection = database.connection();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                KeyInfo info = new KeyInfo(rows.getString(1), rows.getString(2),
                        rows.getTimestamp(4).toInstant(), null);
                loaded.put(HexFormat.of().formatHex(rows.getBytes(3)), info);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load project keys", e);
        }
        liveByHash.putAll(loaded);
        liveByHash.keySet().retainAll(loaded.keySet());
        loaded.values().forEach(key -> liveIds.add(key.id()));
        liveIds.removeIf(id -> loaded.values().stream().noneMatch(key -> key.id().equals(id)));
    }

    /** The live key with this secret, if any. */
    public Optional<KeyInfo> find(String secret) {
        if (!secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return Optional.ofNullable(liveByHash.get(HexFormat.of().formatHex(sha256(secret))));
    }

    public synchronized NewKey create(String projectId) {
        byte[] secretBytes = new byte[24];
        random.nextBytes(secretBytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        String id = "key_" + HexFormat.of().formatHex(secretBytes, 0, 6);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        byte[] hash = sha256(secret);
        update("INSERT INTO project_keys (id, project_id, key_hash, created_at) VALUES (?, ?, ?, ?)",
                id, projectId, hash, Timestamp.from(now));
        liveByHash.put(HexFormat.of().formatHex(hash), new KeyInfo(id, projectId, now, null));
        liveIds.add(id);
        changes.announce();
        return new NewKey(id, secret, now);
    }

    public List<KeyInfo> list(String projectId) {
        String sql = "SELECT id, created_at, revoked_at FROM project_keys WHERE project_id = ? ORDER BY created_at";
        List<KeyInfo> keys = new ArrayList<>();
        try (Connection connection = database.connection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, projectId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Timestamp revoked = rows.getTimestamp(3);
                    keys.add(new KeyInfo(rows.getString(1), projectId, rows.getTimestamp(2).toInstant(),
                            revoked == null ? null : revoked.toInstant()));
                }
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
        return keys;
    }

    /** Revokes a key of the project; 404 when the project has no such live key. */
    public synchronized void revoke(String projectId, String keyId) {
        int changed = update("UPDATE project_keys SET revoked_at = ? WHERE id = ? AND project_id = ? "
                + "AND revoked_at IS NULL", Timestamp.from(clock.instant()), keyId, projectId);
        if (changed == 0) {
            throw NexusException.notFound("key", keyId);
        }
        liveIds.remove(keyId);
        liveByHash.values().removeIf(key -> key.id().equals(keyId));
        changes.announce();
    }

    /** Whether the key with this id is live: made here or loaded at start, and not revoked. */
    public boolean isLive(String keyId) {
        return liveIds.contains(keyId);
    }

    private int update(String sql, Object... parameters) {
        try (Connection connection = database.connection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static NexusException unavailable(SQLException e) {
        return NexusException.unavailable("database_unavailable", "the database cannot serve keys now", e);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
