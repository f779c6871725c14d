package io.mallard.duckdb.stats;

import io.mallard.application.behavior.BehaviorQueries.BehaviorScan;
import io.mallard.application.behavior.BehaviorQueries.EventSink;
import io.mallard.application.behavior.BehaviorQueries.Reach;
import io.mallard.domain.behavior.StepCondition;
import io.mallard.domain.event.EventName;
import io.mallard.domain.stats.Dimension;
import io.mallard.domain.stats.Filter;

import java.util.List;

/**
 * One scan over day trails: decodes each day, keeps the events inside the question's instants,
 * computes each event's condition mask in Java and hands the visitors to the sink exactly as
 * {@link DuckDbBehaviorQueries#scan} would from SQL — the same pageview restriction, reach, mask
 * filter and order within a visitor ({@code (time, unsigned mask)}); visitors come in key order per
 * day. The conditions are matched once per distinct name and path of a day, not per event, and so are
 * the question's filters: a trail carries each event's name and page, so a filter on either
 * ({@link #reads}) keeps the events it matches, as it keeps them in SQL; filters on visit dimensions
 * arrive as the day's kept visits ({@link KeptVisits}), whose events the scan keeps by their visit id.
 */
final class TrailScan {
    private final BehaviorScan scan;
    private final List<Filter> filters;
    private final long fromMicros;
    private final long untilMicros;
    private final EventSink sink;
    private long[] times = new long[16];
    private int[] masks = new int[16];
    private String[] paths = new String[16];
    private final java.util.Map<String, String> canonicalPaths = new java.util.HashMap<>();

    /**
     * {@code sink} may be null to only count visitors; {@code filters} are the question's, those on
     * event dimensions all ones a trail {@link #reads} (the visit filters' visits come with each day).
     */
    TrailScan(BehaviorScan scan, List<Filter> filters, long fromMicros, long untilMicros, EventSink sink) {
        this.filters = filters.stream().filter(filter -> filter.dimension().scope() == Dimension.Scope.EVENT).toList();
        if (!this.filters.stream().allMatch(TrailScan::reads)) {
            throw new IllegalArgumentException("a trail carries no " + filters);
        }
        this.scan = scan;
        this.fromMicros = fromMicros;
        this.untilMicros = untilMicros;
        this.sink = sink;
    }

    /** Whether a trail holds what the filter reads: an event's name or page. */
    static boolean reads(Filter filter) {
        return filter.dimension() == Dimension.EVENT_NAME || filter.dimension() == Dimension.PAGE;
    }

    /**
     * Streams one day (to the sink, if any); returns how many of its visitors have a matched event
     * inside the instants. {@code keptVisits}: the ascending ids of the visits the question's visit
     * filters keep that day, or null when it has none; {@code properties}: the events meeting the
     * scan's property conditions, or null when it has none.
     */
    long day(byte[] trail, long dayStartMicros, long[] keptVisits, PropertyEvents properties) {
        DayTrail.Reader day = new DayTrail.Reader(trail, dayStartMicros);
        boolean[] namesKept = kept(Dimension.EVENT_NAME, day.names(), 0);
        boolean[] pathsKept = kept(Dimension.PAGE, day.paths(), 1);
        int[] nameMasks = nameMasks(day.names());
        int[] propertyBits = properties == null ? new int[day.names().size()] : propertyBits(day.names());
        int pageview = day.names().indexOf(EventName.PAGEVIEW.value());
        int[] pathMasks = pathMasks(day.paths());
        String[] paths = scan.pageviewsOnly() ? canonical(day.paths()) : null;
        long visitors = 0;
        while (day.next()) {
            boolean[] visitsKept = keptVisits == null ? null : visitsKept(day, keptVisits);
            int kept = 0;
            boolean inside = false;
            for (int i = 0; i < day.size(); i++) {
                long time = day.time(i);
                if (time < fromMicros || time >= untilMicros || !namesKept[day.nameId(i)] || !pathsKept[day.pathId(i)]
                        || visitsKept != null && !visitsKept[day.visitSlot(i)]) {
                    continue;
                }
                inside = true;
                boolean isPageview = day.nameId(i) == pageview;
                if (scan.pageviewsOnly() && !isPageview) {
                    continue;
                }
                int path = day.pathId(i);
                int mask = nameMasks[day.nameId(i)] | (isPageview && path > 0 ? pathMasks[path - 1] : 0);
                if (propertyBits[day.nameId(i)] != 0) {
                    mask |= properties.bits(day.visitId(day.visitSlot(i)), time, propertyBits[day.nameId(i)],
                            path > 0 ? day.paths().get(path - 1) : null);
                }
                kept = keep(kept, time, mask, paths != null && path > 0 ? paths[path - 1] : null);
            }
            if (inside) {
                visitors++;
                if (sink != null) {
                    emit(day.visitor(), kept);
                }
            }
        }
        return visitors;
    }

