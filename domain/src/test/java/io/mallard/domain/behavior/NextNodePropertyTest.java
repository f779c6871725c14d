package io.mallard.domain.behavior;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link NextNode#prefixValues} is {@code evaluate} with 1, 2, … N conditions, up to the first NULL. */
class NextNodePropertyTest {
    @Provide
    Arbitrary<List<NextNode.Row>> rows() {
        Arbitrary<NextNode.Row> row = Combinators.combine(Arbitraries.longs().between(0, 6),
                        Arbitraries.of("a", "b", "é", "z").injectNull(0.15), Arbitraries.of(true, true, false),
                        Arbitraries.integers().between(0, 15))
                .as(NextNode.Row::new);
        return row.list().ofMaxSize(12);
    }

    @Property(tries = 2000)
    void prefixValuesAreTheValuesOfEachShorterChain(@ForAll("rows") List<NextNode.Row> rows, @ForAll NextNode.Direction direction,
                                                    @ForAll NextNode.Base base, @ForAll @IntRange(min = 1, max = 4) int depth) {
        if (direction == NextNode.Direction.FORWARD && base == NextNode.Base.TAIL
                || direction == NextNode.Direction.BACKWARD && base == NextNode.Base.HEAD) {
            return;
        }
        List<String> expected = new ArrayList<>();
        for (int k = 1; k <= depth; k++) {
            String value = new NextNode(direction, base, k).evaluate(rows);
            if (value == null) {
                break;
            }
            expected.add(value);
        }

        assertThat(new NextNode(direction, base, depth).prefixValues(rows)).isEqualTo(expected);
    }
}
