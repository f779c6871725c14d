package io.mallard.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mallard.domain.event.Event;
import io.mallard.domain.stats.Dimension;

/**
 * The value of a dimension: an event dimension read from one event, a visit dimension from the
 * visit's first event (its first and last pageview for entry and exit pages). A missing value is
 * null here; filters and breakdowns read it as the dimension's label ({@code (none)},
 * {@code Direct / None}).
 */
final class Values {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Values() {
    }

    /** An event dimension's value; {@code propKey} for {@link Dimension#PROP}. */
    static String ofEvent(Event event, Dimension dimension, String propKey) {
        return switch (dimension) {
            case PAGE -> event.pathname();
            case HOSTNAME -> event.hostname();
            case EVENT_NAME -> event.eventName().value();
            case PROP -> prop(event, propKey);
            default -> throw new IllegalArgumentException(dimension + " is a visit dimension");
        };
    }

    /** The value a visit dimension takes from one event (the visit's first event gives the visit's). */
    static String ofFirstEvent(Event event, Dimension dimension) {
        return switch (dimension) {
            case SOURCE -> event.referrerSource();
            case REFERRER -> event.referrer();
            case UTM_SOURCE -> event.utmSource();
            case UTM_MEDIUM -> event.utmMedium();
            case UTM_CAMPAIGN -> event.utmCampaign();
            case UTM_CONTENT -> event.utmContent();
            case UTM_TERM -> event.utmTerm();
            case BROWSER -> event.browser();
            case BROWSER_VERSION -> joined(event.browser(), event.browserVersion());
            case OS -> event.os();
            case OS_VERSION -> joined(event.os(), event.osVersion());
            case DEVICE -> event.deviceType();
            case COUNTRY -> event.countryCode();
            case REGION -> event.region();
            case CITY -> event.city();
            case ENTRY_PAGE, EXIT_PAGE, PAGE, HOSTNAME, EVENT_NAME, PROP ->
                    throw new IllegalArgumentException(dimension + " is not taken from the first event");
        };
    }

    /** "Firefox 128": both parts or nothing. */
    private static String joined(String name, String version) {
        return name == null || version == null ? null : name + " " + version;
    }

    /**
     * One custom property as text: a string as is, a number or boolean as written, an object or
     * array as its JSON; null when the key is absent or JSON null.
     */
    static String prop(Event event, String key) {
        if (event.props() == null) {
            return null;
        }
        try {
            JsonNode value = JSON.readTree(event.props().json()).get(key);
            if (value == null || value.isNull()) {
                return null;
            }
            return value.isValueNode() ? value.asText() : value.toString();
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
