package dev.nexus.costs.projects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.costs.error.NexusException;
import dev.nexus.costs.json.Fields;
import dev.nexus.costs.money.Money;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a project's {@code config} says about money: its daily and monthly budgets (null for no limit), the
 * percents at which alerts go out, lowest first, and where alerts are posted. Immutable.
 */
public record Budgets(Long dailyNanos, Long monthlyNanos, List<Integer> alertThresholds, Optional<URI> alertWebhook) {

    public static final List<Integer> DEFAULT_THRESHOLDS = List.of(50, 80, 100);
    static final BigDecimal MAX_BUDGET_USD = BigDecimal.valueOf(1_000_000_000L);

    /** Reads and checks a project's config; a bad value is a 400 naming its path. */
    public static Budgets of(ObjectNode config) {
        refuseMisspelt(config, "config", "costConfig", "alertWebhookUrl");
        ObjectNode costConfig = Fields.object(config, "costConfig").orElse(config.objectNode());
        for (var names = costConfig.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!List.of("dailyBudgetUSD", "monthlyBudgetUSD", "alertThresholds").contains(name)) {
                throw NexusException.invalid("config.costConfig." + name, "config.costConfig takes dailyBudgetUSD, "
                        + "monthlyBudgetUSD and alertThresholds, not '" + name + "'");
            }
        }
        Long daily = budget(costConfig, "dailyBudgetUSD");
        Long monthly = budget(costConfig, "monthlyBudgetUSD");
        List<Integer> thresholds = thresholds(costConfig.get("alertThresholds"));
        Optional<URI> webhook = Fields.text(config, "alertWebhookUrl").map(Budgets::webhook);
        return new Budgets(daily, monthly, thresholds, webhook);
    }

    /**
     * Refuses a key that differs from a known one only in case, such as {@code costconfig}: kept silently, it
     * would leave a budget unset.
     */
    static void refuseMisspelt(ObjectNode node, String path, String... known) {
        for (var names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            for (String k : known) {
                if (!k.equals(name) && k.equalsIgnoreCase(name)) {
                    throw NexusException.invalid(path + "." + name, path + "." + name + " is spelt " + k);
                }
            }
        }
    }

    /** A budget in USD as nano-dollars, or null when absent or null. */
    static Long budget(ObjectNode node, String field) {
        return Fields.decimal(node, field, BigDecimal.ZERO, MAX_BUDGET_USD).map(Money::toNanos).orElse(null);
    }

    private static List<Integer> thresholds(JsonNode value) {
        if (value == null || value.isNull()) {
            return DEFAULT_THRESHOLDS;
        }
        String field = "config.costConfig.alertThresholds";
        if (!value.isArray() || value.isEmpty()) {
            throw NexusException.invalid(field, field + " must be a non-empty array of percents");
        }
        TreeSet<Integer> percents = new TreeSet<>();
        for (JsonNode percent : value) {
            if (!percent.isIntegralNumber() || percent.asLong() < 1 || percent.asLong() > 1000) {
                throw NexusException.invalid(field, field + " must hold whole percents from 1 to 1000");
            }
            percents.add(percent.asInt());
        }
        return List.copyOf(new ArrayList<>(percents));
    }

    private static URI webhook(String url) {
        try {
            URI uri = URI.create(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw NexusException.invalid("config.alertWebhookUrl", "config.alertWebhookUrl must be an http(s) URL");
    }
}
