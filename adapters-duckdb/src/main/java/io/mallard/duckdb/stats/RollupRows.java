package io.mallard.duckdb.stats;

import io.mallard.duckdb.Sql;
import io.mallard.application.stats.BreakdownRow;
import io.mallard.application.stats.DayRollup;
import io.mallard.application.stats.PageEngagement;
import io.mallard.application.stats.Totals;
import io.mallard.domain.stats.Dimension;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rolled-up day's figures in {@code rollup_rows}: one row of totals (dimension {@code ''}) and one
 * per value of each rolled-up breakdown, written with DuckDB's appender and read back summed over days.
 */
final class RollupRows {
    private static final String TOTALS = "";
    private static final String READ = Sql.named("rollup-rows");

    private RollupRows() {
    }

    static void append(DuckDBConnection connection, String site, LocalDate day, DayRollup rollup) throws SQLException {
        try (DuckDBAppender appender = connection.createAppender("rollup_rows")) {
            Totals totals = rollup.totals();
            append(appender, site, day, TOTALS, "", totals.visitors(), totals.visits(), totals.pageviews(), totals.events(),
                    totals.bounces(), totals.visitPageviews(), totals.visitSeconds(), totals.engagement(), "");
            for (Map.Entry<Dimension, List<BreakdownRow>> entry : rollup.rows().entrySet()) {
                for (BreakdownRow row : entry.getValue()) {
                    append(appender, site, day, entry.getKey().name(), row.value(), row.visitors(), row.visits(), row.pageviews(),
                            row.events(), row.bounces(), 0, 0, row.engagement(), revenueText(row.revenue()));
                }
            }
        }
    }

    private static void append(DuckDBAppender appender, String site, LocalDate day, String dimension, String value, long visitors,
                               long visits, long pageviews, long events, long bounces, long visitPageviews, double visitSeconds,
                               PageEngagement engagement, String revenue) throws SQLException {
        appender.beginRow();
        appender.append(site).append(day).append(dimension).append(value).append(visitors).append(visits).append(pageviews)
                .append(events).append(bounces).append(visitPageviews).append(visitSeconds).append(engagement.engagedMillis())
                .append(engagement.pageVisitors()).append(engagement.depthSum()).append(revenue);
        appender.endRow();
    }

    /** What {@link #read} found: each usable day's totals, and the breakdown's rows summed over them. */
    record Read(Map<LocalDate, Totals> totals, List<BreakdownRow> rows) {
    }

    /** The totals of the {@code usable} days of {@code [first, last]} and, for a dimension, its rows summed over them. */
    static Read read(Connection connection, String site, LocalDate first, LocalDate last, Dimension dimension, Set<LocalDate> usable)
            throws SQLException {
        Map<LocalDate, Totals> totals = new HashMap<>();
        Map<String, BreakdownRow> rows = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(READ)) {
            RollupTables.bind(statement, site, first, last, TOTALS, dimension == null ? TOTALS : dimension.name());
            try (ResultSet row = statement.executeQuery()) {
                // By alias, each column's position looked up once: a 90-day breakdown reads thousands of rows.
                int dayColumn = row.findColumn("day");
                int dimensionColumn = row.findColumn("dimension");
                int value = row.findColumn("value");
                int visitors = row.findColumn("visitors");
                int visits = row.findColumn("visits");
                int pageviews = row.findColumn("pageviews");
                int events = row.findColumn("events");
                int bounces = row.findColumn("bounces");
                int visitPageviews = row.findColumn("visit_pageviews");
                int visitSeconds = row.findColumn("visit_seconds");
                int engagedMs = row.findColumn("engaged_ms");
                int pageVisitors = row.findColumn("page_visitors");
                int depthSum = row.findColumn("depth_sum");
                int revenue = row.findColumn("revenue");
                while (row.next()) {
                    LocalDate day = row.getObject(dayColumn, LocalDate.class);
                    if (!usable.contains(day)) {
                        continue;
                    }
                    PageEngagement engagement = new PageEngagement(row.getLong(engagedMs), row.getLong(pageVisitors), row.getLong(depthSum));
                    if (TOTALS.equals(row.getString(dimensionColumn))) {
                        totals.put(day, new Totals(row.getLong(visitors), row.getLong(visits), row.getLong(pageviews), row.getLong(events),
                                row.getLong(bounces), row.getLong(visitPageviews), row.getDouble(visitSeconds), engagement));
                    } else {
                        BreakdownRow found = new BreakdownRow(row.getString(value), row.getLong(visitors), row.getLong(visits),
                                row.getLong(pageviews), row.getLong(events), row.getLong(bounces), revenueOf(row.getString(revenue)), engagement);
                        rows.merge(found.value(), found, BreakdownRow::plus);
                    }
                }
            }
        }
        return new Read(Map.copyOf(totals), List.copyOf(rows.values()));
    }

    /** {@code "EUR 12.50;USD 3.00"}: currencies are validated ISO 4217 codes, amounts plain decimals. */
    static String revenueText(List<BreakdownRow.Amount> revenue) {
        return String.join(";", revenue.stream().map(amount -> amount.currency() + " " + amount.amount().toPlainString()).toList());
    }

    static List<BreakdownRow.Amount> revenueOf(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<BreakdownRow.Amount> amounts = new ArrayList<>();
        for (String pair : text.split(";")) {
            int space = pair.indexOf(' ');
            amounts.add(new BreakdownRow.Amount(pair.substring(0, space), new BigDecimal(pair.substring(space + 1))));
        }
        return amounts;
    }
}
