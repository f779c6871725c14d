package io.mallard.application.stats;

import io.mallard.domain.stats.Dimension;

import java.util.Objects;

/** What a breakdown groups by: a dimension, with the property key for {@link Dimension#PROP}. */
public record Breakdown(Dimension dimension, String propKey) {
    public Breakdown {
        Objects.requireNonNull(dimension, "dimension");
        if ((dimension == Dimension.PROP) != (propKey != null)) {
            throw new IllegalArgumentException("a property breakdown names its key, as props/{key}");
        }
        if (propKey != null) {
            Dimension.checkedPropKey(propKey);
        }
    }

    public static Breakdown of(Dimension dimension) {
        return new Breakdown(dimension, null);
    }
}
