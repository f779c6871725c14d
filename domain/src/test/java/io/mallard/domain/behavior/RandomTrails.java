package io.mallard.domain.behavior;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Small random groups with many ties (times on a half-second grid over a few seconds) and masks
 * over three conditions, including events that match none: the cases where orderings and
 * dedup rules differ. Small enough for brute-force oracles.
 */
final class RandomTrails {
    static final int CONDITIONS = 3;

    private RandomTrails() {
    }

    record Row(long time, int mask) {
    }

    static Arbitrary<List<Row>> rows() {
        Arbitrary<Row> row = Combinators.combine(Arbitraries.integers().between(0, 8),
                Arbitraries.integers().between(0, (1 << CONDITIONS) - 1))
                .as((halfSeconds, mask) -> new Row(halfSeconds * 500_000L, mask));
        return row.list().ofMaxSize(9);
    }

    static EventTrail trail(List<Row> rows) {
        EventTrail.Builder builder = EventTrail.builder();
        rows.forEach(row -> builder.add(row.time(), row.mask()));
        return builder.build();
    }
}
