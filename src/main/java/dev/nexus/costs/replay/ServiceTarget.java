package dev.nexus.costs.replay;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the running service is and the admin token the replay calls it with: {@code NEXUS_URL} (default
 * {@value #DEFAULT_URL}) and {@code NEXUS_ADMIN_TOKEN}, or else the token the service generated and keeps in its
 * data directory ({@code $NEXUS_DATA_DIR/admin-token}, {@code NEXUS_DATA_DIR} default {@code ./data}). Immutable.
 */
record ServiceTarget(URI url, String adminToken) {

    static final String DEFAULT_URL = "http://localhost:7070";

    static ServiceTarget fromEnvironment(Map<String, String> env) {
        return new ServiceTarget(url(env.getOrDefault("NEXUS_URL", DEFAULT_URL)), adminToken(env));
    }

    private static URI url(String text) {
        String trimmed = text.strip().replaceAll("/+$", "");
        try {
            URI url = URI.create(trimmed);
            if (("http".equals(url.getScheme()) || "https".equals(url.getScheme())) && url.getHost() != null) {
                return url;
            }
        } catch (IllegalArgumentException e) {
            throw new ReplayException("NEXUS_URL must be an http(s) URL such as " + DEFAULT_URL + ", not '" + text
                    + "'", e);
        }
        throw new ReplayException("NEXUS_URL must be an http(s) URL such as " + DEFAULT_URL + ", not '" + text + "'");
    }

    private static String adminToken(Map<String, String> env) {
        String configured = env.getOrDefault("NEXUS_ADMIN_TOKEN", "").strip();
        if (!configured.isEmpty()) {
            return configured;
        }
        Path file = Path.of(env.getOrDefault("NEXUS_DATA_DIR", "./data")).resolve("admin-token").toAbsolutePath()
                .normalize();
        try {
            String kept = Files.readString(file).strip();
            if (kept.isEmpty()) {
                throw new ReplayException("the admin token file " + file + " is empty");
            }
            return kept;
        } catch (NoSuchFileException e) {
            throw new ReplayException("no admin token: set NEXUS_ADMIN_TOKEN, or NEXUS_DATA_DIR to the service's "
                    + "data directory (there is no " + file + ")", e);
        } catch (IOException e) {
            throw new ReplayException("cannot read the admin token in " + file + ": " + e.getMessage(), e);
        }
    }
}
