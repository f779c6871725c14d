package io.mallard.domain.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * Calendar days, both ends included, as a site sees them. {@link #from}/{@link #until} turn them into
 * the half-open instant range {@code [first 00:00, day after last 00:00)} in the site's time zone,
 * so a day of 23 or 25 hours (a DST change) is still one day.
 */
public record DateRange(LocalDate first, LocalDate last) {
    /** Longest range a query may cover: 10 years (custom ranges are refused beyond it). */
    public static final int MAX_DAYS = 3_660;

    public DateRange {
        if (first == null || last == null) {
            throw new IllegalArgumentException("a date range needs a first and a last day");
        }
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("the range ends (" + last + ") before it starts (" + first + ")");
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
            throw new IllegalArgumentException("a range may cover at most " + MAX_DAYS + " days");
        }
    }

    public long days() {
        return ChronoUnit.DAYS.between(first, last) + 1;
    }

    public Instant from(ZoneId zone) {
        return first.atStartOfDay(zone).toInstant();
    }

    public Instant until(ZoneId zone) {
        return last.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The range of the same length just before this one (for {@code compare=previous_period}). */
    public DateRange previous() {
        return new DateRange(first.minusDays(days()), first.minusDays(1));
    }

    /** The same days one year earlier (for {@code compare=year_over_year}; 29 February becomes the 28th). */
    public DateRange yearBefore() {
        return new DateRange(first.minusYears(1), last.minusYears(1));
    }
}
