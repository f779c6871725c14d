package io.mallard.application.behavior;

import io.mallard.domain.behavior.EventTrail;
import io.mallard.domain.behavior.NextNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns the port's flat stream into one group per visitor: an {@link EventSink} that hands each
 * completed visitor to a consumer. One instance serves one scan; {@link #finish()} flushes the last.
 */
final class VisitorEvents implements BehaviorQueries.EventSink {
    private final Consumer<VisitorEvents> consumer;
    private long[] times = new long[16];
    private int[] masks = new int[16];
    private String[] paths = new String[16];
    private int size;
    private long visitor;
    private long visitors;

    VisitorEvents(Consumer<VisitorEvents> consumer) {
        this.consumer = consumer;
    }

    @Override
    public void event(long visitorKey, long micros, int mask, String path) {
        if (size > 0 && visitorKey != visitor) {
            flush();
        }
        visitor = visitorKey;
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            masks = Arrays.copyOf(masks, size * 2);
            paths = Arrays.copyOf(paths, size * 2);
        }
        times[size] = micros;
        masks[size] = mask;
        paths[size++] = path;
    }

    void finish() {
        if (size > 0) {
            flush();
        }
    }

    /** Visitors handed over so far. */
    long visitors() {
        return visitors;
    }

    EventTrail trail() {
        return EventTrail.of(times, masks, size);
    }

    int size() {
        return size;
    }

    long time(int index) {
        return times[index];
    }

    int mask(int index) {
        return masks[index];
    }

    /** The events as next-node rows: the path is the value, {@code base} is condition 1. */
    List<NextNode.Row> nodeRows() {
        List<NextNode.Row> rows = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            rows.add(new NextNode.Row(times[i], paths[i], (masks[i] & 1) != 0, masks[i]));
        }
        return rows;
    }

    private void flush() {
        visitors++;
        consumer.accept(this);
        size = 0;
    }
}
