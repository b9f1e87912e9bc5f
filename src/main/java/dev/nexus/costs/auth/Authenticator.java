package dev.nexus.costs.auth;

import dev.nexus.costs.error.NexusException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Turns a bearer token into a {@link Principal}. Thread-safe. */
public final class Authenticator {

    private final byte[] adminToken;
    private final ApiKeys keys;

    public Authenticator(String adminToken, ApiKeys keys) {
        this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
        this.keys = keys;
    }

    /** The caller behind the token; 401 when there is none or it is unknown. */
    public Principal authenticate(String token) {
        if (token == null || token.isBlank()) {
            throw new NexusException(NexusException.Kind.UNAUTHENTICATED, "unauthorized",
                    "send 'Authorization: Bearer <token>' with the admin token or a project key", null);
        }
        if (MessageDigest.isEqual(adminToken, token.getBytes(StandardCharsets.UTF_8))) {
            return Principal.ADMIN;
        }
        return keys.find(token)
                .map(key -> new Principal(key.projectId(), key.id()))
                .orElseThrow(() -> new NexusException(NexusException.Kind.UNAUTHENTICATED, "unauthorized",
                        "the token is neither the admin token nor a live project key", null));
    }
}
