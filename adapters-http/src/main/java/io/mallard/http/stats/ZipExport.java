package io.mallard.http.stats;

import io.mallard.application.stats.DailyRow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The export as one ZIP of CSVs, the way Plausible exports a dashboard: {@code visitors.csv} (one
 * row per day), one file per breakdown named after its route ({@code pages.csv}, {@code sources.csv},
 * …, each its first {@link io.mallard.application.query.Pagination#MAX_LIMIT} rows by visitors) and
 * {@code goals.csv}, all for the same period and filters. Cells are written as {@link DailyExport#cell}
 * writes them (formula-safe, RFC 4180 quoting).
 */
final class ZipExport {
    static final String BREAKDOWN_HEADER = "name,visitors,visits,pageviews,bounce_rate,events,revenue,time_on_page,scroll_depth";
    static final String GOALS_HEADER = "goal,kind,visitors,conversions,conversion_rate";

    private ZipExport() {
    }

    /** {@code breakdowns}: file name (without {@code .csv}) → rows, written in the map's order. */
    static byte[] zip(List<DailyRow> days, Map<String, List<StatsViews.Row>> breakdowns, List<StatsViews.GoalRow> goals) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            entry(zip, "visitors.csv", DailyExport.csv(days));
            for (Map.Entry<String, List<StatsViews.Row>> breakdown : breakdowns.entrySet()) {
                entry(zip, breakdown.getKey() + ".csv", breakdownCsv(breakdown.getValue()));
            }
            entry(zip, "goals.csv", goalsCsv(goals));
        } catch (IOException e) {
            throw new UncheckedIOException("writing the export in memory failed", e);
        }
        return bytes.toByteArray();
    }

    static String breakdownCsv(List<StatsViews.Row> rows) {
        StringBuilder out = new StringBuilder(BREAKDOWN_HEADER).append("\r\n");
        for (StatsViews.Row row : rows) {
            String revenue = row.revenue().stream().map(amount -> amount.amount().toPlainString() + " " + amount.currency())
                    .collect(Collectors.joining("; "));
            line(out, DailyExport.cell(row.value()), row.visitors(), row.visits(), row.pageviews(), row.bounce_rate(), row.events(),
                    DailyExport.cell(revenue), row.time_on_page() == null ? "" : row.time_on_page(),
                    row.scroll_depth() == null ? "" : row.scroll_depth());
        }
        return out.toString();
    }

    static String goalsCsv(List<StatsViews.GoalRow> goals) {
        StringBuilder out = new StringBuilder(GOALS_HEADER).append("\r\n");
        for (StatsViews.GoalRow goal : goals) {
            line(out, DailyExport.cell(goal.goal()), goal.kind(), goal.visitors(), goal.conversions(), goal.conversion_rate());
        }
        return out.toString();
    }

    private static void line(StringBuilder out, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            out.append(i == 0 ? "" : ",").append(cells[i]);
        }
        out.append("\r\n");
    }

    private static void entry(ZipOutputStream zip, String name, String csv) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(csv.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
