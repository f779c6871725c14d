package io.mallard.domain.behavior;

import java.util.Arrays;

/**
 * The current path of a {@link SequenceSearch}: a stack of states with the alternative each will
 * try next, the (?N) times consumed on the way, and the pending child transition.
 */
final class SearchPath {
    private final SequenceSearch search;
    private int depth;
    private int[] event = new int[32];
    private int[] step = new int[32];
    private int[] anchor = new int[32];
    private int[] alternative = new int[32];
    private int[] chainLength = new int[32];
    private long[] conditionTimes = new long[32];

    private int childEvent;
    private int childStep;
    private int childAnchor;
    private boolean childByCondition;
    private long childTime;

    SearchPath(SequenceSearch search) {
        this.search = search;
    }

    void reset(int start) {
        depth = 0;
        child(start, 0, SequenceSearch.NO_ANCHOR, false, 0);
        push();
    }

    boolean isEmpty() {
        return depth == 0;
    }

    int event() {
        return event[depth - 1];
    }

    int step() {
        return step[depth - 1];
    }

    long key() {
        return SequenceSearch.key(event[depth - 1], step[depth - 1], anchor[depth - 1]);
    }

    int chainLength() {
        return chainLength[depth - 1];
    }

    /** The (?N) times consumed on the path to the top state. */
    long[] chain() {
        return Arrays.copyOf(conditionTimes, chainLength());
    }

    /** Asks the search for the top state's next alternative; false when none is left. */
    boolean nextChild() {
        int top = depth - 1;
        while (alternative[top] < 2) {
            if (search.child(event[top], step[top], anchor[top], alternative[top]++)) {
                return true;
            }
        }
        return false;
    }

    boolean child(int nextEvent, int nextStep, int nextAnchor, boolean byCondition, long time) {
        childEvent = nextEvent;
        childStep = nextStep;
        childAnchor = nextAnchor;
        childByCondition = byCondition;
        childTime = time;
        return true;
    }

    long childKey() {
        return SequenceSearch.key(childEvent, childStep, childAnchor);
    }

    void push() {
        if (depth == event.length) {
            grow();
        }
        int parentChain = depth == 0 ? 0 : chainLength[depth - 1];
        event[depth] = childEvent;
        step[depth] = childStep;
        anchor[depth] = childAnchor;
        alternative[depth] = 0;
        chainLength[depth] = parentChain + (childByCondition ? 1 : 0);
        if (childByCondition) {
            if (parentChain == conditionTimes.length) {
                conditionTimes = Arrays.copyOf(conditionTimes, parentChain * 2);
            }
            conditionTimes[parentChain] = childTime;
        }
        depth++;
    }

    void pop() {
        depth--;
    }

    private void grow() {
        int size = event.length * 2;
        event = Arrays.copyOf(event, size);
        step = Arrays.copyOf(step, size);
        anchor = Arrays.copyOf(anchor, size);
        alternative = Arrays.copyOf(alternative, size);
        chainLength = Arrays.copyOf(chainLength, size);
    }
}
