package io.mallard.duckdb.stats;

import io.mallard.domain.stats.Dimension;
import io.mallard.domain.stats.Filter;

import java.util.stream.Collectors;

/**
 * SQL for dimensions and filters. An event dimension is an expression over an event row; a visit
 * dimension is an aggregate over the visit's events (its first event's value, or its first / last
 * pageview's path) kept as column {@link #visitColumn} of the visits relation. Missing values read
 * as the dimension's label ({@code (none)}, {@code Direct / None}) so filters and breakdowns agree.
 */
final class DimensionSql {
    static final String PAGEVIEW = "event_name = 'pageview'";
    /** Custom events that do not show engagement (the tracker's page-leave report): they do not stop a bounce. */
    static final String INTERACTIVE = "event_name NOT IN ('pageview', 'engagement')";
    static final String ENGAGEMENT = "event_name = 'engagement'";
    /**
     * {@code page_reads(value, vk, ms, depth)}: one row per (page, visitor) among the matched events
     * with page-leave reports, their visible milliseconds summed and their deepest scroll.
     */
    static final String PAGE_READS = "page_reads AS (SELECT pathname AS value, vk, sum(engaged_ms)::BIGINT AS ms, max(scroll_depth) AS depth "
            + "FROM matched WHERE engaged_ms IS NOT NULL GROUP BY pathname, vk)";

    private DimensionSql() {
    }

    static String visitColumn(Dimension dimension) {
        return "d_" + dimension.filterName();
    }

    /** The aggregate computing a visit dimension over the visit's events ordered by {@code seq}. */
    static String visitAggregate(Dimension dimension) {
        return switch (dimension) {
            case ENTRY_PAGE -> "arg_min(pathname, seq) FILTER (WHERE " + PAGEVIEW + ")";
            case EXIT_PAGE -> "arg_max(pathname, seq) FILTER (WHERE " + PAGEVIEW + ")";
            case SOURCE -> first("referrer_source");
            case REFERRER -> first("referrer");
            case UTM_SOURCE, UTM_MEDIUM, UTM_CAMPAIGN, UTM_CONTENT, UTM_TERM, BROWSER, OS, REGION, CITY -> first(dimension.filterName());
            case BROWSER_VERSION -> first("browser || ' ' || browser_version");
            case OS_VERSION -> first("os || ' ' || os_version");
            case DEVICE -> first("device_type");
            case COUNTRY -> first("country_code");
            case PAGE, HOSTNAME, EVENT_NAME, PROP -> throw new IllegalArgumentException(dimension + " is an event dimension");
        };
    }

    private static String first(String expression) {
        return "arg_min_null(" + expression + ", seq)";
    }

    /**
     * The value of a dimension for a row of the visits relation (visit dimensions) or of an events
     * relation. It may hold a parameter: write it into the SQL exactly once, right after the SQL
     * whose parameters were added before it.
     */
    static String value(Dimension dimension, String propKey, SqlParameters parameters) {
        String raw = switch (dimension) {
            case PAGE -> "pathname";
            case HOSTNAME -> "hostname";
            case EVENT_NAME -> "event_name";
            case PROP -> "json_extract_string(props, " + parameters.add("$.\"" + propKey + "\"") + ")";
            default -> visitColumn(dimension);
        };
        // The label is this class's constant (no quote in it), not request text.
        return "coalesce(" + raw + ", '" + dimension.missingLabel() + "')";
    }

    /** The SQL condition of one filter on {@code column}, which holds the filter dimension's {@link #value}. */
    static String condition(Filter filter, String column, SqlParameters parameters) {
        String any = switch (filter.operator()) {
            case IS, IS_NOT -> column + " IN (" + filter.values().stream().map(parameters::add).collect(Collectors.joining(", ")) + ")";
            case CONTAINS, CONTAINS_NOT -> filter.values().stream().map(expected -> "contains(" + column + ", " + parameters.add(expected) + ")")
                    .collect(Collectors.joining(" OR ", "(", ")"));
            case MATCHES_WILDCARD, MATCHES_WILDCARD_NOT -> filter.values().stream()
                    .map(expected -> column + " LIKE " + parameters.add(likePattern(expected)) + " ESCAPE '\\'")
                    .collect(Collectors.joining(" OR ", "(", ")"));
        };
        return filter.operator().negated() ? "NOT " + any : any;
    }

    /** {@code *} → any run of characters; LIKE's own {@code % _ \} are literal. */
    static String likePattern(String wildcard) {
        StringBuilder pattern = new StringBuilder();
        for (char c : wildcard.toCharArray()) {
            switch (c) {
                case '*' -> pattern.append('%');
                case '%', '_', '\\' -> pattern.append('\\').append(c);
                default -> pattern.append(c);
            }
        }
        return pattern.toString();
    }
}
