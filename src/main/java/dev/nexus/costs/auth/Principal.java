package dev.nexus.costs.auth;

import dev.nexus.costs.error.NexusException;

/**
 * Who is calling: the admin, or a key of one project. Immutable.
 *
 * @param projectId the key's project, or null for the admin
 * @param keyId     the key's id, or null for the admin
 */
public record Principal(String projectId, String keyId) {

    public static final Principal ADMIN = new Principal(null, null);

    public boolean isAdmin() {
        return projectId == null;
    }

    /** Whether this caller may act on the project. */
    public boolean mayUse(String project) {
        return isAdmin() || projectId.equals(project);
    }

    /** 403 unless this caller may act on the project. */
    public void requireProject(String project) {
        if (!mayUse(project)) {
            throw NexusException.forbidden("this key belongs to project '" + projectId + "', not '" + project + "'");
        }
    }

    /** 403 unless this caller is the admin. */
    public void requireAdmin() {
        if (!isAdmin()) {
            throw NexusException.forbidden("only the admin token may do this");
        }
    }
}
