package io.mallard.application.query;

import io.mallard.domain.stats.Dimension;
import io.mallard.domain.stats.Interval;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a question groups by, named as in Plausible's Stats API v2: an event property
 * ({@code event:page}, {@code event:hostname}, {@code event:name}, {@code event:props:KEY}), a visit
 * property ({@code visit:source}, {@code visit:entry_page}, {@code visit:country}, ...), or time
 * ({@code time:hour}, {@code time:day}, {@code time:week}, {@code time:month}) in the site's zone.
 */
public sealed interface QueryDimension extends QueryField {
    /** A stored property of the events or of their visits; {@code propKey} only for custom properties. */
    record Property(Dimension dimension, String propKey) implements QueryDimension {
        public Property {
            if ((dimension == Dimension.PROP) != (propKey != null)) {
                throw new IllegalArgumentException("a property key goes with event:props: and only with it");
            }
            if (propKey != null) {
                Dimension.checkedPropKey(propKey);
            }
        }

        @Override
        public String label() {
            return switch (dimension) {
                case PROP -> "event:props:" + propKey;
                case EVENT_NAME -> "event:name";
                default -> (dimension.scope() == Dimension.Scope.EVENT ? "event:" : "visit:") + dimension.filterName();
            };
        }
    }

    /** Time buckets of the site's calendar. */
    record Time(Interval interval) implements QueryDimension {
        @Override
        public String label() {
            return "time:" + interval.label();
        }
    }

    /** The dimension a label names; empty when none does. */
    static Optional<QueryDimension> byLabel(String label) {
        if (label.startsWith("time:")) {
            return Arrays.stream(Interval.values()).filter(interval -> interval.label().equals(label.substring(5)))
                    .map(interval -> (QueryDimension) new Time(interval)).findFirst();
        }
        if (label.startsWith("event:props:")) {
            try {
                return Optional.of(new Property(Dimension.PROP, label.substring("event:props:".length())));
            } catch (IllegalArgumentException badKey) {
                return Optional.empty();
            }
        }
        return Arrays.stream(Dimension.values()).filter(dimension -> dimension != Dimension.PROP)
                .map(dimension -> (QueryDimension) new Property(dimension, null))
                .filter(dimension -> dimension.label().equals(label.toLowerCase(Locale.ROOT))).findFirst();
    }
}
