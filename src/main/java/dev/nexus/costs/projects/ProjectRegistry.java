package dev.nexus.costs.projects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.costs.db.ChangeFeed;
import dev.nexus.costs.db.Database;
import dev.nexus.costs.error.NexusException;
import dev.nexus.costs.json.Fields;
import dev.nexus.costs.json.Json;
import dev.nexus.costs.json.MergePatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Projects and agents: kept in PostgreSQL, served from memory so that ingest and budget checks never wait on
 * the database.
 *
 * <p>Thread-safe. Reads are lock-free; writes are serialised and reach the database before memory.
 */
public final class ProjectRegistry {

    private static final String[] PROJECT_FIELDS = {"id", "name", "status", "timezone", "config", "createdAt"};
    private static final String[] AGENT_FIELDS = {"id", "projectId", "name", "status", "config", "createdAt"};

    /** The outcome of a create: the stored record, and whether this call made it. */
    public record Created<T>(T value, boolean created) {
    }

    private final Database database;
    private final ChangeFeed changes;
    private final Clock clock;
    private final Map<String, Project> projects = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Agent>> agents = new ConcurrentHashMap<>();
    private final List<ProjectListener> listeners = new CopyOnWriteArrayList<>();

    public ProjectRegistry(Database database, ChangeFeed changes, Clock clock) {
        this.database = database;
        this.changes = changes;
        this.clock = clock;
    }

    /** Loads every project and agent from the database; again when another instance changed them. */
    public synchronized void load() {
        try (Connection connection = database.connection()) {
            loadProjects(connection);
            loadAgents(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load projects and agents", e);
        }
    }

    public void addListener(ProjectListener listener) {
        listeners.add(listener);
    }

    public Optional<Project> project(String id) {
        return Optional.ofNullable(projects.get(id));
    }

    public Project requireProject(String id) {
        return project(id).orElseThrow(() -> NexusException.notFound("project", id));
    }

    public List<Project> projects() {
        return projects.values().stream().sorted(Comparator.comparing(Project::createdAt)
                .thenComparing(Project::id)).toList();
    }

    public Optional<Agent> agent(String projectId, String agentId) {
        Map<String, Agent> ofProject = agents.get(projectId);
        return ofProject == null ? Optional.empty() : Optional.ofNullable(ofProject.get(agentId));
    }

    public Agent requireAgent(String projectId, String agentId) {
        requireProject(projectId);
        return agent(projectId, agentId).orElseThrow(() -> NexusException.notFound("agent", agentId));
    }

    public List<Agent> agents(String projectId) {
        Collection<Agent> ofProject = agents.getOrDefault(projectId, Map.of()).values();
        return ofProject.stream().sorted(Comparator.comparing(Agent::createdAt).thenComparing(Agent::id)).toList();
    }

    public int agentCount() {
        return agents.values().stream().mapToInt(Map::size).sum();
    }

    /** Creates a project; the same id with the same content answers the existing one, other content a 409. */
    public synchronized Created<Project> createProject(ObjectNode body) {
        Fields.onlyKnown(body, PROJECT_FIELDS);
        String id = Fields.id(body, "id").orElseGet(() -> generatedId("prj"));
        ProjectDraft draft = ProjectDraft.of(body, id);
        Project existing = projects.get(id);
        if (existing != null) {
            if (draft.sameAs(existing)) {
                return new Created<>(existing, false);
            }
            throw NexusException.conflict("id_conflict", "project '" + id + "' exists with other content");
        }
        Project project = insertProject(draft, now());
        projects.put(id, project);
        agents.putIfAbsent(id, new ConcurrentHashMap<>());
        changes.announce();
        return new Created<>(project, true);
    }

    /** Applies a JSON merge patch to a project's name, status, timezone and config. */
    public synchronized Project patchProject(String id, ObjectNode patch) {
        Project before = requireProject(id);
        Fields.onlyKnown(patch, PROJECT_FIELDS);
        refuseChange(patch, "id", before.id());
        ObjectNode merged = (ObjectNode) MergePatch.apply(ProjectDraft.view(before), patch);
        merged.remove("createdAt");
        ProjectDraft draft = ProjectDraft.of(merged, id);
        Project after = new Project(id, before.num(), draft.name(), draft.status(), draft.timezone(), draft.config(),
                draft.budgets(), before.createdAt());
        execute("UPDATE projects SET name = ?, status = ?, timezone = ?, config = ?::jsonb WHERE id = ?",
                draft.name(), draft.status(), draft.timezone().getId(), Json.write(draft.config()), id);
        projects.put(id, after);
        changes.announce();
        listeners.forEach(listener -> listener.projectChanged(before, after));
        return after;
    }

    /** Creates an agent in a project; the same id with the same content answers the existing one. */
    public synchronized Created<Agent> createAgent(String projectId, ObjectNode body) {
        requireProject(projectId);
        Fields.onlyKnown(body, AGENT_FIELDS);
        Fields.text(body, "projectId").filter(given -> !given.equals(projectId)).ifPresent(given -> {
            throw NexusException.invalid("projectId", "projectId must be the project of the path");
        });
        String id = Fields.id(body, "id").orElseGet(() -> generatedId("agt"));
        AgentDraft draft = AgentDraft.of(body, id);
        Agent existing = agent(projectId, id).orElse(null);
        if (existing != null) {
            if (draft.sameAs(existing)) {
                return new Created<>(existing, false);
            }
            throw NexusException.conflict("id_conflict", "agent '" + id + "' exists with other content");
        }
        Agent agent = insertAgent(projectId, draft, now());
        agents.computeIfAbsent(projectId, key -> new ConcurrentHashMap<>()).put(id, agent);
        changes.announce();
        return new Created<>(agent, true);
    }

    /** Applies a JSON merge patch to an agent's name, status and config. */
    public synchronized Agent patchAgent(String projectId, String agentId, ObjectNode patch) {
        Agent before = requireAgent(projectId, agentId);
        Fields.onlyKnown(patch, AGENT_FIELDS);
        refuseChange(patch, "id", before.id());
        refuseChange(patch, "projectId", before.projectId());
        ObjectNode merged = (ObjectNode) MergePatch.apply(AgentDraft.view(before), patch);
        AgentDraft draft = AgentDraft.of(merged, agentId);
        Agent after = new Agent(projectId, agentId, before.num(), draft.name(), draft.status(), draft.config(),
                draft.budgetPerDayNanos(), before.createdAt());
        execute("UPDATE agents SET name = ?, status = ?, config = ?::jsonb WHERE project_id = ? AND id = ?",
                draft.name(), draft.status(), Json.write(draft.config()), projectId, agentId);
        agents.get(projectId).put(agentId, after);
        changes.announce();
        listeners.forEach(listener -> listener.agentChanged(before, after));
        return after;
    }

    private Project insertProject(ProjectDraft draft, Instant createdAt) {
        String sql = "INSERT INTO projects (id, name, status, timezone, config, created_at) "
                + "VALUES (?, ?, ?, ?, ?::jsonb, ?) RETURNING num";
        int num = insertReturningNum(sql, draft.id(), draft.name(), draft.status(), draft.timezone().getId(),
                Json.write(draft.config()), Timestamp.from(createdAt));
        return new Project(draft.id(), num, draft.name(), draft.status(), draft.timezone(), draft.config(),
                draft.budgets(), createdAt);
    }

    private Agent insertAgent(String projectId, AgentDraft draft, Instant createdAt) {
        String sql = "INSERT INTO agents (project_id, id, name, status, config, created_at) "
                + "VALUES (?, ?, ?, ?, ?::jsonb, ?) RETURNING num";
        int num = insertReturningNum(sql, projectId, draft.id(), draft.name(), draft.status(),
                Json.write(draft.config()), Timestamp.from(createdAt));
        return new Agent(projectId, draft.id(), num, draft.name(), draft.status(), draft.config(),
                draft.budgetPerDayNanos(), createdAt);
    }

    private void loadProjects(Connection connection) throws SQLException {
        String sql = "SELECT id, num, name, status, timezone, config::text, created_at FROM projects";
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                ObjectNode config = (ObjectNode) Json.MAPPER.readTree(rows.getString(6));
                Project project = new Project(rows.getString(1), rows.getInt(2), rows.getString(3),
                        rows.getString(4), ZoneId.of(rows.getString(5)), config, Budgets.of(config),
                        rows.getTimestamp(7).toInstant());
                projects.put(project.id(), project);
                agents.putIfAbsent(project.id(), new ConcurrentHashMap<>());
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("a stored project config is not JSON", e);
        }
    }

