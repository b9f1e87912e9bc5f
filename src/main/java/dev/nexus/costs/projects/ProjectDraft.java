package dev.nexus.costs.projects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.costs.error.NexusException;
import dev.nexus.costs.json.Fields;
import dev.nexus.costs.json.Json;
import java.time.ZoneId;

/** A project as a request describes it, checked, before it is stored. Immutable. */
record ProjectDraft(String id, String name, String status, ZoneId timezone, ObjectNode config, Budgets budgets) {

    static ProjectDraft of(ObjectNode body, String id) {
        String name = Fields.text(body, "name").orElse(id);
        if (name.isBlank() || name.length() > 200) {
            throw NexusException.invalid("name", "name must be 1 to 200 characters");
        }
        String status = Fields.text(body, "status").orElse("active");
        if (!status.equals("active") && !status.equals("archived")) {
            throw NexusException.invalid("status", "status must be active or archived");
        }
        ZoneId timezone = ProjectRegistry.zone(Fields.text(body, "timezone").orElse("UTC"));
        ObjectNode config = Fields.object(body, "config").orElseGet(Json::object);
        return new ProjectDraft(id, name, status, timezone, config, Budgets.of(config));
    }

    /** The writable fields of a stored project, as a patch is applied to them. */
    static ObjectNode view(Project project) {
        ObjectNode view = Json.object();
        view.put("name", project.name());
        view.put("status", project.status());
        view.put("timezone", project.timezone().getId());
        view.set("config", project.config().deepCopy());
        return view;
    }

    boolean sameAs(Project project) {
        return name.equals(project.name()) && status.equals(project.status())
                && timezone.equals(project.timezone()) && config.equals(project.config());
    }
}
