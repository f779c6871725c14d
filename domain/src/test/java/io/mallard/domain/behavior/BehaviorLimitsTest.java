package io.mallard.domain.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad configuration fails with a message naming the problem; adversarial input stays bounded. */
class BehaviorLimitsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|the pattern is empty",
            "'   '|the pattern is empty",
            "(?0)|condition (?0) does not exist",
            "(?1)(?t=1)|expected one of >=, <=, ==, !=, >, <",
            "(?1)(?t>99999999999999999999)|larger than 9223372036854775807",
            "(?1)*|unexpected character '*'",
            "(?1|expected ')'",
            "(?t<5)(?1)|time constraint must follow an event condition",
            ".*(?t<5)(?1)|time constraint must follow an event condition",
            "(?3)|condition (?3) is out of range; 2 conditions were passed"})
    void a_malformed_pattern_is_refused_with_its_position_and_problem(String pattern, String problem) {
        assertThatThrownBy(() -> SequencePattern.parse(pattern, 2))
                .isInstanceOf(BehaviorArgumentException.class)
                .hasMessageStartingWith("invalid sequence pattern '" + pattern + "': pattern error at position ")
                .hasMessageContaining(problem);
    }

    @Test
    void a_pattern_may_have_spaces_between_elements_and_at_most_1024_steps() {
        assertThat(SequencePattern.parse(" (?1) .* (?t<=5) (?2) ", 2).steps()).hasSize(4);
        assertThat(SequencePattern.parse("(?1)".repeat(1024), 2).steps()).hasSize(1024);
        assertThatThrownBy(() -> SequencePattern.parse("(?1)".repeat(1025), 2))
                .hasMessageContaining("more than 1024 steps");
    }

    @Test
    void the_number_of_conditions_is_checked_per_function() {
        assertThatThrownBy(() -> SequencePattern.parse("(?1)", 1)).hasMessageContaining("2 to 32 conditions, got 1");
        assertThatThrownBy(() -> new Retention(33)).hasMessageContaining("2 to 32 conditions, got 33");
        assertThatThrownBy(() -> new WindowFunnel(TimeSpan.ofSeconds(1), EnumSet.noneOf(FunnelMode.class), 0))
                .hasMessageContaining("1 to 32 conditions, got 0");
        assertThatThrownBy(() -> new NextNode(NextNode.Direction.FORWARD, NextNode.Base.HEAD, 33))
                .hasMessageContaining("1 to 32 conditions");
    }

    @Test
    void spans_refuse_months_negative_values_and_overflow() {
        assertThatThrownBy(() -> TimeSpan.of(1, 0, 0)).hasMessageContaining("month-based intervals are ambiguous");
        assertThatThrownBy(() -> TimeSpan.ofMicros(-1)).hasMessageContaining("must be non-negative");
        assertThatThrownBy(() -> TimeSpan.of(0, Long.MAX_VALUE / 1000, 0)).hasMessageContaining("overflow");
        assertThat(TimeSpan.of(0, 1, 5).micros()).isEqualTo(86_400_000_005L);
    }

    @Test
    void funnel_modes_are_case_insensitive_lists_and_unknown_ones_are_named() {
        assertThat(FunnelMode.parse(" Strict_Order , allow_reentry ,")).containsExactlyInAnyOrder(
                FunnelMode.STRICT_ORDER, FunnelMode.ALLOW_REENTRY);
        assertThat(FunnelMode.parse("strict,timestamp_dedup")).containsExactlyInAnyOrder(
                FunnelMode.STRICT_DEDUPLICATION, FunnelMode.STRICT_INCREASE);
        assertThatThrownBy(() -> FunnelMode.parse("strict_typo"))
                .hasMessageContaining("unknown mode 'strict_typo'; valid modes are strict_deduplication, ");
    }

    @Test
    void next_node_names_an_unknown_direction() {
        assertThatThrownBy(() -> NextNode.Direction.parse("sideways")).hasMessageContaining("unknown direction 'sideways'");
        assertThat(NextNode.Direction.parse(null)).isEqualTo(NextNode.Direction.FORWARD);
        assertThat(NextNode.Base.parse(" LAST_match ")).isEqualTo(NextNode.Base.LAST_MATCH);
    }

    @Test
    void an_adversarial_search_stops_at_its_budget_with_a_clear_error() {
        EventTrail.Builder builder = EventTrail.builder().add(0, 0b10); // (?2) occurs, but only before every (?1)
        for (int i = 1; i < 3_000; i++) {
            builder.add(i * 1_000_000L, 0b01);
        }
        EventTrail trail = builder.build();
        SequenceMatcher matcher = new SequenceMatcher(
                SequencePattern.parse("(?1).*(?t>=0).*(?t>=0).*(?t>=0)(?2)", 2), 100_000);

        assertThatThrownBy(() -> matcher.matches(trail))
                .isInstanceOf(SearchLimitExceededException.class)
                .hasMessageContaining("stopped after 100000 steps on a group of 3000 events");
    }

    @Test
    void the_memo_keeps_a_long_group_without_a_match_polynomial() {
        EventTrail trail = trail(20_000, 0b011);
        SequenceMatcher matcher = new SequenceMatcher(SequencePattern.parse(".*(?1).*(?2).*(?3)", 3));

        assertThat(matcher.matches(trail)).isFalse();
        assertThat(matcher.count(trail)).isZero();
        assertThat(matcher.matchEvents(trail)).hasSize(2);
    }

    @Test
    void a_huge_group_of_simultaneous_events_under_strict_once_is_bounded() {
        Random random = new Random(7);
        EventTrail.Builder builder = EventTrail.builder();
        for (int i = 0; i < 20_000; i++) {
            builder.add(0, random.nextInt(1 << 8));
        }
        WindowFunnel funnel = new WindowFunnel(TimeSpan.ofSeconds(1), EnumSet.of(FunnelMode.STRICT_ONCE), 8);

        assertThat(funnel.evaluate(builder.build()).steps()).isEqualTo(8);
    }

    @Test
    void a_gate_after_any_events_measures_from_the_last_condition_not_from_where_they_stopped() {
        EventTrail trail = EventTrail.builder().add(0, 0b001).add(4_000_000, 0b100).add(6_000_000, 0b010).build();

        assertThat(new SequenceMatcher(SequencePattern.parse("(?1).*(?t<=5)(?2)", 3)).matches(trail)).isFalse();
        assertThat(new SequenceMatcher(SequencePattern.parse("(?1).*(?t<=6)(?2)", 3)).matches(trail)).isTrue();
        assertThat(new SequenceMatcher(SequencePattern.parse("(?1)(?t>=6)(?2)", 3)).matches(trail)).isTrue();
    }

    @Test
    void sessions_are_counted_and_numbered_by_the_same_rule() {
        Sessionizer sessionizer = new Sessionizer(TimeSpan.ofSeconds(60));

        assertThat(sessionizer.count(new long[] {0, 60_000_000, 120_000_001, 120_000_001})).isEqualTo(2);
        assertThat(sessionizer.sessionIds(new Long[] {120_000_001L, null, 0L, 60_000_000L}))
                .containsExactly(2L, null, 1L, 1L);
        assertThat(new NextNode(NextNode.Direction.FORWARD, NextNode.Base.FIRST_MATCH, 1).evaluate(List.of())).isNull();
    }

    @Test
    void a_group_lacking_a_named_condition_or_enough_events_is_rejected_without_a_search() {
        SequenceMatcher matcher = new SequenceMatcher(SequencePattern.parse("(?1).*(?t>=0).*(?t>=0).*(?t>=0)(?2)", 2), 10);

        assertThat(matcher.matches(trail(3_000, 0b01))).as("a budget of 10 steps would not even start").isFalse();
        assertThat(matcher.count(trail(3_000, 0b01))).isZero();
        assertThat(new SequenceMatcher(SequencePattern.parse("(?1)...", 2), 1).count(trail(3, 0b01))).as("four events needed").isZero();
        assertThat(new SequenceMatcher(SequencePattern.parse("(?1)..", 2)).count(trail(3, 0b01))).isEqualTo(1);
    }

    private static EventTrail trail(int events, int mask) {
        EventTrail.Builder builder = EventTrail.builder();
        for (int i = 0; i < events; i++) {
            builder.add(i * 1_000_000L, mask);
        }
        return builder.build();
    }
}
