package dev.nexus.costs.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.costs.error.NexusException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The one JSON configuration of the service: numbers read as exact decimals, duplicate keys and trailing
 * content refused, decimals written plainly. Thread-safe.
 */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private Json() {
    }

    /** Parses a request body that must be a JSON object; 400 {@code malformed_json} otherwise. */
    public static ObjectNode parseObject(InputStream body) {
        JsonNode node = parse(body);
        if (!node.isObject()) {
            throw new NexusException(NexusException.Kind.INVALID, "malformed_json",
                    "the body must be a JSON object", null);
        }
        return (ObjectNode) node;
    }

    /** Parses a request body; an empty body reads as an empty object. */
    public static JsonNode parse(InputStream body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null || node.isMissingNode() ? MAPPER.createObjectNode() : node;
        } catch (JsonProcessingException e) {
            throw new NexusException(NexusException.Kind.INVALID, "malformed_json",
                    "the body is not valid JSON: " + e.getOriginalMessage(), null);
        } catch (IOException e) {
            throw new NexusException(NexusException.Kind.INVALID, "malformed_json",
                    "the body could not be read: " + e.getMessage(), null);
        }
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + value.getClass().getSimpleName(), e);
        }
    }
}
