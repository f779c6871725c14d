package io.mallard.http.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mallard.application.behavior.FlowReport;
import io.mallard.application.behavior.FunnelReport;
import io.mallard.application.behavior.RetentionReport;
import io.mallard.application.behavior.SequenceReport;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON shapes of the behavioral routes (snake_case, the reference's names where it has them).
 * {@code warnings} is always present, empty when there is nothing to say.
 */
final class BehaviorViews {
    private BehaviorViews() {
    }

    @Serdeable
    record Funnel(long total_visitors, long window_seconds, List<String> modes, List<FunnelStep> steps,
                  StatsViews.Range range,
                  @JsonInclude(JsonInclude.Include.ALWAYS) List<String> warnings) {
    }

    @Serdeable
    record FunnelStep(int step, String label, long visitors, double conversion_rate, double conversion_from_previous,
                      long drop_off, @Nullable Double median_seconds_to_convert) {
        static List<FunnelStep> of(FunnelReport report) {
            List<FunnelStep> steps = new ArrayList<>();
            for (int i = 0; i < report.steps().size(); i++) {
                FunnelReport.Step step = report.steps().get(i);
                steps.add(new FunnelStep(i + 1, step.label(), step.visitors(), step.conversionFromFirst(),
                        step.conversionFromPrevious(), step.dropOff(), step.medianSecondsFromPrevious()));
            }
            return steps;
        }
    }

    /** The reference's shape: visitors by furthest step reached, step 0 included. */
    @Serdeable
    record FurthestStep(int step, long visitors) {
        static List<FurthestStep> of(FunnelReport report) {
            List<FurthestStep> rows = new ArrayList<>();
            for (int step = 0; step < report.furthest().length; step++) {
                rows.add(new FurthestStep(step, report.furthest()[step]));
            }
            return rows;
        }
    }

    @Serdeable
    record Retention(String period, List<Cohort> cohorts, @JsonInclude(JsonInclude.Include.ALWAYS) List<String> warnings) {
        static Retention of(RetentionReport report) {
            return new Retention(report.unit(), report.cohorts().stream()
                    .map(cohort -> new Cohort(cohort.start(), cohort.size(), cohort.retained(), cohort.rates())).toList(),
                    report.warnings());
        }
    }

    @Serdeable
    record Cohort(LocalDate cohort_start, long size, long[] retained, double[] rates) {
    }

    @Serdeable
    record Sequences(long converting_visitors, long total_visitors, double conversion_rate, long total_matches,
                     String pattern, long skipped_visitors, StatsViews.Range range,
                     @JsonInclude(JsonInclude.Include.ALWAYS) List<String> warnings) {
        static Sequences of(SequenceReport report, StatsViews.Range range) {
            return new Sequences(report.converting(), report.visitors(), report.conversionRate(), report.matches(),
                    report.pattern(), report.skipped(), range, report.warnings());
        }
    }

    /** One path: {@code next_page} is its first page (the reference's field), {@code path} all of them. */
    @Serdeable
    record FlowPath(String next_page, List<String> path, long visitors) {
        static List<FlowPath> of(FlowReport report) {
            return report.paths().stream().map(path -> new FlowPath(path.pages().getFirst(), path.pages(), path.visitors())).toList();
        }
    }
}
