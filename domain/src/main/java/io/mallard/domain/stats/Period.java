package io.mallard.domain.stats;

import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The named periods of the stats API, each resolved against "today" in the site's time zone.
 * Rolling periods end today and include it ({@code 7d} is today and the 6 days before: 7 days, not
 * the reference's 8); calendar periods run from their start to today. {@code realtime} is the last
 * 30 minutes: its days are yesterday and today (the window may start before midnight), and the
 * question is cut to the window's instants where it is asked (the application's stats service).
 */
public enum Period {
    /** The last 30 minutes, within yesterday and today. */
    REALTIME("realtime"),
    /** One day: {@code date} when given, else today. */
    DAY("day"),
    TODAY("today"),
    SEVEN_DAYS("7d"),
    THIRTY_DAYS("30d"),
    NINETY_DAYS("90d"),
    /** The calendar month of {@code date} (whole), or this month up to today. */
    MONTH("month"),
    /** This month and the 5 before it, up to today. */
    SIX_MONTHS("6mo"),
    /** This month and the 11 before it, up to today. */
    TWELVE_MONTHS("12mo"),
    /** The calendar year of {@code date} (whole), or this year up to today. */
    YEAR("year"),
    /** {@code from} and {@code to}, both included. */
    CUSTOM("custom");

    private final String label;

    Period(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Period fromLabel(String label) {
        String wanted = label.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(period -> period.label.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("period must be one of " + labels()));
    }

    public static String labels() {
        return Arrays.stream(values()).map(Period::label).collect(Collectors.joining(", "));
    }

    /**
     * The days this period covers. {@code date} (may be null) anchors {@code day}, {@code month}
     * and {@code year}; {@code custom} needs {@code from} and {@code to}; other periods ignore them.
     */
    public DateRange resolve(LocalDate today, LocalDate date, LocalDate from, LocalDate to) {
        return switch (this) {
            case REALTIME -> new DateRange(today.minusDays(1), today);
            case DAY -> single(date == null ? today : date);
            case TODAY -> single(today);
            case SEVEN_DAYS -> rolling(today, 7);
            case THIRTY_DAYS -> rolling(today, 30);
            case NINETY_DAYS -> rolling(today, 90);
            case MONTH -> date == null ? new DateRange(today.withDayOfMonth(1), today)
                    : new DateRange(date.withDayOfMonth(1), date.with(TemporalAdjusters.lastDayOfMonth()));
            case SIX_MONTHS -> new DateRange(today.withDayOfMonth(1).minusMonths(5), today);
            case TWELVE_MONTHS -> new DateRange(today.withDayOfMonth(1).minusMonths(11), today);
            case YEAR -> date == null ? new DateRange(today.withDayOfYear(1), today)
                    : new DateRange(date.withDayOfYear(1), date.with(TemporalAdjusters.lastDayOfYear()));
            case CUSTOM -> {
                if (from == null || to == null) {
                    throw new IllegalArgumentException("a custom period needs from and to");
                }
                yield new DateRange(from, to);
            }
        };
    }

    private static DateRange single(LocalDate day) {
        return new DateRange(day, day);
    }

    private static DateRange rolling(LocalDate today, int days) {
        return new DateRange(today.minusDays(days - 1L), today);
    }
}
