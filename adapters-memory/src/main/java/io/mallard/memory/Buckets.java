package io.mallard.memory;

import java.time.Instant;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/** Time buckets by their starts (ascending): an instant lies in the last bucket starting at or before it, or in none. */
final class Buckets {
    private final NavigableSet<Instant> starts;

    Buckets(List<Instant> starts) {
        this.starts = new TreeSet<>(starts);
    }

    /** The start of the bucket holding {@code at}; null before the first bucket. */
    Instant of(Instant at) {
        return starts.floor(at);
    }

    /** The bucket's position from 0, or -1 before the first. */
    int indexOf(Instant at) {
        Instant start = of(at);
        return start == null ? -1 : starts.headSet(start).size();
    }
}
