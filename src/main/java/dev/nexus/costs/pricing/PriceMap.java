package dev.nexus.costs.pricing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.costs.error.NexusException;
import dev.nexus.costs.money.Money;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Model prices in the format of LiteLLM's {@code model_prices_and_context_window.json}, and the cost of a call.
 *
 * <p>Prices are read as exact decimals, so a cost is exact until it is rounded half-even to 1e-9 USD once.
 * Calls of more than 200,000 input tokens are billed wholly at the {@code _above_200k_tokens} prices where the
 * map has them. Immutable and thread-safe.
 */
public final class PriceMap {

    public static final String SHIPPED_RESOURCE = "/prices/model_prices_and_context_window.json";
    private static final long LONG_CONTEXT_TOKENS = 200_000;
    private static final String LONG_CONTEXT_SUFFIX = "_above_200k_tokens";

    private final Map<String, ModelPrice> base;
    private final Map<String, ModelPrice> longContext;
    private final String source;

    private PriceMap(Map<String, ModelPrice> base, Map<String, ModelPrice> longContext, String source) {
        this.base = Map.copyOf(base);
        this.longContext = Map.copyOf(longContext);
        this.source = source;
    }

    /** The map shipped inside the JAR. */
    public static PriceMap shipped() {
        try (InputStream in = PriceMap.class.getResourceAsStream(SHIPPED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the shipped price map " + SHIPPED_RESOURCE + " is missing");
            }
            return parse(in, "shipped " + SHIPPED_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped price map", e);
        }
    }

    /** A map read from a file; fails with the file's name when it is not a LiteLLM price map. */
    public static PriceMap fromFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the price map " + file + ": " + e.getMessage(), e);
        }
    }

    static PriceMap parse(InputStream in, String source) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        JsonNode root = mapper.readTree(in);
        if (root == null || !root.isObject()) {
            throw new IOException("a price map is a JSON object from model name to prices");
        }
        Map<String, ModelPrice> base = new HashMap<>();
        Map<String, ModelPrice> longContext = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> model = it.next();
            JsonNode prices = model.getValue();
            if (!prices.isObject() || price(prices, "input_cost_per_token") == null
                    || price(prices, "output_cost_per_token") == null) {
                continue;
            }
            base.put(model.getKey(), prices(prices, ""));
            ModelPrice tier = prices(prices, LONG_CONTEXT_SUFFIX);
            if (tier.input() != null || tier.output() != null || tier.cacheRead() != null
                    || tier.cacheCreation() != null || tier.reasoning() != null) {
                longContext.put(model.getKey(), tier);
            }
        }
        return new PriceMap(base, longContext, source);
    }

    /** The cost of a call in nano-dollars, rounded half-even once; 422 {@code unknown_model} if not priced. */
    public long costNanos(String model, TokenCounts tokens) {
        ModelPrice price = base.get(model);
        if (price == null) {
            throw new NexusException(NexusException.Kind.UNPROCESSABLE, "unknown_model",
                    "model '" + model + "' has no per-token prices in the price map; send costUsd instead",
                    "model");
        }
        ModelPrice tier = longContext.get(model);
        if (tier != null && tokens.input() > LONG_CONTEXT_TOKENS) {
            price = price.overriddenBy(tier);
        }
        return Money.toNanos(price.cost(tokens));
    }

    public boolean knows(String model) {
        return base.containsKey(model);
    }

    public int size() {
        return base.size();
    }

    public String source() {
        return source;
    }

    private static ModelPrice prices(JsonNode prices, String suffix) {
        return new ModelPrice(
                price(prices, "input_cost_per_token" + suffix),
                price(prices, "output_cost_per_token" + suffix),
                price(prices, "cache_read_input_token_cost" + suffix),
                price(prices, "cache_creation_input_token_cost" + suffix),
                price(prices, "output_cost_per_reasoning_token" + suffix));
    }

    private static BigDecimal price(JsonNode prices, String field) {
        JsonNode value = prices.get(field);
        return value != null && value.isNumber() ? value.decimalValue() : null;
    }
}
