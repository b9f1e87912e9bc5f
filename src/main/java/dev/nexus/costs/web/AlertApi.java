package dev.nexus.costs.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.costs.alerts.AlertJson;
import dev.nexus.costs.alerts.AlertStore;
import dev.nexus.costs.error.NexusException;
import dev.nexus.costs.json.Json;
import dev.nexus.costs.projects.Project;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** HTTP for the alerts a project was sent. */
final class AlertApi {

    private static final int MAX_DAYS = 366;

    private final AlertStore alerts;
    private final ProjectApi projectApi;
    private final Clock clock;

    AlertApi(AlertStore alerts, ProjectApi projectApi, Clock clock) {
        this.alerts = alerts;
        this.projectApi = projectApi;
        this.clock = clock;
    }

    void list(Context ctx) {
        Project project = projectApi.visibleProject(ctx);
        LocalDate today = LocalDate.now(clock.withZone(project.timezone()));
        LocalDate from = Requests.date(ctx, "from");
        LocalDate to = Requests.date(ctx, "to");
        LocalDate first = from != null ? from : (to != null ? to : today);
        LocalDate last = to != null ? to : first.isAfter(today) ? first : today;
        if (last.isBefore(first)) {
            throw NexusException.invalid("to", "to must not be before from");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw NexusException.invalid("from", "an alert range spans at most " + MAX_DAYS + " days");
        }
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        alerts.list(project.id(), first, last).forEach(alert -> items.add(AlertJson.of(alert)));
        ctx.json(body);
    }
}
