package io.mallard.domain.behavior;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code sequence_next_node} (ClickHouse's {@code sequenceNextNode}, SEMANTICS.md §7.2): after (or
 * before) a chain of events matching conditions 1..N on consecutive positions from one anchor,
 * the value of the next (or previous) event. Events sort by {@code (time, value with NULL first,
 * base condition, mask)}; there is exactly one anchor and no retry at another.
 */
public final class NextNode {
    /** Which way the chain runs from its anchor. */
    public enum Direction {
        FORWARD, BACKWARD;

        /** NULL means forward; otherwise trimmed and case-insensitive. */
        public static Direction parse(String text) {
            return text == null ? FORWARD : parseLabel(Direction.class, "direction", text);
        }
    }

    /** Where the chain's anchor is. */
    public enum Base {
        HEAD, TAIL, FIRST_MATCH, LAST_MATCH;

        /** NULL means first_match; otherwise trimmed and case-insensitive. */
        public static Base parse(String text) {
            return text == null ? FIRST_MATCH : parseLabel(Base.class, "base", text);
        }
    }

    /** One event: its time, its value (may be NULL), the base condition and the event conditions. */
    public record Row(long time, String value, boolean base, int mask) {
    }

    private static final Comparator<String> UTF8_BYTES = (a, b) -> Arrays.compare(a.codePoints().toArray(),
            b.codePoints().toArray());
    private static final Comparator<Row> ORDER = Comparator.comparingLong(Row::time)
            .thenComparing(Row::value, Comparator.nullsFirst(UTF8_BYTES))
            .thenComparing(Row::base)
            .thenComparing(Row::mask, Integer::compareUnsigned);

    private final Direction direction;
    private final Base base;
    private final int conditions;

    public NextNode(Direction direction, Base base, int conditions) {
        if (direction == Direction.FORWARD && base == Base.TAIL || direction == Direction.BACKWARD && base == Base.HEAD) {
            throw new BehaviorArgumentException("sequence_next_node: invalid direction/base combination "
                    + label(direction) + " + " + label(base) + ": there is never an event beyond the anchor");
        }
        this.direction = direction;
        this.base = base;
        this.conditions = Conditions.checkCount("sequence_next_node", conditions, 1);
    }

    /** The value found, or NULL: no anchor, a broken chain, nothing beyond it, or a NULL value there. */
    public String evaluate(List<Row> rows) {
        Row[] sorted = sorted(rows);
        int anchor = anchor(sorted);
        if (anchor < 0) {
            return null;
        }
        int stride = direction == Direction.FORWARD ? 1 : -1;
        for (int k = 0; k < conditions; k++) {
            int position = anchor + k * stride;
            if (position < 0 || position >= sorted.length || !Conditions.holds(sorted[position].mask(), k)) {
                return null;
            }
        }
        int next = anchor + conditions * stride;
        return next < 0 || next >= sorted.length ? null : sorted[next].value();
    }

    /**
     * What {@link #evaluate} gives with conditions 1, then 1..2, …, then 1..N (same direction and
     * base) over the same rows, up to the first NULL: a path from the anchor, with one sort.
     */
    public List<String> prefixValues(List<Row> rows) {
        Row[] sorted = sorted(rows);
        int anchor = anchor(sorted);
        List<String> values = new ArrayList<>();
        int stride = direction == Direction.FORWARD ? 1 : -1;
        for (int k = 0; anchor >= 0 && k < conditions; k++) {
            int position = anchor + k * stride;
            int next = position + stride;
            if (!Conditions.holds(sorted[position].mask(), k) || next < 0 || next >= sorted.length || sorted[next].value() == null) {
                break;
            }
            values.add(sorted[next].value());
        }
        return values;
    }

    private static Row[] sorted(List<Row> rows) {
        Row[] sorted = rows.toArray(Row[]::new);
        Arrays.sort(sorted, ORDER);
        return sorted;
    }

    private int anchor(Row[] sorted) {
        if (sorted.length == 0) {
            return -1;
        }
        return switch (base) {
            case HEAD -> sorted[0].base() ? 0 : -1;
            case TAIL -> sorted[sorted.length - 1].base() ? sorted.length - 1 : -1;
            case FIRST_MATCH -> firstMatch(sorted, 0, sorted.length, 1);
            case LAST_MATCH -> firstMatch(sorted, sorted.length - 1, -1, -1);
        };
    }

    private static int firstMatch(Row[] sorted, int from, int end, int stride) {
        for (int i = from; i != end; i += stride) {
            if (sorted[i].base() && Conditions.holds(sorted[i].mask(), 0)) {
                return i;
            }
        }
        return -1;
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> E parseLabel(Class<E> type, String argument, String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(type.getEnumConstants()).filter(value -> label(value).equals(wanted)).findFirst()
                .orElseThrow(() -> new BehaviorArgumentException("sequence_next_node: unknown " + argument + " '"
                        + text + "'; expected one of " + Arrays.stream(type.getEnumConstants())
                                .map(NextNode::label).collect(Collectors.joining(", "))));
    }
}
