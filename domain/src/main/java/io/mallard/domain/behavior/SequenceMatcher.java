package io.mallard.domain.behavior;

/**
 * {@code sequence_match}, {@code sequence_count} and {@code sequence_match_events} over one group
 * (SEMANTICS.md §6.2). Events with no true condition are ignored: {@code .} and {@code .*} never
 * consume them and they do not break adjacency. A match is searched from each start position in
 * turn, depth first, trying {@code .*}'s "zero more events" before "one more".
 *
 * <p>The search remembers states that failed, which keeps it polynomial, and stops with
 * {@link SearchLimitExceededException} after {@code budget} steps per group. Thread-safe.
 */
public final class SequenceMatcher {
    public static final long DEFAULT_BUDGET = 20_000_000L;

    private final SequencePattern pattern;
    private final long budget;

    public SequenceMatcher(SequencePattern pattern) {
        this(pattern, DEFAULT_BUDGET);
    }

    public SequenceMatcher(SequencePattern pattern, long budget) {
        this.pattern = pattern;
        this.budget = budget;
    }

    public SequencePattern pattern() {
        return pattern;
    }

    /** Whether the pattern matches from some start; false for a group with no usable events. */
    public boolean matches(EventTrail events) {
        if (!pattern.mayMatch(events)) {
            return false;
        }
        SequenceSearch search = new SequenceSearch(pattern, events.withoutEmptyMasks(), budget, false);
        for (int start = 0; start < search.events(); start++) {
            if (search.from(start) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Non-overlapping matches: after a match ending at {@code end} the next search starts at
     * {@code max(end, start + 1)}, so a pattern that matches nothing ({@code .*}) counts one match
     * per event instead of looping.
     */
    public long count(EventTrail events) {
        if (!pattern.mayMatch(events)) {
            return 0;
        }
        SequenceSearch search = new SequenceSearch(pattern, events.withoutEmptyMasks(), budget, false);
        long matches = 0;
        for (int start = 0; start < search.events(); ) {
            int end = search.from(start);
            if (end >= 0) {
                matches++;
                start = Math.max(end, start + 1);
            } else {
                start++;
            }
        }
        return matches;
    }

    /**
     * The times of the events consumed by {@code (?N)} in the first match; with no full match, those
     * of the longest partial chain the search explored (the first found of that length).
     */
    public long[] matchEvents(EventTrail events) {
        SequenceSearch search = new SequenceSearch(pattern, events.withoutEmptyMasks(), budget, true);
        for (int start = 0; start < search.events(); start++) {
            if (search.from(start) >= 0) {
                return search.matchedTimes();
            }
        }
        return search.longestChain();
    }
}
