package dev.nexus.costs.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.costs.approvals.Approval;
import dev.nexus.costs.approvals.ApprovalService;
import dev.nexus.costs.json.Json;
import dev.nexus.costs.money.Money;
import io.javalin.http.Context;

/** HTTP for budget approvals: project keys ask, the admin decides. */
final class ApprovalApi {

    private final ApprovalService approvals;

    ApprovalApi(ApprovalService approvals) {
        this.approvals = approvals;
    }

    void request(Context ctx) {
        Approval approval = approvals.request(Requests.caller(ctx), Requests.pathId(ctx, "id"), Requests.body(ctx));
        ctx.status(201).json(view(approval));
    }

    void list(Context ctx) {
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        approvals.list(Requests.caller(ctx), Requests.pathId(ctx, "id"), ctx.queryParam("status"))
                .forEach(approval -> items.add(view(approval)));
        ctx.json(body);
    }

    void approve(Context ctx) {
        ctx.json(view(approvals.approve(Requests.caller(ctx), Requests.pathId(ctx, "approvalId"))));
    }

    void reject(Context ctx) {
        ctx.json(view(approvals.reject(Requests.caller(ctx), Requests.pathId(ctx, "approvalId"))));
    }

    static ObjectNode view(Approval approval) {
        ObjectNode view = Json.object();
        view.put("id", approval.id());
        view.put("projectId", approval.projectId());
        view.put("agentId", approval.agentId());
        view.put("scope", approval.scope().wireName());
        view.put("period", approval.period());
        view.put("requestedUsd", Money.toUsd(approval.requestedNanos()));
        view.put("reason", approval.reason());
        view.put("status", approval.status());
        view.put("createdAt", approval.createdAt().toString());
        view.put("decidedAt", approval.decidedAt() == null ? null : approval.decidedAt().toString());
        return view;
    }
}
