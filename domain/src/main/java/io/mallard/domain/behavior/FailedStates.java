package io.mallard.domain.behavior;

import java.util.Arrays;

/**
 * An open-addressing set of search states (packed into longs) known to lead to no match. A state's
 * outcome does not depend on how the search reached it, so one set serves every start position.
 */
final class FailedStates {
    private static final long EMPTY = -1L;

    private long[] slots = new long[64];
    private int size;

    FailedStates() {
        Arrays.fill(slots, EMPTY);
    }

    boolean contains(long state) {
        for (int slot = slot(state, slots.length); ; slot = (slot + 1) & (slots.length - 1)) {
            if (slots[slot] == EMPTY) {
                return false;
            }
            if (slots[slot] == state) {
                return true;
            }
        }
    }

    void add(long state) {
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        insert(slots, state);
        size++;
    }

    private void grow() {
        long[] larger = new long[slots.length * 2];
        Arrays.fill(larger, EMPTY);
        for (long state : slots) {
            if (state != EMPTY) {
                insert(larger, state);
            }
        }
        slots = larger;
    }

    private static void insert(long[] table, long state) {
        int slot = slot(state, table.length);
        while (table[slot] != EMPTY && table[slot] != state) {
            slot = (slot + 1) & (table.length - 1);
        }
        table[slot] = state;
    }

    private static int slot(long state, int capacity) {
        long mixed = state * 0x9E3779B97F4A7C15L;
        return (int) (mixed >>> 40) & (capacity - 1);
    }
}
