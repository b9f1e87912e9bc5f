package dev.nexus.costs.web;

import dev.nexus.costs.auth.Authenticator;
import dev.nexus.costs.json.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;

/** Every route of the service, declared in one place. Handlers only translate HTTP to the domain and back. */
public final class Routes {

    /** Room for a batch of 10,000 usage events with long ids; a body past it is a 413. */
    static final long MAX_BODY_BYTES = 16L * 1024 * 1024;

    private Routes() {
    }

    public static Javalin create(Services services) {
        Authenticator authenticator = services.authenticator();
        ProjectApi projects = new ProjectApi(services.projects(), services.keys());
        UsageApi usage = new UsageApi(services.usage(), services.reports(), services.budgets(), services.projects(),
                projects);
        OpsApi ops = new OpsApi(services.flusher(), services.counters(), services.metrics(), services.nodeId());
        AlertApi alerts = new AlertApi(services.alerts(), projects, services.clock());
        ApprovalApi approvals = new ApprovalApi(services.approvals());
        EventApi events = new EventApi(services.corrections(), services.events(), projects);
        AlertSocket socket = new AlertSocket(authenticator, services.keys(), services.projects());
        services.alertDispatcher().addSink(socket);
        socket.bindMetrics(services.metrics());
        TraceApi traces = new TraceApi(services.traces(), projects);
        StatsApi stats = new StatsApi(services.stats());

        return Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.startup.showJavalinBanner = false;
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/public";
                files.location = Location.CLASSPATH;
            });

            var routes = config.routes;
            ApiErrors.register(routes);
            routes.before("/api/v1/*", ctx -> authenticate(ctx, authenticator));

            routes.get("/health", ops::health);
            routes.get("/metrics", ops::metrics);

            routes.post("/api/v1/projects", projects::createProject);
            routes.get("/api/v1/projects", projects::listProjects);
            routes.get("/api/v1/projects/{id}", projects::getProject);
            routes.patch("/api/v1/projects/{id}", projects::patchProject);
            routes.post("/api/v1/projects/{id}/agents", projects::createAgent);
            routes.get("/api/v1/projects/{id}/agents", projects::listAgents);
            routes.get("/api/v1/projects/{id}/agents/{agentId}", projects::getAgent);
            routes.patch("/api/v1/projects/{id}/agents/{agentId}", projects::patchAgent);
            routes.post("/api/v1/projects/{id}/keys", projects::createKey);
            routes.get("/api/v1/projects/{id}/keys", projects::listKeys);
            routes.delete("/api/v1/projects/{id}/keys/{keyId}", projects::revokeKey);

            routes.post("/api/v1/usage", usage::post);
            routes.get("/api/v1/projects/{id}/budget", usage::budget);
            routes.get("/api/v1/projects/{id}/usage", usage::history);
            routes.get("/api/v1/projects/{id}/costs", usage::costs);
            routes.get("/api/v1/projects/{id}/usage/events/{eventId}", events::get);
            routes.post("/api/v1/projects/{id}/usage/events/{eventId}/correction", events::correct);

            routes.get("/api/v1/projects/{id}/alerts", alerts::list);
            routes.wsBeforeUpgrade("/api/v1/ws", socket::beforeUpgrade);
            routes.ws("/api/v1/ws", socket::configure);

            routes.post("/api/v1/projects/{id}/approvals", approvals::request);
            routes.get("/api/v1/projects/{id}/approvals", approvals::list);
            routes.post("/api/v1/approvals/{approvalId}/approve", approvals::approve);
            routes.post("/api/v1/approvals/{approvalId}/reject", approvals::reject);

            routes.post("/api/v1/projects/{id}/traces", traces::create);
            routes.get("/api/v1/projects/{id}/traces", traces::list);
            routes.post("/api/v1/traces/{traceId}/events", traces::append);
            routes.post("/api/v1/traces/{traceId}/complete", traces::complete);
            routes.get("/api/v1/traces/{traceId}", traces::get);
            routes.get("/api/v1/stats", stats::get);

            routes.get("/admin/nexus", ctx -> page(ctx, "/public/admin/nexus.html"));
            routes.get("/admin/nexus/projects/{id}/costs", ctx -> page(ctx, "/public/admin/costs.html"));
        });
    }

    private static void authenticate(Context ctx, Authenticator authenticator) {
        ctx.attribute(Requests.PRINCIPAL, authenticator.authenticate(token(ctx)));
    }

    static String token(Context ctx) {
        return bearer(ctx.header("Authorization"), ctx.queryParam("token"));
    }

    /** The bearer token of an Authorization header, or the {@code token} query parameter without one. */
    static String bearer(String header, String queryToken) {
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim()
                : queryToken;
    }

    private static void page(Context ctx, String resource) {
        var page = Routes.class.getResourceAsStream(resource);
        if (page == null) {
            ctx.status(404).result("page not found");
            return;
        }
        ctx.contentType("text/html; charset=utf-8").result(page);
    }
}