    /**
     * The day's paths as the instances earlier days of this scan used: each day decodes its own
     * strings, and paths that are one instance hash once and compare by identity in the services' maps.
     */
    private String[] canonical(List<String> dayPaths) {
        String[] paths = new String[dayPaths.size()];
        for (int i = 0; i < paths.length; i++) {
            paths[i] = canonicalPaths.computeIfAbsent(dayPaths.get(i), path -> path);
        }
        return paths;
    }

    private int keep(int size, long time, int mask, String path) {
        if (size == times.length) {
            times = java.util.Arrays.copyOf(times, size * 2);
            masks = java.util.Arrays.copyOf(masks, size * 2);
            paths = java.util.Arrays.copyOf(paths, size * 2);
        }
        times[size] = time;
        masks[size] = mask;
        paths[size] = path;
        return size + 1;
    }

    /** Applies the reach and the mask filter, orders ties by mask, and hands the visitor over. */
    private void emit(long visitor, int size) {
        int start = 0;
        int end = size;
        if (scan.reach() != Reach.ALL) {
            int first = firstMatch(size);
            if (first < 0) {
                return;
            }
            long firstTime = times[first];
            if (scan.reach() == Reach.FROM_FIRST_MATCH) {
                start = first;
            } else {
                while (end > 0 && times[end - 1] > firstTime) {
                    end--;
                }
            }
        }
        sortTiesByMask(start, end);
        for (int i = start; i < end; i++) {
            if (scan.unmatchedToo() || masks[i] != 0) {
                sink.event(visitor, times[i], masks[i], paths[i]);
            }
        }
    }

    /** The first event meeting condition 1, moved back to the first event of its time (ties stay in). */
    private int firstMatch(int size) {
        for (int i = 0; i < size; i++) {
            if ((masks[i] & 1) != 0) {
                int first = i;
                while (first > 0 && times[first - 1] == times[i]) {
                    first--;
                }
                return first;
            }
        }
        return -1;
    }

    /** Stable insertion sort of each run of equal times by unsigned mask (runs are short). */
    private void sortTiesByMask(int start, int end) {
        for (int i = start + 1; i < end; i++) {
            if (times[i] != times[i - 1] || Integer.compareUnsigned(masks[i - 1], masks[i]) <= 0) {
                continue;
            }
            long time = times[i];
            int mask = masks[i];
            String path = paths[i];
            int j = i;
            while (j > start && times[j - 1] == time && Integer.compareUnsigned(masks[j - 1], mask) > 0) {
                masks[j] = masks[j - 1];
                paths[j] = paths[j - 1];
                j--;
            }
            masks[j] = mask;
            paths[j] = path;
        }
    }

    /** Whether each of the current visitor's visits is kept (an event stored without a visit id is in none). */
    private boolean[] visitsKept(DayTrail.Reader day, long[] keptVisits) {
        boolean[] kept = new boolean[day.visitCount()];
        for (int slot = 0; slot < kept.length; slot++) {
            Long visit = day.visitId(slot);
            kept[slot] = visit != null && java.util.Arrays.binarySearch(keptVisits, visit) >= 0;
        }
        return kept;
    }

    /**
     * Whether the filters on {@code dimension} keep each of the day's values, at index
     * {@code offset + i}; indexes below {@code offset} stand for a missing value.
     */
    private boolean[] kept(Dimension dimension, List<String> values, int offset) {
        boolean[] kept = new boolean[offset + values.size()];
        for (int i = 0; i < kept.length; i++) {
            String value = i < offset ? null : values.get(i - offset);
            kept[i] = filters.stream().filter(filter -> filter.dimension() == dimension).allMatch(filter -> filter.test(value));
        }
        return kept;
    }

    /** Bit i set for each name meeting condition i by name alone: any event, or a custom event of that name. */
    private int[] nameMasks(List<String> names) {
        int[] masks = new int[names.size()];
        for (int n = 0; n < names.size(); n++) {
            for (int c = 0; c < scan.conditions().size(); c++) {
                boolean meets = switch (scan.conditions().get(c)) {
                    case StepCondition.AnyEvent any -> true;
                    case StepCondition.CustomEvent event -> event.propKey() == null && event.name().value().equals(names.get(n));
                    case StepCondition.Page page -> false;
                };
                masks[n] |= meets ? 1 << c : 0;
            }
        }
        return masks;
    }

    /** Per event name, the bits of the property conditions on it. */
    private int[] propertyBits(List<String> names) {
        int[] bits = new int[names.size()];
        for (int n = 0; n < names.size(); n++) {
            bits[n] = PropertyEvents.bitsNaming(scan.conditions(), names.get(n));
        }
        return bits;
    }

    /** Bit i set for each path a page condition i matches (applied to pageviews only). */
    private int[] pathMasks(List<String> paths) {
        int[] masks = new int[paths.size()];
        for (int p = 0; p < paths.size(); p++) {
            for (int c = 0; c < scan.conditions().size(); c++) {
                if (scan.conditions().get(c) instanceof StepCondition.Page page && page.matches(paths.get(p))) {
                    masks[p] |= 1 << c;
                }
            }
        }
        return masks;
    }
}
