package io.mallard.clickhouse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mallard.domain.event.Event;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Events as rows of the {@code events} table ({@link ClickHouseSchema#EVENTS}) in JSONEachRow, the
 * format inserts use: JSON escaping carries any text (quotes, newlines, any Unicode) as it is, and
 * every value is data, never SQL. A dimension not known is '' (the table's columns are not
 * Nullable); the revenue and the engagement report, which are absent for most events, are null.
 */
final class ClickHouseEventRows {
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private ClickHouseEventRows() {
    }

    /** The events, one JSON object per line. */
    static byte[] jsonEachRow(List<Event> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 400);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.setRootValueSeparator(null);
            for (Event event : events) {
                write(json, event);
                json.flush();
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The 64-bit key of a visitor id: its SHA-256's first eight bytes, as an unsigned number. A
     * collision among a million visitors of one site has a probability near 3e-8.
     */
    static long visitorKey(String visitorId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(visitorId.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** A deduplication token naming a batch by its events' ids: the same events, the same token. */
    static String batchToken(List<Event> events) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteBuffer id = ByteBuffer.allocate(Long.BYTES);
            for (Event event : events) {
                digest.update(id.clear().putLong(event.eventId()).flip());
            }
            return "bulk:" + java.util.HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void write(JsonGenerator json, Event event) throws IOException {
        json.writeStartObject();
        json.writeStringField("site_id", event.siteId().value().toLowerCase(Locale.ROOT));
        json.writeStringField("timestamp", TIMESTAMP.format(event.timestamp()));
        json.writeNumberField("event_id", event.eventId());
        json.writeFieldName("visitor_key");
        json.writeNumber(Long.toUnsignedString(visitorKey(event.visitorId())));
        json.writeStringField("visitor_id", event.visitorId());
        json.writeNumberField("visit_id", event.visitId() == null ? 0 : event.visitId());
        json.writeStringField("event_name", event.eventName().value());
        json.writeStringField("pathname", event.pathname());
        text(json, "hostname", event.hostname());
        text(json, "referrer", event.referrer());
        text(json, "referrer_source", event.referrerSource());
        text(json, "utm_source", event.utmSource());
        text(json, "utm_medium", event.utmMedium());
        text(json, "utm_campaign", event.utmCampaign());
        text(json, "utm_content", event.utmContent());
        text(json, "utm_term", event.utmTerm());
        text(json, "browser", event.browser());
        text(json, "browser_version", event.browserVersion());
        text(json, "os", event.os());
        text(json, "os_version", event.osVersion());
        text(json, "device_type", event.deviceType());
        text(json, "screen_size", event.screenSize());
        text(json, "country_code", event.countryCode());
        text(json, "region", event.region());
        text(json, "city", event.city());
        json.writeObjectFieldStart("props");
        if (event.props() != null) {
            for (Map.Entry<String, JsonNode> field : MAPPER.readTree(event.props().json()).properties()) {
                if (!field.getValue().isNull()) {
                    json.writeStringField(field.getKey(), field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString());
                }
            }
        }
        json.writeEndObject();
        text(json, "props_json", event.props() == null ? null : event.props().json());
        if (event.revenueAmount() == null) {
            json.writeNullField("revenue_amount");
        } else {
            json.writeFieldName("revenue_amount");
            json.writeNumber(event.revenueAmount().toPlainString());
        }
        text(json, "revenue_currency", event.revenueCurrency());
        if (event.engagement() == null) {
            json.writeNullField("engaged_ms");
            json.writeNullField("scroll_depth");
        } else {
            json.writeNumberField("engaged_ms", event.engagement().engagedMillis());
            json.writeNumberField("scroll_depth", event.engagement().scrollDepth());
        }
        json.writeEndObject();
    }

    private static void text(JsonGenerator json, String column, String value) throws IOException {
        json.writeStringField(column, value == null ? "" : value);
    }
}
