package dev.nexus.costs.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.costs.auth.ApiKeys;
import dev.nexus.costs.auth.Principal;
import dev.nexus.costs.json.Json;
import dev.nexus.costs.projects.Agent;
import dev.nexus.costs.projects.Project;
import dev.nexus.costs.projects.ProjectRegistry;
import io.javalin.http.Context;
import java.util.List;

/** HTTP for projects, agents and project keys. */
final class ProjectApi {

    private final ProjectRegistry projects;
    private final ApiKeys keys;

    ProjectApi(ProjectRegistry projects, ApiKeys keys) {
        this.projects = projects;
        this.keys = keys;
    }

    void createProject(Context ctx) {
        Requests.caller(ctx).requireAdmin();
        ProjectRegistry.Created<Project> created = projects.createProject(Requests.body(ctx));
        ctx.status(created.created() ? 201 : 200).json(view(created.value()));
    }

    void listProjects(Context ctx) {
        Principal caller = Requests.caller(ctx);
        List<Project> visible = projects.projects().stream().filter(p -> caller.mayUse(p.id())).toList();
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        visible.forEach(project -> items.add(view(project)));
        ctx.json(body);
    }

    void getProject(Context ctx) {
        ctx.json(view(visibleProject(ctx)));
    }

    void patchProject(Context ctx) {
        Requests.caller(ctx).requireAdmin();
        ctx.json(view(projects.patchProject(visibleProject(ctx).id(), Requests.body(ctx))));
    }

    void createAgent(Context ctx) {
        Requests.caller(ctx).requireAdmin();
        ProjectRegistry.Created<Agent> created = projects.createAgent(visibleProject(ctx).id(), Requests.body(ctx));
        ctx.status(created.created() ? 201 : 200).json(view(created.value()));
    }

    void listAgents(Context ctx) {
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        projects.agents(visibleProject(ctx).id()).forEach(agent -> items.add(view(agent)));
        ctx.json(body);
    }

    void getAgent(Context ctx) {
        Project project = visibleProject(ctx);
        ctx.json(view(projects.requireAgent(project.id(), Requests.pathId(ctx, "agentId"))));
    }

    void patchAgent(Context ctx) {
        Requests.caller(ctx).requireAdmin();
        Project project = visibleProject(ctx);
        ctx.json(view(projects.patchAgent(project.id(), Requests.pathId(ctx, "agentId"), Requests.body(ctx))));
    }

    void createKey(Context ctx) {
        Requests.caller(ctx).requireAdmin();
        ApiKeys.NewKey key = keys.create(visibleProject(ctx).id());
        ObjectNode body = Json.object().put("id", key.id()).put("key", key.key())
                .put("createdAt", key.createdAt().toString());
        ctx.status(201).json(body);
    }

    void listKeys(Context ctx) {
        Requests.caller(ctx).requireAdmin();
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        for (ApiKeys.KeyInfo key : keys.list(visibleProject(ctx).id())) {
            items.addObject().put("id", key.id()).put("createdAt", key.createdAt().toString())
                    .put("revokedAt", key.revokedAt() == null ? null : key.revokedAt().toString());
        }
        ctx.json(body);
    }

    void revokeKey(Context ctx) {
        Requests.caller(ctx).requireAdmin();
        keys.revoke(visibleProject(ctx).id(), Requests.pathId(ctx, "keyId"));
        ctx.status(204);
    }

    /** The project of the path, when it exists and the caller may see it. */
    Project visibleProject(Context ctx) {
        String id = Requests.pathId(ctx, "id");
        Requests.caller(ctx).requireProject(id);
        return projects.requireProject(id);
    }

    static ObjectNode view(Project project) {
        ObjectNode view = Json.object();
        view.put("id", project.id());
        view.put("name", project.name());
        view.put("status", project.status());
        view.put("timezone", project.timezone().getId());
        view.set("config", project.config());
        view.put("createdAt", project.createdAt().toString());
        return view;
    }

    static ObjectNode view(Agent agent) {
        ObjectNode view = Json.object();
        view.put("id", agent.id());
        view.put("projectId", agent.projectId());
        view.put("name", agent.name());
        view.put("status", agent.status());
        view.set("config", agent.config());
        view.put("createdAt", agent.createdAt().toString());
        return view;
    }
}
