package io.mallard.http.stats;

import io.mallard.application.validation.InvalidInputException;
import io.mallard.domain.behavior.FunnelMode;
import io.mallard.domain.behavior.NextNode;
import io.mallard.domain.behavior.SequencePattern;
import io.mallard.domain.behavior.StepCondition;
import io.mallard.domain.behavior.TimeSpan;
import io.mallard.domain.stats.Interval;
import io.mallard.http.param.RequestValues;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parameters of the behavioral routes, validated; every bad value is a 400 naming its parameter.
 * A {@code window} is a count and a unit ({@code 1 day}, {@code 30 minutes}, {@code 12h}) of at
 * most {@value #MAX_WINDOW_DAYS} days; months are refused, as they have no fixed length.
 */
final class BehaviorParameters {
    static final int MAX_WINDOW_DAYS = 366;
    private static final Pattern WINDOW = Pattern.compile("(\\d{1,9})\\s*([a-z]+)");

    private BehaviorParameters() {
    }

    static List<StepCondition> steps(String name, String text, int min) {
        return RequestValues.parsed(name, () -> StepCondition.parseList(text, min, 32));
    }

    static TimeSpan window(String text) {
        if (text == null || text.isBlank()) {
            return TimeSpan.ofSeconds(86_400);
        }
        Matcher window = WINDOW.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!window.matches()) {
            throw new InvalidInputException("window", "window is a number and a unit, e.g. 1 day, 30 minutes, 12h");
        }
        long count = Long.parseLong(window.group(1));
        long seconds = switch (window.group(2)) {
            case "s", "sec", "secs", "second", "seconds" -> count;
            case "m", "min", "mins", "minute", "minutes" -> count * 60;
            case "h", "hour", "hours" -> count * 3_600;
            case "d", "day", "days" -> count * 86_400;
            case "w", "week", "weeks" -> count * 7 * 86_400;
            case "month", "months", "mon", "mons", "year", "years", "y" ->
                    throw new InvalidInputException("window", "month-based windows are ambiguous (28-31 days); give days instead");
            default -> throw new InvalidInputException("window", "unknown unit '" + window.group(2) + "'; use seconds, minutes, hours, days or weeks");
        };
        if (seconds > MAX_WINDOW_DAYS * 86_400L) {
            throw new InvalidInputException("window", "window is at most " + MAX_WINDOW_DAYS + " days");
        }
        return TimeSpan.ofSeconds(seconds);
    }

    static Set<FunnelMode> modes(String text) {
        return RequestValues.parsed("mode", () -> FunnelMode.parse(text));
    }

    static SequencePattern pattern(String text, int conditions) {
        return RequestValues.parsed("pattern", () -> SequencePattern.parse(text, conditions));
    }

    static NextNode.Direction direction(String text) {
        if (text == null || text.isBlank()) {
            return NextNode.Direction.FORWARD;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "next", "forward" -> NextNode.Direction.FORWARD;
            case "previous", "backward" -> NextNode.Direction.BACKWARD;
            default -> throw new InvalidInputException("direction", "direction must be next or previous");
        };
    }

    static StepCondition.Page page(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("page", "page is required, e.g. page=/pricing");
        }
        return RequestValues.parsed("page", () -> new StepCondition.Page(text.strip()));
    }

    static StepCondition optionalStep(String name, String text) {
        return text == null || text.isBlank() ? new StepCondition.AnyEvent() : RequestValues.parsed(name, () -> StepCondition.parse(text));
    }

    static Interval retentionUnit(String text) {
        Interval unit = text == null || text.isBlank() ? Interval.WEEK : RequestValues.parsed("period", () -> Interval.fromLabel(text));
        if (unit == Interval.HOUR) {
            throw new InvalidInputException("period", "retention periods are day, week or month");
        }
        return unit;
    }


}
