package io.mallard.domain.stats;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What events and visits can be broken down and filtered by.
 *
 * <p>A dimension is either a property of the <b>visit</b> (fixed by its first event: where the
 * visitor came from, on what device, from where, on which page they entered or left) or of the
 * <b>event</b> (the page viewed, the custom event's name or property). A visit filter keeps or drops
 * whole visits; an event filter keeps the events it matches and the visits containing one of them.
 * That is why "entry page is /pricing" and "page is /pricing" are different questions.
 *
 * @param filterName name in {@code filters} ({@code visit:} / {@code event:} prefixes also accepted)
 * @param breakdownName path segment under {@code /api/stats/breakdown/}
 */
public enum Dimension {
    PAGE("page", "pages", Scope.EVENT),
    ENTRY_PAGE("entry_page", "entry_pages", Scope.VISIT),
    EXIT_PAGE("exit_page", "exit_pages", Scope.VISIT),
    SOURCE("source", "sources", Scope.VISIT),
    REFERRER("referrer", "referrers", Scope.VISIT),
    UTM_SOURCE("utm_source", "utm_source", Scope.VISIT),
    UTM_MEDIUM("utm_medium", "utm_medium", Scope.VISIT),
    UTM_CAMPAIGN("utm_campaign", "utm_campaign", Scope.VISIT),
    UTM_CONTENT("utm_content", "utm_content", Scope.VISIT),
    UTM_TERM("utm_term", "utm_term", Scope.VISIT),
    BROWSER("browser", "browsers", Scope.VISIT),
    BROWSER_VERSION("browser_version", "browser_versions", Scope.VISIT),
    OS("os", "os", Scope.VISIT),
    OS_VERSION("os_version", "os_versions", Scope.VISIT),
    DEVICE("device", "devices", Scope.VISIT),
    COUNTRY("country", "countries", Scope.VISIT),
    REGION("region", "regions", Scope.VISIT),
    CITY("city", "cities", Scope.VISIT),
    HOSTNAME("hostname", "hostnames", Scope.EVENT),
    EVENT_NAME("event", "events", Scope.EVENT),
    /** A custom property; the property's key travels beside the dimension ({@code props/plan}, {@code prop:plan}). */
    PROP("prop", "props", Scope.EVENT);

    /** Whether the dimension describes a whole visit or one event. */
    public enum Scope { VISIT, EVENT }

    /** Shown (and filtered on) for a visit without a referrer source. */
    public static final String DIRECT = "Direct / None";
    /** Shown (and filtered on) where an event has no value. */
    public static final String NONE = "(none)";

    private static final java.util.regex.Pattern PROP_KEY = java.util.regex.Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    private final String filterName;
    private final String breakdownName;
    private final Scope scope;

    Dimension(String filterName, String breakdownName, Scope scope) {
        this.filterName = filterName;
        this.breakdownName = breakdownName;
        this.scope = scope;
    }

    public String filterName() {
        return filterName;
    }

    public String breakdownName() {
        return breakdownName;
    }

    public Scope scope() {
        return scope;
    }

    /** The label of a missing value in this dimension. */
    public String missingLabel() {
        return this == SOURCE ? DIRECT : NONE;
    }

    /** A custom property's key: 1-100 letters, digits or {@code _ . : -}; IllegalArgumentException otherwise. */
    public static String checkedPropKey(String key) {
        if (key == null || !PROP_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("property key must be 1-100 letters, digits or _ . : -");
        }
        return key;
    }

    public static Optional<Dimension> byBreakdownName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(dimension -> dimension.breakdownName.equals(wanted)).findFirst();
    }

    public static Optional<Dimension> byFilterName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(dimension -> dimension.filterName.equals(wanted)).findFirst();
    }

    public static String breakdownNames() {
        return Arrays.stream(values()).map(dimension -> dimension == PROP ? "props/{key}" : dimension.breakdownName)
                .collect(Collectors.joining(", "));
    }

    public static String filterNames() {
        return Arrays.stream(values()).map(dimension -> dimension == PROP ? "prop:{key}" : dimension.filterName)
                .collect(Collectors.joining(", "));
    }
}
