package io.mallard.duckdb;

import io.mallard.domain.event.Engagement;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.EventName;
import io.mallard.domain.event.Props;
import io.mallard.domain.event.SiteId;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The event table's columns, in table order, and the mapping between rows and {@link Event}. */
final class EventColumns {
    static final List<String> NAMES = List.of(
            "event_id", "site_id", "visitor_id", "timestamp", "event_name", "pathname", "hostname",
            "referrer", "referrer_source", "utm_source", "utm_medium", "utm_campaign", "utm_content",
            "utm_term", "browser", "browser_version", "os", "os_version", "device_type", "screen_size",
            "country_code", "region", "city", "props", "revenue_amount", "revenue_currency", "engaged_ms", "scroll_depth", "visit_id");

    /** Comma-separated, quoted column list for SELECTs over the query surface. */
    static final String SELECT_LIST = String.join(", ", NAMES.stream().map(name -> '"' + name + '"').toList());

    private EventColumns() {
    }

    /** Reads a row selected with {@link #SELECT_LIST}. */
    static Event read(ResultSet row) throws SQLException {
        LocalDateTime timestamp = row.getObject("timestamp", LocalDateTime.class);
        String props = row.getString("props");
        int engagedMillis = row.getInt("engaged_ms");
        Engagement engagement = row.wasNull() ? null : new Engagement(engagedMillis, row.getInt("scroll_depth"));
        long visitId = row.getLong("visit_id");
        Long visit = row.wasNull() ? null : visitId;
        return new Event(
                row.getLong("event_id"), new SiteId(row.getString("site_id")), row.getString("visitor_id"),
                timestamp.toInstant(ZoneOffset.UTC), new EventName(row.getString("event_name")),
                row.getString("pathname"), row.getString("hostname"), row.getString("referrer"),
                row.getString("referrer_source"), row.getString("utm_source"), row.getString("utm_medium"),
                row.getString("utm_campaign"), row.getString("utm_content"), row.getString("utm_term"),
                row.getString("browser"), row.getString("browser_version"), row.getString("os"),
                row.getString("os_version"), row.getString("device_type"), row.getString("screen_size"),
                row.getString("country_code"), row.getString("region"), row.getString("city"),
                props == null ? null : new Props(props), row.getBigDecimal("revenue_amount"),
                row.getString("revenue_currency"), engagement, visit);
    }
}