    private void loadAgents(Connection connection) throws SQLException {
        String sql = "SELECT project_id, id, num, name, status, config::text, created_at FROM agents";
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                ObjectNode config = (ObjectNode) Json.MAPPER.readTree(rows.getString(6));
                Agent agent = new Agent(rows.getString(1), rows.getString(2), rows.getInt(3), rows.getString(4),
                        rows.getString(5), config, AgentDraft.budgetPerDay(config),
                        rows.getTimestamp(7).toInstant());
                agents.computeIfAbsent(agent.projectId(), key -> new ConcurrentHashMap<>()).put(agent.id(), agent);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("a stored agent config is not JSON", e);
        }
    }

    private int insertReturningNum(String sql, Object... parameters) {
        try (Connection connection = database.connection();
             PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private void execute(String sql, Object... parameters) {
        try (Connection connection = database.connection();
             PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    private static NexusException unavailable(SQLException e) {
        return NexusException.unavailable("database_unavailable",
                "the database cannot store this change now; try again", e);
    }

    private static void refuseChange(ObjectNode patch, String field, String current) {
        JsonNode value = patch.get(field);
        if (value != null && !(value.isTextual() && value.textValue().equals(current))) {
            throw NexusException.invalid(field, field + " cannot be changed");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static String generatedId(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    static ZoneId zone(String name) {
        try {
            if (!name.equals("UTC") && !ZoneId.getAvailableZoneIds().contains(name)) {
                throw new DateTimeException("not an IANA zone");
            }
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw NexusException.invalid("timezone", "timezone must be an IANA zone name such as Europe/Madrid, "
                    + "not '" + name + "'");
        }
    }
}
