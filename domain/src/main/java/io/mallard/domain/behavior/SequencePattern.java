package io.mallard.domain.behavior;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed sequence pattern:
 * <pre>
 * pattern := ws* ( element ws* )+
 * element := "(?" N ")" | "(?t" op N ")" | ".*" | "."
 * op      := "&gt;=" | "&lt;=" | "==" | "!=" | "&gt;" | "&lt;"
 * </pre>
 * {@code (?N)} names a condition (1-based, at most the number passed); a time gate must follow
 * some {@code (?N)} or {@code .}; at most {@value #MAX_STEPS} elements. Errors name the position.
 */
public final class SequencePattern {
    public static final int MAX_STEPS = 1024;

    private final String text;
    private final List<PatternStep> steps;

    private final int requiredConditions;
    private final int consumingElements;

    private SequencePattern(String text, List<PatternStep> steps) {
        this.text = text;
        this.steps = List.copyOf(steps);
        int required = 0;
        int consuming = 0;
        for (PatternStep step : steps) {
            if (step instanceof PatternStep.Condition condition) {
                required |= 1 << condition.index();
                consuming++;
            } else if (step instanceof PatternStep.AnyEvent) {
                consuming++;
            }
        }
        this.requiredConditions = required;
        this.consumingElements = consuming;
    }

    public static SequencePattern parse(String text, int conditions) {
        Conditions.checkCount("sequence functions", conditions, 2);
        return new Parser(text, conditions).parse();
    }

    public String text() {
        return text;
    }

    List<PatternStep> steps() {
        return steps;
    }

    /**
     * Whether a group could match at all: every {@code (?N)} consumes an event meeting condition N
     * and every {@code .} one more event, so a group lacking a named condition, or with fewer
     * events than those elements, cannot. A cheap necessary test that spares most groups the search.
     */
    boolean mayMatch(EventTrail events) {
        int present = 0;
        int usable = 0;
        for (int i = 0; i < events.size(); i++) {
            present |= events.mask(i);
            usable += events.mask(i) != 0 ? 1 : 0;
        }
        return (present & requiredConditions) == requiredConditions && usable >= consumingElements;
    }

    /** True when the pattern has no time gate (anchors then never matter to the search). */
    boolean timeFree() {
        return steps.stream().noneMatch(step -> step instanceof PatternStep.TimeGate);
    }

    private static final class Parser {
        private final String text;
        private final int conditions;
        private final List<PatternStep> steps = new ArrayList<>();
        private int position;
        private boolean consumedBefore;

        Parser(String text, int conditions) {
            this.text = text;
            this.conditions = conditions;
        }

        SequencePattern parse() {
            skipSpaces();
            if (position == text.length()) {
                throw error("the pattern is empty");
            }
            while (position < text.length()) {
                steps.add(element());
                if (steps.size() > MAX_STEPS) {
                    throw error("more than " + MAX_STEPS + " steps");
                }
                skipSpaces();
            }
            return new SequencePattern(text, steps);
        }

        private PatternStep element() {
            if (text.startsWith(".*", position)) {
                position += 2;
                return new PatternStep.AnyEvents();
            }
            if (text.startsWith(".", position)) {
                position++;
                consumedBefore = true;
                return new PatternStep.AnyEvent();
            }
            if (text.startsWith("(?t", position)) {
                return timeGate();
            }
            if (text.startsWith("(?", position)) {
                return condition();
            }
            throw error("unexpected character '" + text.charAt(position) + "'");
        }

        private PatternStep condition() {
            int start = position;
            position += 2;
            long number = number();
            expect(')');
            if (number == 0) {
                throw error(start, "condition (?0) does not exist; conditions are numbered from 1");
            }
            if (number > conditions) {
                throw error(start, "condition (?" + number + ") is out of range; " + conditions
                        + " conditions were passed");
            }
            consumedBefore = true;
            return new PatternStep.Condition((int) number - 1);
        }

        private PatternStep timeGate() {
            int start = position;
            if (!consumedBefore) {
                throw error(start, "time constraint must follow an event condition");
            }
            position += 3;
            PatternStep.Comparison comparison = comparison();
            long seconds = number();
            expect(')');
            return new PatternStep.TimeGate(comparison, seconds);
        }

        private PatternStep.Comparison comparison() {
            for (PatternStep.Comparison candidate : PatternStep.Comparison.values()) {
                if (text.startsWith(candidate.symbol, position)) {
                    position += candidate.symbol.length();
                    return candidate;
                }
            }
            throw error("expected one of >=, <=, ==, !=, >, < after (?t");
        }

        private long number() {
            int start = position;
            while (position < text.length() && Character.isDigit(text.charAt(position))
                    && text.charAt(position) < 128) {
                position++;
            }
            if (start == position) {
                throw error("expected a number");
            }
            try {
                return Long.parseLong(text, start, position, 10);
            } catch (NumberFormatException tooLarge) {
                throw error(start, "the number is larger than " + Long.MAX_VALUE);
            }
        }

        private void expect(char wanted) {
            if (position >= text.length() || text.charAt(position) != wanted) {
                throw error("expected '" + wanted + "'");
            }
            position++;
        }

        private void skipSpaces() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        private BehaviorArgumentException error(String problem) {
            return error(position, problem);
        }

        private BehaviorArgumentException error(int at, String problem) {
            return new BehaviorArgumentException("invalid sequence pattern '" + text
                    + "': pattern error at position " + at + ": " + problem);
        }
    }
}
