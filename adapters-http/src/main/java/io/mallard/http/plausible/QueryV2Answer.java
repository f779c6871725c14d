package io.mallard.http.plausible;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mallard.application.query.QueryDimension;
import io.mallard.application.query.QueryResult;
import io.mallard.http.json.JsonBody;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Plausible's answer shape: {@code {"results": [{"metrics": [...], "dimensions": [...]}], "meta": {},
 * "query": {...}}}. Metric values in the question's order; a time dimension as the bucket's start
 * in the site's zone ({@code 2024-01-01}, or {@code 2024-01-01 10:00:00} by the hour), every other
 * dimension as its label.
 */
final class QueryV2Answer {
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private QueryV2Answer() {
    }

    static String of(QueryV2Request question, QueryResult result) {
        ZoneId zone = question.query().scope().zone();
        boolean hourly = !question.query().dimensions().isEmpty()
                && question.query().dimensions().getFirst() instanceof QueryDimension.Time time && time.interval().label().equals("hour");
        ObjectNode answer = JsonBody.mapper().createObjectNode();
        ArrayNode results = answer.putArray("results");
        for (QueryResult.Row row : result.rows()) {
            ObjectNode entry = results.addObject();
            ArrayNode metrics = entry.putArray("metrics");
            row.values().forEach(value -> metrics.addPOJO(value));
            ArrayNode dimensions = entry.putArray("dimensions");
            for (Object value : row.dimensions()) {
                dimensions.add(value instanceof Instant start
                        ? hourly ? HOUR.format(start.atZone(zone)) : start.atZone(zone).toLocalDate().toString()
                        : String.valueOf(value));
            }
        }
        answer.putObject("meta");
        answer.set("query", question.echo());
        try {
            return JsonBody.mapper().writeValueAsString(answer);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("an answer of plain values always writes", impossible);
        }
    }
}
