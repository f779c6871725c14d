package io.mallard.http.stats;

import io.mallard.application.stats.DailyRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The export's daily rows as CSV or JSON. CSV cells that a spreadsheet would run as a formula
 * (starting with {@code = + - @}, a tab or a carriage return) get a leading {@code '}; cells with
 * a comma, quote or line break are quoted (RFC 4180).
 */
final class DailyExport {
    static final String HEADER = "date,visitors,pageviews,top_page,top_source";

    private DailyExport() {
    }

    @Serdeable
    record Day(String date, long visitors, long pageviews, @Nullable String top_page, @Nullable String top_source) {
        static Day of(DailyRow row) {
            return new Day(row.date().toString(), row.visitors(), row.pageviews(), row.topPage(), row.topSource());
        }
    }

    static String csv(List<DailyRow> rows) {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        for (DailyRow row : rows) {
            out.append(row.date()).append(',').append(row.visitors()).append(',').append(row.pageviews()).append(',')
                    .append(cell(row.topPage())).append(',').append(cell(row.topSource())).append("\r\n");
        }
        return out.toString();
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
