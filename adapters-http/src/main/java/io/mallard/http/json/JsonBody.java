package io.mallard.http.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mallard.application.validation.InvalidInputException;
import io.mallard.domain.event.SiteId;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Strict reading of small JSON request bodies for the management API: a JSON object, UTF-8,
 * no duplicate keys, typed fields. Every failure is an {@link InvalidInputException} naming the
 * field (a 400), never a 500. Unknown keys are ignored.
 */
public final class JsonBody {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    private static final int MAX_SITES = 1000;

    private final JsonNode root;

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    /** The strict mapper itself, for callers that read nested JSON (the tracker's props). */
    public static ObjectMapper mapper() {
        return JSON;
    }

    public static JsonBody parse(byte[] body) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException malformed) {
            throw new InvalidInputException("body", "body must be a JSON object (UTF-8)");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("body", "body must be a JSON object");
        }
        return new JsonBody(root);
    }

    /** A string field, or null when absent or null. */
    public String optionalText(String key) {
        JsonNode value = root.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidInputException(key, key + " must be a string");
        }
        return value.textValue();
    }

    /** An integer field (fits an int), or null when absent or null. */
    public Integer optionalInteger(String key) {
        JsonNode value = root.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new InvalidInputException(key, key + " must be an integer");
        }
        return value.intValue();
    }

    /** A number field, or null when absent or null. */
    public Double optionalNumber(String key) {
        JsonNode value = root.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new InvalidInputException(key, key + " must be a number");
        }
        return value.doubleValue();
    }

    /** The raw value of a field (null when absent), for fields with their own rules. */
    public JsonNode raw(String key) {
        return root.get(key);
    }

    public String text(String key) {
        String value = optionalText(key);
        if (value == null) {
            throw new InvalidInputException(key, key + " is required");
        }
        return value;
    }

    /** A list of site ids (at most 1000), empty when absent or null. */
    public Set<SiteId> siteIds(String key) {
        Set<SiteId> sites = new LinkedHashSet<>();
        for (String value : texts(key, MAX_SITES)) {
            try {
                sites.add(new SiteId(value));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(key, e.getMessage());
            }
        }
        return sites;
    }

    /** A list of strings, empty when absent or null. */
    public List<String> texts(String key, int maxItems) {
        JsonNode value = root.get(key);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray() || value.size() > maxItems) {
            throw new InvalidInputException(key, key + " must be an array of at most " + maxItems + " strings");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new InvalidInputException(key, key + " must be an array of strings");
            }
            items.add(item.textValue());
        }
        return items;
    }
}
