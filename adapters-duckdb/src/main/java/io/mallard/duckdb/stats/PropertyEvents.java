package io.mallard.duckdb.stats;

import io.mallard.domain.behavior.StepCondition;
import io.mallard.domain.event.EventName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The events of a question's trail days that meet its property conditions
 * ({@code event:name[key=value]}), with those conditions' bits: a trail carries no properties, so
 * they are read from the events, in the transaction that opens the trails, and {@link TrailScan}
 * ORs the bits into the mask of the trail event each row is — the same visit, time, name (a row's
 * bits are all of conditions on its own name) and, when a page filter tells events apart by it,
 * path. Rows are matched by visit id rather than visitor (reading the 64-character visitor ids of
 * those events took half of the read), so they need visit ids: events stored without one are read
 * from events instead. Nothing else is read per row: strings cost more to fetch than the rest.
 * Rows are consumed once each. Trail events alike in all four are interchangeable: the
 * trail gives them the same mask (their name's bits; a property condition on pageviews, whose
 * masks also depend on the path, is read from events instead), so whichever of them gets the bits,
 * the stream is the same once ties are ordered by mask.
 *
 * <p>Rows are kept in the heap (about 50 bytes each): beyond {@link #LIMIT} the question is read
 * from events instead.
 */
final class PropertyEvents {
    /** The most rows a question keeps in the heap (about 50 bytes each). */
    static final int LIMIT = 500_000;

    private final long[] visits;
    private final long[] times;
    private final int[] masks;
    private final String[] paths;
    private final boolean[] used;
    private final int size;

    private PropertyEvents(long[] visits, long[] times, int[] masks, String[] paths, int size) {
        this.visits = visits;
        this.times = times;
        this.masks = masks;
        this.paths = paths;
        this.used = new boolean[size];
        this.size = size;
    }

    /** Whether trails can take a condition's properties from here: a property condition on a custom event. */
    static boolean answers(StepCondition condition) {
        return !(condition instanceof StepCondition.CustomEvent event && event.propKey() != null && event.name().equals(EventName.PAGEVIEW));
    }

    /** Whether any of the conditions needs an event's properties. */
    static boolean needed(List<StepCondition> conditions) {
        return conditions.stream().anyMatch(PropertyEvents::onProperty);
    }

    /** The bits of the property conditions on events named {@code name}. */
    static int bitsNaming(List<StepCondition> conditions, String name) {
        int bits = 0;
        for (int i = 0; i < conditions.size(); i++) {
            if (onProperty(conditions.get(i)) && ((StepCondition.CustomEvent) conditions.get(i)).name().value().equals(name)) {
                bits |= 1 << i;
            }
        }
        return bits;
    }

    private static boolean onProperty(StepCondition condition) {
        return condition instanceof StepCondition.CustomEvent event && event.propKey() != null;
    }

    /**
     * Reads the site's events in {@code [from, until)} meeting a property condition, from the
     * {@code events} relation on the caller's transaction, with their paths when {@code withPaths};
     * null when there are more than {@code limit} (normally {@link #LIMIT}) or one has no visit id.
     */
    static PropertyEvents read(Connection connection, String events, String site, Instant from, Instant until,
                               List<StepCondition> conditions, boolean withPaths, int limit) throws SQLException {
        SqlParameters parameters = new SqlParameters();
        String mask = DuckDbBehaviorQueries.mask(conditions, PropertyEvents::onProperty, parameters);
        List<String> names = conditions.stream().filter(PropertyEvents::onProperty)
                .map(condition -> ((StepCondition.CustomEvent) condition).name().value()).distinct().toList();
        // The names first: the properties of other events are never parsed.
        String sql = "SELECT * FROM (SELECT visit_id, epoch_us(\"timestamp\") AS t, " + mask + " AS mask, " + (withPaths ? "pathname" : "NULL")
                + " AS path FROM " + events + " WHERE lower(site_id) = lower(" + parameters.add(site) + ") AND \"timestamp\" >= "
                + parameters.instant(from) + " AND \"timestamp\" < " + parameters.instant(until) + " AND event_name IN ("
                + String.join(", ", names.stream().map(parameters::add).toList()) + ")) WHERE mask <> 0 ORDER BY visit_id NULLS FIRST, t LIMIT "
                + parameters.add(limit + 1);
        long[] visits = new long[1024];
        long[] times = new long[1024];
        int[] masks = new int[1024];
        String[] paths = withPaths ? new String[1024] : null;
        int size = 0;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            parameters.bind(statement);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    long visit = row.getLong(1);
                    if (size == limit || row.wasNull()) {
                        return null;
                    }
                    if (size == visits.length) {
                        int capacity = size * 2;
                        visits = Arrays.copyOf(visits, capacity);
                        times = Arrays.copyOf(times, capacity);
                        masks = Arrays.copyOf(masks, capacity);
                        paths = withPaths ? Arrays.copyOf(paths, capacity) : null;
                    }
                    visits[size] = visit;
                    times[size] = row.getLong(2);
                    masks[size] = (int) row.getLong(3);
                    if (withPaths) {
                        paths[size] = row.getString(4);
                    }
                    size++;
                }
            }
        }
        return new PropertyEvents(visits, times, masks, paths, size);
    }

    /**
     * The property bits of one trail event (0 when it meets no property condition), taking the
     * first unused row that is this event: {@code nameBits} are the property conditions on its name
     * ({@link #bitsNaming}); {@code visit} null for an event stored without a visit id (no row is
     * such an event); {@code path} is compared when the rows were read with paths.
     */
    int bits(Long visit, long time, int nameBits, String path) {
        if (visit == null) {
            return 0;
        }
        for (int i = firstAtOrAfter(visit, time); i < size && visits[i] == visit && times[i] == time; i++) {
            if (!used[i] && (masks[i] & ~nameBits) == 0 && (paths == null || Objects.equals(paths[i], path))) {
                used[i] = true;
                return masks[i];
            }
        }
        return 0;
    }

    /** The first row at or after {@code (visit, time)} in the rows' order. */
    private int firstAtOrAfter(long visit, long time) {
        int low = 0;
        int high = size;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (visits[middle] < visit || visits[middle] == visit && times[middle] < time) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
