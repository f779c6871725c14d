package io.mallard.storage.contract;

import io.mallard.application.behavior.FlowQuery;
import io.mallard.application.behavior.FlowReport;
import io.mallard.application.behavior.FlowService;
import io.mallard.application.behavior.FunnelQuery;
import io.mallard.application.behavior.FunnelReport;
import io.mallard.application.behavior.FunnelService;
import io.mallard.application.behavior.IdentityWindow;
import io.mallard.application.behavior.SequenceQuery;
import io.mallard.application.behavior.SequenceReport;
import io.mallard.application.behavior.SequenceService;
import io.mallard.application.stats.QueryGate;
import io.mallard.domain.behavior.FunnelMode;
import io.mallard.domain.behavior.NextNode;
import io.mallard.domain.behavior.SequencePattern;
import io.mallard.domain.behavior.StepCondition;
import io.mallard.domain.behavior.TimeSpan;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each behavioral question, through the application's own services, over the engine's stream of the
 * {@link Fixture}: funnels in their modes, sequences and flows both ways. The services are the
 * product's; what the contract checks is that the engine feeds them what the definitions need.
 */
public abstract class BehaviorQuestionsContract extends FixtureContract {
    static final List<StepCondition> CHECKOUT = StepCondition.parseList("page:/,page:/pricing,event:purchase", 1, 32);

    private final QueryGate gate = new QueryGate(0, Duration.ZERO);


    private FunnelReport funnel(Set<FunnelMode> modes) {
        return new FunnelService(engine.behavior(), gate, IdentityWindow.DAILY)
                .funnel(new FunnelQuery(BehaviorContract.ALL_DAYS, CHECKOUT, TimeSpan.ofSeconds(86_400), modes));
    }

    @Test
    void aFunnelCountsVisitorsReachingEachStepInOrderWithinTheWindow() {
        FunnelReport report = funnel(Set.of());

        // Step 1 (/): A, C, D, E. Step 2 (/pricing after /): A, D. Step 3 (a purchase after /pricing): D.
        assertThat(report.visitors()).isEqualTo(5);
        assertThat(report.steps()).extracting(FunnelReport.Step::visitors).containsExactly(4L, 2L, 1L);
        assertThat(report.steps().get(1).medianSecondsFromPrevious()).as("A: 300 s, D: 600 s").isEqualTo(450.0);
        assertThat(report.furthest()).containsExactly(1, 2, 1, 1);
    }

    @Test
    void strictOrderStopsAtAnEventMatchingNoStepWhichTheEngineMustStreamToo() {
        FunnelReport report = funnel(Set.of(FunnelMode.STRICT_ORDER));

        // A reaches /pricing before its signup; C's purchase comes before any /pricing: it stops at 1.
        assertThat(report.steps()).extracting(FunnelReport.Step::visitors).containsExactly(4L, 2L, 1L);
        FunnelReport increase = funnel(Set.of(FunnelMode.STRICT_INCREASE));
        assertThat(increase.steps()).extracting(FunnelReport.Step::visitors).containsExactly(4L, 2L, 1L);
    }

    @Test
    void aSequenceCountsVisitorsMatchingThePatternAndTheirMatches() {
        List<StepCondition> conditions = StepCondition.parseList("page:/,event:purchase", 1, 32);
        SequenceReport report = new SequenceService(engine.behavior(), gate)
                .sequences(new SequenceQuery(BehaviorContract.ALL_DAYS, conditions, SequencePattern.parse("(?1).*(?2)", 2)));

        // C (/ then a purchase 10 min later) and D (/, /pricing, purchase); A never buys.
        assertThat(report.converting()).isEqualTo(2);
        assertThat(report.visitors()).isEqualTo(5);
        assertThat(report.matches()).isEqualTo(2);
    }

    @Test
    void aFlowFollowsEachVisitorsPagesFromTheirFirstViewForwardAndBackward() {
        FlowService flows = new FlowService(engine.behavior(), gate);

        FlowReport forward = flows.flow(new FlowQuery(BehaviorContract.ALL_DAYS, new StepCondition.Page("/"), NextNode.Direction.FORWARD, 2, 10));
        // A: /pricing, /blog; C: /checkout; D: /pricing; E viewed / and nothing after.
        assertThat(forward.visitors()).isEqualTo(4);
        assertThat(forward.paths()).containsExactly(new FlowReport.Path(List.of("/checkout"), 1),
                new FlowReport.Path(List.of("/pricing"), 1), new FlowReport.Path(List.of("/pricing", "/blog"), 1));

        FlowReport backward = flows.flow(new FlowQuery(BehaviorContract.ALL_DAYS, new StepCondition.Page("/pricing"),
                NextNode.Direction.BACKWARD, 1, 10));
        assertThat(backward.visitors()).isEqualTo(2);
        assertThat(backward.paths()).containsExactly(new FlowReport.Path(List.of("/"), 2));
    }
}
