package io.mallard.clickhouse;

import io.mallard.domain.stats.Dimension;
import io.mallard.domain.stats.Filter;

import java.util.List;

/**
 * Dimensions and filters as ClickHouse expressions. Columns keep '' for "not known"; every
 * expression here reads it as the dimension's missing label ({@code Direct / None}, {@code (none)}),
 * as filters and breakdowns see it (METRICS.md).
 */
final class DimensionSql {
    private DimensionSql() {
    }

    /** The column of the visits table ({@code v}) holding a visit dimension's value, labelled. */
    static String visitColumn(Dimension dimension) {
        return "d_" + dimension.filterName();
    }

    /**
     * The aggregate computing a visit dimension over the visit's events ({@code ord} orders them):
     * the first event's value, the first and last pageview's path for entry and exit pages.
     */
    static String visitAggregate(Dimension dimension, SqlParams params) {
        String value = switch (dimension) {
            case ENTRY_PAGE -> "argMinIf(pathname, ord, event_name = 'pageview')";
            case EXIT_PAGE -> "argMaxIf(pathname, ord, event_name = 'pageview')";
            case BROWSER_VERSION -> "argMin(" + joined("browser", "browser_version") + ", ord)";
            case OS_VERSION -> "argMin(" + joined("os", "os_version") + ", ord)";
            default -> "argMin(" + firstEventColumn(dimension) + ", ord)";
        };
        return labelled(value, dimension, params) + " AS " + visitColumn(dimension);
    }

    /** "Firefox 128": both parts or nothing. */
    private static String joined(String name, String version) {
        return "if(" + name + " = '' OR " + version + " = '', '', concat(" + name + ", ' ', " + version + "))";
    }

    private static String firstEventColumn(Dimension dimension) {
        return switch (dimension) {
            case SOURCE -> "referrer_source";
            case REFERRER -> "referrer";
            case UTM_SOURCE -> "utm_source";
            case UTM_MEDIUM -> "utm_medium";
            case UTM_CAMPAIGN -> "utm_campaign";
            case UTM_CONTENT -> "utm_content";
            case UTM_TERM -> "utm_term";
            case BROWSER -> "browser";
            case OS -> "os";
            case DEVICE -> "device_type";
            case COUNTRY -> "country_code";
            case REGION -> "region";
            case CITY -> "city";
            default -> throw new IllegalArgumentException(dimension + " is not taken from a visit's first event");
        };
    }

    /** An event dimension's value on one event row, labelled; {@code propKey} for {@link Dimension#PROP}. */
    static String eventValue(Dimension dimension, String propKey, SqlParams params) {
        return switch (dimension) {
            case PAGE -> labelled("pathname", dimension, params);
            case HOSTNAME -> labelled("hostname", dimension, params);
            case EVENT_NAME -> "event_name";
            case PROP -> {
                String key = params.string(propKey);
                yield "if(mapContains(props, " + key + "), props[" + key + "], " + params.string(dimension.missingLabel()) + ")";
            }
            default -> throw new IllegalArgumentException(dimension + " is a visit dimension");
        };
    }

    /** Whether an event row has a value for the property (a property breakdown lists only those events). */
    static String hasProp(String propKey, SqlParams params) {
        return "mapContains(props, " + params.string(propKey) + ")";
    }

    private static String labelled(String value, Dimension dimension, SqlParams params) {
        return "if(" + value + " = '', " + params.string(dimension.missingLabel()) + ", " + value + ")";
    }

    /** The condition of one filter on {@code value} (a labelled expression): any value matches, negated operators none. */
    static String condition(Filter filter, String value, SqlParams params) {
        String any = switch (filter.operator()) {
            case IS, IS_NOT -> "has(" + params.strings(filter.values()) + ", " + value + ")";
            case CONTAINS, CONTAINS_NOT -> "multiSearchAny(" + value + ", " + params.strings(filter.values()) + ")";
            case MATCHES_WILDCARD, MATCHES_WILDCARD_NOT ->
                    "arrayExists(pattern -> like(" + value + ", pattern), " + params.strings(likePatterns(filter.values())) + ")";
        };
        return filter.operator().negated() ? "NOT " + any : any;
    }

    /** Wildcard expressions as LIKE patterns: {@code *} is {@code %}, and LIKE's own {@code % _ \} are literal. */
    static List<String> likePatterns(List<String> wildcards) {
        return wildcards.stream().map(DimensionSql::likePattern).toList();
    }

    static String likePattern(String wildcard) {
        StringBuilder pattern = new StringBuilder(wildcard.length() + 8);
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
