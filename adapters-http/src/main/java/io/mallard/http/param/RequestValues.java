package io.mallard.http.param;

import io.mallard.application.validation.InvalidInputException;
import io.mallard.domain.event.SiteId;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.function.Supplier;

/** Parses single request values (query parameters, path variables) into domain values, or a 400 naming the input. */
public final class RequestValues {
    /** {@link ZoneId#getAvailableZoneIds()} copies the set on every call; the tz database does not change at run time. */
    private static final Set<String> ZONE_IDS = Set.copyOf(ZoneId.getAvailableZoneIds());

    private RequestValues() {
    }

    public static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(name, name + " is required");
        }
        return value;
    }

    public static SiteId siteId(String name, String value) {
        try {
            return new SiteId(required(name, value));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name, name + ": " + e.getMessage());
        }
    }

    /** An ISO date, {@code YYYY-MM-DD}. */
    public static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(required(name, value));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name, name + " must be a date as YYYY-MM-DD");
        }
    }

    /** An optional integer in {@code [min, max]}; {@code fallback} when absent or blank. */
    public static int integer(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new InvalidInputException(name, name + " must be an integer from " + min + " to " + max);
    }

    /** A record's numeric id from a path ({@code goal_id}, {@code segment_id}). */
    public static long id(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, name + " must be a number");
        }
    }

    /** Runs a domain parser, turning its {@link IllegalArgumentException} into a 400 naming the input. */
    public static <T> T parsed(String name, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name, e.getMessage());
        }
    }

    /** An IANA time zone name such as {@code Europe/Paris} or {@code UTC}. */
    public static ZoneId timeZone(String name, String value) {
        if (!ZONE_IDS.contains(required(name, value))) {
            throw new InvalidInputException(name, name + " must be an IANA time zone name such as Europe/Paris or UTC");
        }
        return ZoneId.of(value);
    }
}
