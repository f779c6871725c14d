package io.mallard.domain.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates one conformance vector with the engine and renders the result as the vectors do
 * (numbers, booleans, lists, timestamps as {@code YYYY-MM-DD HH:MM:SS[.ffffff]}). It also plays
 * the part of the SQL aggregate around the engine: a group with zero rows gives NULL from
 * sequence_match/count and sequence_next_node, and rows with a NULL time are left out.
 */
final class ConformanceVector {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ConformanceVector() {
    }

    static JsonNode evaluate(JsonNode vector) {
        JsonNode args = vector.get("args");
        JsonNode rows = vector.get("rows");
        return switch (vector.get("function").asText()) {
            case "sessionize" -> sessionize(args, rows);
            case "retention" -> retention(args, rows);
            case "window_funnel" -> NODES.numberNode(funnel(args).evaluate(trail(rows)).steps());
            case "window_funnel_events" -> times(funnel(args).evaluate(trail(rows)).stepTimes());
            case "sequence_match" -> rows.isEmpty() || args.get("pattern").isNull() ? NullNode.instance
                    : NODES.booleanNode(matcher(args).matches(trail(rows)));
            case "sequence_count" -> rows.isEmpty() || args.get("pattern").isNull() ? NullNode.instance
                    : NODES.numberNode(matcher(args).count(trail(rows)));
            case "sequence_match_events" -> args.get("pattern").isNull() ? NODES.arrayNode()
                    : times(matcher(args).matchEvents(trail(rows)));
            case "sequence_next_node" -> nextNode(args, rows);
            default -> throw new IllegalArgumentException("unknown function " + vector.get("function"));
        };
    }

    private static JsonNode sessionize(JsonNode args, JsonNode rows) {
        Sessionizer sessionizer = new Sessionizer(span(args.get("gap"), args.get("gap_us")));
        Long[] times = new Long[rows.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = time(rows.get(i));
        }
        ArrayNode ids = NODES.arrayNode();
        for (Long id : sessionizer.sessionIds(times)) {
            ids.add(id == null ? NullNode.instance : NODES.numberNode(id));
        }
        return ids;
    }

    private static JsonNode retention(JsonNode args, JsonNode rows) {
        int met = 0;
        for (JsonNode row : rows) {
            met |= mask(row.get("conds"));
        }
        ArrayNode result = NODES.arrayNode();
        for (boolean retained : new Retention(args.get("num_conditions").asInt()).evaluate(met, rows.isEmpty())) {
            result.add(retained);
        }
        return result;
    }

    private static WindowFunnel funnel(JsonNode args) {
        JsonNode mode = args.get("mode");
        return new WindowFunnel(span(args.get("window"), args.get("window_us")),
                FunnelMode.parse(mode == null || mode.isNull() ? null : mode.asText()), args.get("num_conditions").asInt());
    }

    private static SequenceMatcher matcher(JsonNode args) {
        return new SequenceMatcher(SequencePattern.parse(args.get("pattern").asText(), args.get("num_conditions").asInt()));
    }

    private static JsonNode nextNode(JsonNode args, JsonNode rows) {
        NextNode nextNode = new NextNode(NextNode.Direction.parse(text(args.get("direction"))),
                NextNode.Base.parse(text(args.get("base"))), args.get("num_event_conditions").asInt());
        List<NextNode.Row> events = new ArrayList<>();
        for (JsonNode row : rows) {
            Long time = time(row);
            if (time != null) {
                events.add(new NextNode.Row(time, text(row.get("value")), row.path("base_condition").asBoolean(false),
                        mask(row.get("conds"))));
            }
        }
        String value = rows.isEmpty() ? null : nextNode.evaluate(events);
        return value == null ? NullNode.instance : NODES.textNode(value);
    }

    private static EventTrail trail(JsonNode rows) {
        EventTrail.Builder trail = EventTrail.builder();
        for (JsonNode row : rows) {
            Long time = time(row);
            if (time != null) {
                trail.add(time, mask(row.get("conds")));
            }
        }
        return trail.build();
    }

    /** The span in µs, or a month-based interval (the vectors give no µs for those). */
    private static TimeSpan span(JsonNode literal, JsonNode micros) {
        if (micros == null || micros.isNull()) {
            return TimeSpan.of(literal.asText().contains("year") ? 12 : 1, 0, 0);
        }
        return TimeSpan.ofMicros(micros.asLong());
    }

    private static Long time(JsonNode row) {
        JsonNode micros = row.get("ts_us");
        return micros == null || micros.isNull() ? null : micros.asLong();
    }

    private static int mask(JsonNode conditions) {
        int mask = 0;
        for (int i = 0; i < conditions.size(); i++) {
            mask |= conditions.get(i).asBoolean(false) ? 1 << i : 0;
        }
        return mask;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static JsonNode times(long[] micros) {
        ArrayNode list = NODES.arrayNode();
        for (long time : micros) {
            list.add(format(time));
        }
        return list;
    }

    private static String format(long micros) {
        if (micros == Long.MAX_VALUE) {
            return "infinity";
        }
        if (micros == -Long.MAX_VALUE) {
            return "-infinity";
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
        int fraction = (int) Math.floorMod(micros, 1_000_000L);
        return time.format(SECONDS) + (fraction == 0 ? "" : String.format(".%06d", fraction));
    }
}
