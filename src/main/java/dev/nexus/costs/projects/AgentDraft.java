package dev.nexus.costs.projects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.costs.error.NexusException;
import dev.nexus.costs.json.Fields;
import dev.nexus.costs.json.Json;

/** An agent as a request describes it, checked, before it is stored. Immutable. */
record AgentDraft(String id, String name, String status, ObjectNode config, Long budgetPerDayNanos) {

    static AgentDraft of(ObjectNode body, String id) {
        String name = Fields.text(body, "name").orElse(id);
        if (name.isBlank() || name.length() > 200) {
            throw NexusException.invalid("name", "name must be 1 to 200 characters");
        }
        String status = Fields.text(body, "status").orElse("active");
        if (!status.equals("active") && !status.equals("paused")) {
            throw NexusException.invalid("status", "status must be active or paused");
        }
        ObjectNode config = Fields.object(body, "config").orElseGet(Json::object);
        return new AgentDraft(id, name, status, config, budgetPerDay(config));
    }

    static Long budgetPerDay(ObjectNode config) {
        Budgets.refuseMisspelt(config, "config", "budgetPerDayUsd");
        return Budgets.budget(config, "budgetPerDayUsd");
    }

    static ObjectNode view(Agent agent) {
        ObjectNode view = Json.object();
        view.put("name", agent.name());
        view.put("status", agent.status());
        view.set("config", agent.config().deepCopy());
        return view;
    }

    boolean sameAs(Agent agent) {
        return name.equals(agent.name()) && status.equals(agent.status()) && config.equals(agent.config());
    }
}
