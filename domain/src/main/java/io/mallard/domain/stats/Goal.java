package io.mallard.domain.stats;

import io.mallard.domain.event.EventName;
import io.mallard.domain.event.SiteId;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Something a site wants visitors to do: view a page ({@code /signup}, or {@code /blog/*} where
 * {@code *} stands for any run of characters) or send a custom event ({@code purchase}). A
 * conversion is an event that matches the goal.
 */
public record Goal(long id, SiteId site, Kind kind, String value) {
    public static final int MAX_PATH_LENGTH = 2_000;
    public static final int MAX_PER_SITE = 100;

    public enum Kind {
        PAGEVIEW, EVENT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind fromLabel(String label) {
            return switch (label.toLowerCase(Locale.ROOT)) {
                case "pageview" -> PAGEVIEW;
                case "event" -> EVENT;
                default -> throw new IllegalArgumentException("goal kind must be pageview or event");
            };
        }
    }

    public Goal {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(kind, "kind");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(kind == Kind.PAGEVIEW ? "a pageview goal needs a path" : "an event goal needs an event name");
        }
        if (kind == Kind.PAGEVIEW && (!value.startsWith("/") || value.length() > MAX_PATH_LENGTH || value.chars().anyMatch(Character::isISOControl))) {
            throw new IllegalArgumentException("a pageview goal's path starts with / and has at most " + MAX_PATH_LENGTH + " characters");
        }
        if (kind == Kind.EVENT) {
            EventName name = new EventName(value);
            if (name.isPageview()) {
                throw new IllegalArgumentException("use a pageview goal for pageviews");
            }
        }
    }

    /** How the dashboard names it: {@code Visit /signup} or the event name. */
    public String displayName() {
        return kind == Kind.PAGEVIEW ? "Visit " + value : value;
    }

    /** The conditions an event meets to be a conversion of this goal (all of them). */
    public List<Filter> conversions() {
        Filter name = new Filter(Dimension.EVENT_NAME, null, Filter.Operator.IS,
                List.of(kind == Kind.PAGEVIEW ? EventName.PAGEVIEW.value() : value));
        return kind == Kind.PAGEVIEW
                ? List.of(name, new Filter(Dimension.PAGE, null, Filter.Operator.MATCHES_WILDCARD, List.of(value)))
                : List.of(name);
    }
}
