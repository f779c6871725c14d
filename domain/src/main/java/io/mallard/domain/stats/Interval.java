package io.mallard.domain.stats;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Time-series buckets in the site's time zone. Weeks start on Monday (ISO 8601); a week or month
 * cut by the range starts at the range's first day. {@link #buckets} lists every bucket of a range,
 * so a series can be zero-filled.
 */
public enum Interval {
    HOUR, DAY, WEEK, MONTH;

    /** Most buckets one series may have (an hourly series over more than ~a year is refused). */
    public static final int MAX_BUCKETS = 10_000;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Interval fromLabel(String label) {
        try {
            return valueOf(label.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("interval must be one of " + labels());
        }
    }

    public static String labels() {
        return Arrays.stream(values()).map(Interval::label).collect(Collectors.joining(", "));
    }

    /** The interval a period shows by default: hours for one day, days up to ~3 months, months beyond. */
    public static Interval defaultFor(DateRange range) {
        return range.days() == 1 ? HOUR : range.days() <= 92 ? DAY : MONTH;
    }

    /** The start of every bucket of {@code range}, in order; each bucket ends where the next starts (the last at the range's end). */
    public List<Instant> buckets(DateRange range, ZoneId zone) {
        Instant until = range.until(zone);
        List<Instant> starts = new ArrayList<>();
        ZonedDateTime start = range.first().atStartOfDay(zone);
        while (start.toInstant().isBefore(until)) {
            if (starts.size() == MAX_BUCKETS) {
                throw new IllegalArgumentException("a series may have at most " + MAX_BUCKETS + " " + label() + " buckets");
            }
            starts.add(start.toInstant());
            start = next(start, zone);
        }
        return starts;
    }

    private ZonedDateTime next(ZonedDateTime start, ZoneId zone) {
        return switch (this) {
            // Adding to the instant, not the local time: a DST change gives a 23- or 25-bucket day.
            case HOUR -> start.plus(1, ChronoUnit.HOURS);
            case DAY -> dayStart(start.toLocalDate().plusDays(1), zone);
            case WEEK -> dayStart(start.toLocalDate().with(TemporalAdjusters.next(DayOfWeek.MONDAY)), zone);
            case MONTH -> dayStart(start.toLocalDate().with(TemporalAdjusters.firstDayOfNextMonth()), zone);
        };
    }

    private static ZonedDateTime dayStart(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone);
    }
}
