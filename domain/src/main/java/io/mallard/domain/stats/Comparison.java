package io.mallard.domain.stats;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a range is compared with: the same number of days just before, or the same dates a year earlier. */
public enum Comparison {
    PREVIOUS_PERIOD("previous_period"),
    YEAR_OVER_YEAR("year_over_year");

    private final String label;

    Comparison(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public DateRange apply(DateRange range) {
        return this == PREVIOUS_PERIOD ? range.previous() : range.yearBefore();
    }

    public static Comparison fromLabel(String label) {
        String wanted = label.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(comparison -> comparison.label.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("compare must be one of "
                        + Arrays.stream(values()).map(Comparison::label).collect(Collectors.joining(", "))));
    }
}
