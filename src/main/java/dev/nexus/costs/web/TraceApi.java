package dev.nexus.costs.web;

import dev.nexus.costs.projects.Project;
import dev.nexus.costs.traces.TraceQuery;
import dev.nexus.costs.traces.TraceService;
import io.javalin.http.Context;

/** HTTP for execution traces. */
final class TraceApi {

    private final TraceService traces;
    private final ProjectApi projectApi;

    TraceApi(TraceService traces, ProjectApi projectApi) {
        this.traces = traces;
        this.projectApi = projectApi;
    }

    void create(Context ctx) {
        TraceService.Created created = traces.create(projectApi.visibleProject(ctx), Requests.body(ctx));
        TraceJson.one(ctx, created.created() ? 201 : 200, created.listing(), traces.events());
    }

    void append(Context ctx) {
        TraceJson.one(ctx, 200, traces.append(Requests.caller(ctx), traceId(ctx), Requests.body(ctx)),
                traces.events());
    }

    void complete(Context ctx) {
        TraceJson.one(ctx, 200, traces.complete(Requests.caller(ctx), traceId(ctx), Requests.body(ctx)),
                traces.events());
    }

    void get(Context ctx) {
        TraceJson.one(ctx, 200, traces.get(Requests.caller(ctx), traceId(ctx)), traces.events());
    }

    void list(Context ctx) {
        Project project = projectApi.visibleProject(ctx);
        TraceQuery query = TraceQuery.of(param(ctx, "status"), param(ctx, "sessionId"), param(ctx, "agentId"),
                Requests.instant(ctx, "from"), Requests.instant(ctx, "to"), param(ctx, "limit"), param(ctx, "cursor"));
        TraceJson.page(ctx, traces.list(project, query), traces.events());
    }

    private static String traceId(Context ctx) {
        return Requests.pathId(ctx, "traceId");
    }

    /** A query parameter, null when absent or empty. */
    private static String param(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
