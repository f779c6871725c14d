package io.mallard.http.stats;

import com.fasterxml.jackson.databind.JsonNode;
import io.mallard.application.validation.InvalidInputException;
import io.mallard.domain.stats.Dimension;
import io.mallard.domain.stats.Filter;
import io.mallard.domain.stats.Filters;
import io.mallard.http.json.JsonBody;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code filters} query parameter: a JSON array of conditions, each
 * {@code [operator, dimension, [values...]]} as in Plausible's Stats API v2, e.g.
 * {@code [["is","visit:source",["Google","Bing"]],["matches_wildcard","event:page",["/blog/*"]]]}.
 * Conditions are ANDed; the values of one condition are ORed. Dimensions are named as in
 * {@link Dimension#filterName()} with an optional {@code visit:} / {@code event:} prefix; a custom
 * property is {@code prop:KEY} (or {@code event:props:KEY}).
 */
public final class FiltersParameter {
    static final String NAME = "filters";
    private static final int MAX_LENGTH = 20_000;

    private FiltersParameter() {
    }

    public static Filters parse(String text) {
        if (text == null || text.isBlank()) {
            return Filters.NONE;
        }
        if (text.length() > MAX_LENGTH) {
            throw invalid("filters must be at most " + MAX_LENGTH + " characters");
        }
        JsonNode root;
        try {
            root = JsonBody.mapper().readTree(text);
        } catch (IOException e) {
            throw invalid("filters must be a JSON array such as [[\"is\",\"page\",[\"/pricing\"]]]");
        }
        if (root == null || !root.isArray()) {
            throw invalid("filters must be a JSON array of [operator, dimension, [values]]");
        }
        List<Filter> filters = new ArrayList<>();
        for (JsonNode condition : root) {
            filters.add(condition(condition));
        }
        try {
            return new Filters(filters);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private static Filter condition(JsonNode node) {
        if (!node.isArray() || node.size() != 3 || !node.get(0).isTextual() || !node.get(1).isTextual() || !node.get(2).isArray()) {
            throw invalid("each filter is [operator, dimension, [values]], e.g. [\"is\",\"country\",[\"DE\"]]");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : node.get(2)) {
            if (!value.isTextual()) {
                throw invalid("filter values must be strings");
            }
            values.add(value.asText());
        }
        try {
            Filter.Operator operator = Filter.Operator.fromLabel(node.get(0).asText());
            String name = node.get(1).asText();
            String propKey = propKey(name);
            if (propKey != null) {
                return new Filter(Dimension.PROP, propKey, operator, values);
            }
            Dimension dimension = Dimension.byFilterName(unprefixed(name)).filter(found -> found != Dimension.PROP)
                    .orElseThrow(() -> new IllegalArgumentException("unknown filter dimension " + name + "; known: " + Dimension.filterNames()));
            return new Filter(dimension, null, operator, values);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    /** The property key of {@code prop:KEY} or {@code event:props:KEY}, else null. */
    private static String propKey(String name) {
        for (String prefix : List.of("prop:", "event:props:", "props:")) {
            if (name.startsWith(prefix)) {
                return name.substring(prefix.length());
            }
        }
        return null;
    }

    /** The dimension name without its {@code visit:} / {@code event:} prefix; Plausible's {@code event:name} is {@code event}. */
    private static String unprefixed(String name) {
        if (name.equals("event:name")) {
            return Dimension.EVENT_NAME.filterName();
        }
        for (String prefix : List.of("visit:", "event:")) {
            if (name.startsWith(prefix)) {
                return name.substring(prefix.length());
            }
        }
        return name;
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException(NAME, message);
    }
}
