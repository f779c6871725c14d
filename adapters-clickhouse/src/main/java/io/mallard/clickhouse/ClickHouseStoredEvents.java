package io.mallard.clickhouse;

import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import io.mallard.application.storage.StoredEvents;
import io.mallard.domain.event.Engagement;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.EventName;
import io.mallard.domain.event.Props;
import io.mallard.domain.event.SiteId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Stored events read back whole, as an export does: oldest first, every field as it was appended ('' read as not known). */
final class ClickHouseStoredEvents implements StoredEvents {
    private final ClickHouseSql sql;

    ClickHouseStoredEvents(ClickHouseSql sql) {
        this.sql = sql;
    }

    @Override
    public List<Event> read(SiteId site, Instant from, Instant until, int limit) {
        if (limit < 1 || limit > MAX_EVENTS) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_EVENTS);
        }
        SqlParams params = new SqlParams();
        List<Event> events = new ArrayList<>();
        sql.stream("SELECT site_id, visitor_id, timestamp, toInt64(event_id) AS id, toInt64(visit_id) AS visit, event_name, pathname, hostname, "
                + "referrer, referrer_source, utm_source, utm_medium, utm_campaign, utm_content, utm_term, browser, browser_version, os, "
                + "os_version, device_type, screen_size, country_code, region, city, props_json, revenue_amount, revenue_currency, "
                + "engaged_ms, scroll_depth FROM " + sql.events() + " WHERE site_id = " + params.site(site) + " AND timestamp >= "
                + params.instant(from) + " AND timestamp < " + params.instant(until) + " ORDER BY timestamp, event_id LIMIT " + params.int64(limit),
                params, row -> events.add(event(row)));
        return events;
    }

    private static Event event(ClickHouseBinaryFormatReader row) {
        long visit = row.getLong("visit");
        Event.Builder event = Event.builder().eventId(row.getLong("id")).siteId(new SiteId(row.getString("site_id")))
                .visitorId(row.getString("visitor_id")).timestamp(row.getInstant("timestamp"))
                .eventName(new EventName(row.getString("event_name"))).pathname(row.getString("pathname"))
                .hostname(known(row, "hostname")).referrer(known(row, "referrer")).referrerSource(known(row, "referrer_source"))
                .utmSource(known(row, "utm_source")).utmMedium(known(row, "utm_medium")).utmCampaign(known(row, "utm_campaign"))
                .utmContent(known(row, "utm_content")).utmTerm(known(row, "utm_term")).browser(known(row, "browser"))
                .browserVersion(known(row, "browser_version")).os(known(row, "os")).osVersion(known(row, "os_version"))
                .deviceType(known(row, "device_type")).screenSize(known(row, "screen_size")).countryCode(known(row, "country_code"))
                .region(known(row, "region")).city(known(row, "city"))
                .visitId(visit == 0 ? null : visit);
        String props = known(row, "props_json");
        if (props != null) {
            event.props(new Props(props));
        }
        if (row.hasValue("revenue_amount")) {
            event.revenue(row.getBigDecimal("revenue_amount"), row.getString("revenue_currency"));
        }
        if (row.hasValue("engaged_ms")) {
            event.engagement(new Engagement(row.getInteger("engaged_ms"), row.getInteger("scroll_depth")));
        }
        return event.build();
    }

    private static String known(ClickHouseBinaryFormatReader row, String column) {
        String value = row.getString(column);
        return value == null || value.isEmpty() ? null : value;
    }
}
