package io.mallard.domain.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The funnel scan against the declarative definitions of SEMANTICS.md §5.2, by brute force over
 * small random groups, and the invariants every mode keeps.
 */
class WindowFunnelPropertyTest {

    @Property(tries = 600)
    void default_strict_increase_and_strict_once_reach_the_longest_chain_inside_the_window(
            @ForAll("rows") List<RandomTrails.Row> rows, @ForAll @IntRange(min = 0, max = 4) int windowHalfSeconds,
            @ForAll("declarativeModes") Set<FunnelMode> modes) {
        long window = windowHalfSeconds * 500_000L;
        WindowFunnel funnel = new WindowFunnel(TimeSpan.ofMicros(window), modes, RandomTrails.CONDITIONS);

        int reached = funnel.evaluate(RandomTrails.trail(rows)).steps();

        assertThat(reached).isEqualTo(longestChain(rows, window, modes));
    }

    @Property(tries = 600)
    void the_step_times_are_a_chain_of_matching_events_inside_the_window(
            @ForAll("rows") List<RandomTrails.Row> rows, @ForAll @IntRange(min = 0, max = 4) int windowHalfSeconds,
            @ForAll("anyModes") Set<FunnelMode> modes) {
        long window = windowHalfSeconds * 500_000L;
        FunnelResult result = new WindowFunnel(TimeSpan.ofMicros(window), modes, RandomTrails.CONDITIONS)
                .evaluate(RandomTrails.trail(rows));

        long[] times = result.stepTimes();
        assertThat(times).hasSize(result.steps());
        for (int step = 0; step < times.length; step++) {
            long time = times[step];
            int condition = step;
            assertThat(rows).as("an event with condition %d at %d", step + 1, time)
                    .anyMatch(row -> row.time() == time && Conditions.holds(row.mask(), condition));
            assertThat(time - times[0]).isBetween(0L, window);
            if (step > 0) {
                assertThat(time).isGreaterThanOrEqualTo(times[step - 1]);
                if (modes.contains(FunnelMode.STRICT_INCREASE)) {
                    assertThat(time).isGreaterThan(times[step - 1]);
                }
            }
        }
        boolean entered = rows.stream().anyMatch(row -> Conditions.holds(row.mask(), 0));
        assertThat(result.steps() == 0).isEqualTo(!entered);
    }

    @Provide
    Arbitrary<List<RandomTrails.Row>> rows() {
        return RandomTrails.rows();
    }

    @Provide
    Arbitrary<Set<FunnelMode>> declarativeModes() {
        return Arbitraries.of(Set.of(), Set.of(FunnelMode.STRICT_INCREASE), Set.of(FunnelMode.STRICT_ONCE),
                Set.of(FunnelMode.STRICT_ONCE, FunnelMode.STRICT_INCREASE));
    }

    @Provide
    Arbitrary<Set<FunnelMode>> anyModes() {
        return Arbitraries.subsetOf(FunnelMode.values()).filter(modes -> !modes.contains(FunnelMode.ALLOW_REENTRY)
                || modes.contains(FunnelMode.STRICT_ORDER));
    }

    /**
     * max m with rows r1..rm, cond_k(r_k), non-decreasing times (strictly increasing under
     * strict_increase; distinct rows under strict_once), all within the window of r1.
     */
    private static int longestChain(List<RandomTrails.Row> rows, long window, Set<FunnelMode> modes) {
        int best = 0;
        for (int entry = 0; entry < rows.size(); entry++) {
            if (Conditions.holds(rows.get(entry).mask(), 0)) {
                boolean[] used = new boolean[rows.size()];
                used[entry] = true;
                best = Math.max(best, 1 + extend(rows, window, modes, 1, rows.get(entry).time(), rows.get(entry).time(), used));
            }
        }
        return best;
    }

    private static int extend(List<RandomTrails.Row> rows, long window, Set<FunnelMode> modes, int step,
                              long entryTime, long previousTime, boolean[] used) {
        if (step == RandomTrails.CONDITIONS) {
            return 0;
        }
        boolean distinct = modes.contains(FunnelMode.STRICT_ONCE);
        boolean increasing = modes.contains(FunnelMode.STRICT_INCREASE);
        int best = 0;
        for (int i = 0; i < rows.size(); i++) {
            RandomTrails.Row row = rows.get(i);
            boolean inOrder = increasing ? row.time() > previousTime : row.time() >= previousTime;
            if (Conditions.holds(row.mask(), step) && inOrder && row.time() - entryTime <= window
                    && !(distinct && used[i])) {
                boolean wasUsed = used[i];
                used[i] = true;
                best = Math.max(best, 1 + extend(rows, window, modes, step + 1, entryTime, row.time(), used));
                used[i] = wasUsed;
            }
        }
        return best;
    }

}
