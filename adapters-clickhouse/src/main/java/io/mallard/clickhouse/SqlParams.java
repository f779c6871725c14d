package io.mallard.clickhouse;

import io.mallard.domain.event.SiteId;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The parameters of one statement: each method returns a ClickHouse placeholder
 * ({@code {p3:String}}), or an expression around one, to write into the SQL, and keeps the value,
 * which travels apart from the statement and is never read as SQL.
 */
final class SqlParams {
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2299-12-31T23:59:59.999999Z");
    private final Map<String, Object> values = new HashMap<>();

    String string(String value) {
        return bind("String", value);
    }

    /**
     * A list of texts, as an {@code Array(String)} expression. The client sends a parameter's text
     * exactly but cannot write an array's, so the list travels as one text of hex-encoded values
     * (any character, separator included, survives) that the expression decodes.
     */
    String strings(List<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an empty list is not bound; the caller asks nothing of it");
        }
        String hex = values.stream().map(value -> HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8)))
                .collect(Collectors.joining(","));
        return "arrayMap(x -> unhex(x), splitByChar(',', " + bind("String", hex) + "))";
    }

    /** A site id as the events table keeps it: lower-case, since site ids match case-insensitively. */
    String site(SiteId site) {
        return string(site.value().toLowerCase(Locale.ROOT));
    }

    String int64(long value) {
        return bind("Int64", value);
    }

    /** Numbers as an {@code Array(Int64)} expression (one text, as for {@link #strings}). */
    String int64s(long[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("an empty list is not bound; the caller asks nothing of it");
        }
        return "arrayMap(x -> toInt64(x), splitByChar(',', " + bind("String", java.util.Arrays.stream(values)
                .mapToObj(Long::toString).collect(Collectors.joining(","))) + "))";
    }

    /**
     * An instant to the microsecond, as the events' timestamps are kept: a text parameter converted
     * in SQL (a mutation keeps a DateTime64 parameter as seconds since 1970, which it then fails to
     * read back; a text stays text).
     */
    String instant(Instant value) {
        return "toDateTime64(" + bind("String", text(value)) + ", 6, 'UTC')";
    }

    /** Instants as an {@code Array(DateTime64(6, 'UTC'))} expression (one text, as for {@link #strings}). */
    String instants(List<Instant> values) {
        return "arrayMap(x -> toDateTime64(x, 6, 'UTC'), splitByChar(',', "
                + bind("String", values.stream().map(SqlParams::text).collect(Collectors.joining(","))) + "))";
    }

    /**
     * A time zone as ClickHouse's time functions name it: region ids as they are, UTC as
     * {@code UTC}, a whole-hour offset as {@code Etc/GMT∓h} (whose sign is the opposite of ISO's).
     */
    String zone(ZoneId zone) {
        ZoneId normalized = zone.normalized();
        String name;
        if (normalized instanceof ZoneOffset offset) {
            int seconds = offset.getTotalSeconds();
            if (seconds % 3600 != 0) {
                throw new IllegalArgumentException("a fixed offset of minutes has no ClickHouse time zone: " + zone + "; use a region id");
            }
            name = seconds == 0 ? "UTC" : "Etc/GMT" + (seconds > 0 ? "-" : "+") + Math.abs(seconds / 3600);
        } else {
            name = normalized.getId();
        }
        return bind("String", name);
    }

    /**
     * The instant as DateTime64 text, clamped to the type's range (1900 to 2299): bounds such as
     * "from the beginning of time" mean the same there, since no event lies outside it.
     */
    static String text(Instant value) {
        Instant clamped = value.isBefore(EARLIEST) ? EARLIEST : value.isAfter(LATEST) ? LATEST : value;
        return MICROS.format(LocalDateTime.ofInstant(clamped, ZoneOffset.UTC));
    }

    Map<String, Object> values() {
        return Map.copyOf(values);
    }

    private String bind(String type, Object value) {
        String name = "p" + values.size();
        values.put(name, value);
        return "{" + name + ":" + type + "}";
    }
}
