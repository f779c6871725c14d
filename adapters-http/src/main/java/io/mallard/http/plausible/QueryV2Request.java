package io.mallard.http.plausible;

import com.fasterxml.jackson.databind.JsonNode;
import io.mallard.application.account.AccessPolicy;
import io.mallard.application.query.Metric;
import io.mallard.application.query.Order;
import io.mallard.application.query.Pagination;
import io.mallard.application.query.Query;
import io.mallard.application.query.QueryDimension;
import io.mallard.application.query.QueryField;
import io.mallard.application.stats.StatsQuery;
import io.mallard.application.stats.StatsService;
import io.mallard.application.validation.InvalidInputException;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.Filters;
import io.mallard.domain.stats.Interval;
import io.mallard.domain.stats.Period;
import io.mallard.http.json.JsonBody;
import io.mallard.http.param.RequestValues;
import io.mallard.http.security.SiteAccess;
import io.mallard.http.stats.FiltersParameter;
import io.micronaut.http.HttpRequest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Stats API v2 body read into a {@link Query}: {@code site_id}, {@code metrics}, {@code date_range}
 * (a keyword — {@code day}, {@code 7d}, {@code 28d}, {@code 30d}, {@code 91d}, {@code month},
 * {@code 6mo}, {@code 12mo}, {@code year} — or a pair of dates), {@code dimensions} (at most one:
 * {@code event:*}, {@code visit:*}, {@code event:props:*}, {@code time}, {@code time:hour|day|week|month}),
 * {@code filters} (Plausible's conditions; see {@link FiltersParameter}), {@code order_by}
 * ({@code [[field, "asc"|"desc"]]}) and {@code pagination} ({@code limit}, {@code offset}).
 * What Plausible has and this server does not yet (the conversion metrics, datetime pairs,
 * {@code all}, several dimensions) is a 400 saying so, never a silently different answer.
 */
record QueryV2Request(Query query, JsonNode echo) {
    static final Set<String> NOT_YET = Set.of("conversion_rate", "group_conversion_rate", "percentage");
    /** Plausible's rolling keywords this server has no period for: their length in days. */
    private static final Map<String, Integer> ROLLING = Map.of("28d", 28, "91d", 91);

    static QueryV2Request read(byte[] body, HttpRequest<?> request, StatsService stats, AccessPolicy policy) {
        JsonBody json = JsonBody.parse(body);
        SiteId site = SiteAccess.require(request, policy, json.text("site_id"));
        List<Metric> metrics = metrics(json.raw("metrics"));
        Filters filters = FiltersParameter.parse(json.raw("filters") == null || json.raw("filters").isNull() ? null : json.raw("filters").toString());
        StatsQuery scope = scope(json.raw("date_range"), site, filters, stats);
        List<QueryDimension> dimensions = dimensions(json.raw("dimensions"), scope);
        List<Order> order = order(json.raw("order_by"), metrics, dimensions);
        Query query;
        try {
            query = new Query(scope, metrics, dimensions, order, pagination(json.raw("pagination")));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("pagination", e.getMessage());
        }
        Map<String, Object> echo = new java.util.LinkedHashMap<>();
        echo.put("site_id", site.value());
        echo.put("metrics", metrics.stream().map(Metric::label).toList());
        echo.put("date_range", List.of(scope.range().first().toString(), scope.range().last().toString()));
        echo.put("dimensions", dimensions.stream().map(QueryField::label).toList());
        echo.put("filters", json.raw("filters") == null || json.raw("filters").isNull() ? List.of() : json.raw("filters"));
        return new QueryV2Request(query, JsonBody.mapper().valueToTree(echo));
    }

    private static List<Metric> metrics(JsonNode node) {
        List<String> labels = texts("metrics", node);
        if (labels.isEmpty()) {
            throw new InvalidInputException("metrics", "metrics must be a non-empty list, e.g. [\"visitors\"]");
        }
        List<Metric> metrics = new ArrayList<>();
        for (String label : labels) {
            if (NOT_YET.contains(label)) {
                throw new InvalidInputException("metrics", label + " is not supported yet");
            }
            metrics.add(Metric.byLabel(label).filter(metric -> metric != Metric.REVENUE)
                    .orElseThrow(() -> new InvalidInputException("metrics", "unknown metric " + label + "; known: "
                            + Metric.labels(List.of(Metric.values()).stream().filter(metric -> metric != Metric.REVENUE).toList()))));
        }
        return metrics;
    }

    private static StatsQuery scope(JsonNode node, SiteId site, Filters filters, StatsService stats) {
        if (node != null && node.isArray()) {
            if (node.size() != 2 || !node.get(0).isTextual() || !node.get(1).isTextual()) {
                throw new InvalidInputException("date_range", "date_range is a keyword or a pair of dates [\"2024-01-01\", \"2024-01-31\"]");
            }
            LocalDate from = date(node.get(0).textValue());
            LocalDate to = date(node.get(1).textValue());
            return RequestValues.parsed("date_range", () -> stats.query(site, Period.CUSTOM, null, from, to, filters));
        }
        if (node == null || !node.isTextual()) {
            throw new InvalidInputException("date_range", "date_range is required: a keyword such as \"30d\" or a pair of dates");
        }
        String keyword = node.textValue();
        if (ROLLING.containsKey(keyword)) {
            // The same days as this server's 30d, as long as asked.
            LocalDate last = stats.query(site, Period.THIRTY_DAYS, null, null, null, filters).range().last();
            return stats.query(site, Period.CUSTOM, null, last.minusDays(ROLLING.get(keyword) - 1L), last, filters);
        }
        if (keyword.equals("all") || keyword.equals("realtime") || keyword.equals("custom")) {
            throw new InvalidInputException("date_range", "date_range " + keyword + " is not supported; give a pair of dates");
        }
        Period period = RequestValues.parsed("date_range", () -> Period.fromLabel(keyword));
        return stats.query(site, period, null, null, null, filters);
    }

    private static LocalDate date(String text) {
        if (text.length() > 10) {
            throw new InvalidInputException("date_range", "date_range takes dates (YYYY-MM-DD); datetime pairs are not supported yet");
        }
        return RequestValues.date("date_range", text);
    }

    private static List<QueryDimension> dimensions(JsonNode node, StatsQuery scope) {
        List<QueryDimension> dimensions = new ArrayList<>();
        for (String label : texts("dimensions", node)) {
            dimensions.add(label.equals("time") ? new QueryDimension.Time(Interval.defaultFor(scope.range()))
                    : QueryDimension.byLabel(label).orElseThrow(() -> new InvalidInputException("dimensions", "unknown dimension " + label)));
        }
        return dimensions;
    }

    private static List<Order> order(JsonNode node, List<Metric> metrics, List<QueryDimension> dimensions) {
        List<Order> order = new ArrayList<>();
        if (node == null || node.isNull()) {
            return order;
        }
        if (!node.isArray()) {
            throw new InvalidInputException("order_by", "order_by is a list of [field, \"asc\" | \"desc\"]");
        }
        for (JsonNode key : node) {
            if (!key.isArray() || key.size() != 2 || !key.get(0).isTextual() || !key.get(1).isTextual()
                    || !Set.of("asc", "desc").contains(key.get(1).textValue())) {
                throw new InvalidInputException("order_by", "order_by is a list of [field, \"asc\" | \"desc\"]");
            }
            String label = key.get(0).textValue();
            QueryField field = metrics.stream().<QueryField>map(metric -> metric).filter(metric -> metric.label().equals(label)).findFirst()
                    .or(() -> dimensions.stream().<QueryField>map(dimension -> dimension).filter(dimension -> dimension.label().equals(label)
                            || label.equals("time") && dimension instanceof QueryDimension.Time).findFirst())
                    .orElseThrow(() -> new InvalidInputException("order_by", label + " is neither a metric nor a dimension of the query"));
            order.add(new Order(field, key.get(1).textValue().equals("desc")));
        }
        return order;
    }

    private static Pagination pagination(JsonNode node) {
        if (node == null || node.isNull()) {
            return Pagination.DEFAULT;
        }
        if (!node.isObject()) {
            throw new InvalidInputException("pagination", "pagination is {\"limit\": n, \"offset\": n}");
        }
        return new Pagination(integer(node.get("limit"), Pagination.MAX_LIMIT), integer(node.get("offset"), 0));
    }

    private static int integer(JsonNode node, int fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new InvalidInputException("pagination", "pagination's limit and offset are integers");
        }
        return node.intValue();
    }

    private static List<String> texts(String field, JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node == null || node.isNull()) {
            return texts;
        }
        if (!node.isArray()) {
            throw new InvalidInputException(field, field + " must be a list of strings");
        }
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new InvalidInputException(field, field + " must be a list of strings");
            }
            texts.add(item.textValue());
        }
        return texts;
    }
}
