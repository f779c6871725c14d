package io.mallard.domain.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The memoised search gives the reference search's answers (match, count, and the chain of
 * sequence_match_events, partial chains included) on random groups and random patterns with
 * gates; and count ≥ 1 exactly when there is a match.
 */
class SequenceMatcherPropertyTest {
    private static final List<String> CONSUMING = List.of("(?1)", "(?2)", "(?3)", ".");
    private static final List<String> ANY = List.of("(?1)", "(?2)", "(?3)", ".", ".*", ".*", "(?t<=1)", "(?t<2)",
            "(?t>=1)", "(?t>0)", "(?t==0)", "(?t==1)", "(?t!=1)", "(?t>=0)");

    @Property(tries = 1500)
    void the_memoised_search_agrees_with_the_reference_search(@ForAll("rows") List<RandomTrails.Row> rows,
                                                               @ForAll("patterns") String text) {
        SequencePattern pattern = SequencePattern.parse(text, RandomTrails.CONDITIONS);
        SequenceMatcher matcher = new SequenceMatcher(pattern);
        EventTrail trail = RandomTrails.trail(rows);

        assertThat(matcher.matches(trail)).isEqualTo(new ReferenceSequenceSearch(pattern, rows).matches());
        assertThat(matcher.count(trail)).isEqualTo(new ReferenceSequenceSearch(pattern, rows).count());
        assertThat(Arrays.stream(matcher.matchEvents(trail)).boxed().toList())
                .isEqualTo(new ReferenceSequenceSearch(pattern, rows).matchEvents());
    }

    @Property(tries = 500)
    void a_group_counts_a_match_exactly_when_the_pattern_matches(@ForAll("rows") List<RandomTrails.Row> rows,
                                                                  @ForAll("patterns") String text) {
        SequenceMatcher matcher = new SequenceMatcher(SequencePattern.parse(text, RandomTrails.CONDITIONS));
        EventTrail trail = RandomTrails.trail(rows);

        assertThat(matcher.count(trail) >= 1).isEqualTo(matcher.matches(trail));
    }

    @Provide
    Arbitrary<List<RandomTrails.Row>> rows() {
        return RandomTrails.rows();
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.of(CONSUMING).flatMap(first -> Arbitraries.of(ANY).list().ofMaxSize(5)
                .map(rest -> first + String.join("", rest)));
    }
}
