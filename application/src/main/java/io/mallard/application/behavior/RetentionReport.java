package io.mallard.application.behavior;

import java.time.LocalDate;
import java.util.List;

/**
 * One row per cohort, oldest first. {@code retained[k]} counts the cohort's visitors active
 * {@code k} periods after joining ({@code retained[0]} is the whole cohort), {@code rates[k]} is
 * that over the size; periods that have not started yet are left out, so later cohorts have
 * shorter rows.
 */
public record RetentionReport(String unit, List<Cohort> cohorts, List<String> warnings) {

    public record Cohort(LocalDate start, long size, long[] retained, double[] rates) {
    }
}
