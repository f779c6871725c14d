package io.mallard.domain.visitor;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * How often the salt behind anonymous visitor ids changes, and so how long one id follows a
 * person. Rotation happens at UTC calendar boundaries: midnight, Monday 00:00 (ISO weeks) or the
 * first of the month. A longer rotation lets funnels and retention follow people across days at
 * the price of a longer-lived pseudonym (PRIVACY.md).
 */
public enum IdentityRotation {
    DAILY("day", Duration.ofDays(1)),
    WEEKLY("week", Duration.ofDays(7)),
    MONTHLY("month", Duration.ofDays(28));

    private final String period;
    private final Duration shortestLifetime;

    IdentityRotation(String period, Duration shortestLifetime) {
        this.period = period;
        this.shortestLifetime = shortestLifetime;
    }

    /** The calendar unit one id lasts: {@code day}, {@code week} or {@code month}. */
    public String period() {
        return period;
    }

    /** The configuration spelling: {@code daily}, {@code weekly} or {@code monthly}. */
    public String setting() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The least time one id is guaranteed to span (a month can be 28 days). */
    public Duration shortestLifetime() {
        return shortestLifetime;
    }

    /**
     * The text that names the salt's period: the date itself for {@code daily} (the reference's
     * derivation, so daily ids match it), {@code 2026-W47} for weekly, {@code 2026-11} for monthly.
     */
    public String saltLabel(LocalDate utcDate) {
        return switch (this) {
            case DAILY -> utcDate.toString();
            case WEEKLY -> {
                LocalDate monday = utcDate.with(DayOfWeek.MONDAY);
                yield String.format(Locale.ROOT, "%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR),
                        monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            }
            case MONTHLY -> String.format(Locale.ROOT, "%d-%02d", utcDate.getYear(), utcDate.getMonthValue());
        };
    }

    /** {@code daily}, {@code weekly} or {@code monthly}, any case. */
    public static IdentityRotation parse(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }
}
