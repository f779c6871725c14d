package io.mallard.application.stats;

import java.time.LocalDate;

/** One day of the export: its figures and its most viewed page and most common source (null when none). */
public record DailyRow(LocalDate date, long visitors, long pageviews, String topPage, String topSource) {
}
