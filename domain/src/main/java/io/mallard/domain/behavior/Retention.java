package io.mallard.domain.behavior;

import java.util.BitSet;

/**
 * Cohort retention of one group: element 0 says whether the anchor condition (condition 1) held on
 * some event, element {@code i} whether the anchor and condition {@code i + 1} both held, not
 * necessarily on the same event. No events at all give an empty result, not a row of falses.
 */
public final class Retention {
    private final int conditions;

    public Retention(int conditions) {
        this.conditions = Conditions.checkCount("retention", conditions, 2);
    }

    /** {@code metMask} is the OR of the group's condition masks; {@code empty} when it had no rows. */
    public boolean[] evaluate(int metMask, boolean empty) {
        return empty ? new boolean[0] : retained(BitSet.valueOf(new long[] {Integer.toUnsignedLong(metMask)}), conditions);
    }

    /**
     * The same rule for any number of periods (a cohort grid is not limited to 32 columns):
     * {@code met} holds the conditions that were true on some event.
     */
    public static boolean[] retained(BitSet met, int conditions) {
        boolean[] retained = new boolean[conditions];
        boolean anchored = met.get(0);
        for (int i = 0; i < conditions; i++) {
            retained[i] = anchored && met.get(i);
        }
        return retained;
    }
}
