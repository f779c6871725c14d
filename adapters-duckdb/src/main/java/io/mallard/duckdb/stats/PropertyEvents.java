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
 * ORs the bits into the mask of the trail event each row is — the same visitor, time, name, path
 * and visit. Rows are consumed once each. Trail events alike in all five are interchangeable: the
 * trail gives them the same mask (their name's bits; a property condition on pageviews, whose
 * masks also depend on the path, is read from events instead), so whichever of them gets the bits,
 * the stream is the same once ties are ordered by mask.
 *
 * <p>Rows are kept in the heap (about 50 bytes each): beyond {@link #LIMIT} the question is read
 * from events instead.
 */
final class PropertyEvents {
    static final int LIMIT = 500_000;

    private final long[] visitors;
    private final long[] times;
    private final String[] names;
    private final String[] paths;
    private final long[] visits;
    private final int[] masks;
    private final boolean[] used;
    private final int size;
    private long runVisitor;
    private int runStart = -1;

    private PropertyEvents(long[] visitors, long[] times, String[] names, String[] paths, long[] visits, int[] masks, int size) {
        this.visitors = visitors;
        this.times = times;
        this.names = names;
        this.paths = paths;
        this.visits = visits;
        this.masks = masks;
        this.used = new boolean[size];
        this.size = size;
    }

    /** Whether trails can take a condition's properties from here: a property condition on a custom event. */
    static boolean answers(StepCondition condition) {
        return !(condition instanceof StepCondition.CustomEvent event && event.propKey() != null && event.name().equals(EventName.PAGEVIEW));
    }

    /** Whether any of the conditions needs an event's properties. */
    static boolean needed(List<StepCondition> conditions) {
        return conditions.stream().anyMatch(condition -> condition instanceof StepCondition.CustomEvent event && event.propKey() != null);
    }

    /**
     * Reads the site's events in {@code [from, until)} meeting a property condition, from the
     * {@code events} relation on the caller's transaction; null when there are more than {@link #LIMIT}.
     */
    static PropertyEvents read(Connection connection, String events, String site, Instant from, Instant until,
                               List<StepCondition> conditions) throws SQLException {
        SqlParameters parameters = new SqlParameters();
        StringBuilder mask = new StringBuilder("(0");
        for (int i = 0; i < conditions.size(); i++) {
            if (conditions.get(i) instanceof StepCondition.CustomEvent event && event.propKey() != null) {
                mask.append(" | (CASE WHEN coalesce(").append(DuckDbBehaviorQueries.condition(event, parameters))
                        .append(", false) THEN ").append(1L << i).append(" ELSE 0 END)::BIGINT");
            }
        }
        mask.append(")");
        String sql = "SELECT * FROM (SELECT hash(visitor_id) AS vk, epoch_us(\"timestamp\") AS t, event_name, pathname, visit_id, " + mask
                + " AS mask FROM " + events + " WHERE lower(site_id) = lower(" + parameters.add(site) + ") AND \"timestamp\" >= "
                + parameters.instant(from) + " AND \"timestamp\" < " + parameters.instant(until) + ") WHERE mask <> 0 ORDER BY vk, t LIMIT "
                + parameters.add(LIMIT + 1);
        long[] visitors = new long[1024];
        long[] times = new long[1024];
        String[] names = new String[1024];
        String[] paths = new String[1024];
        long[] visits = new long[1024];
        int[] masks = new int[1024];
        int size = 0;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            parameters.bind(statement);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    if (size == LIMIT) {
                        return null;
                    }
                    if (size == visitors.length) {
                        int capacity = size * 2;
                        visitors = Arrays.copyOf(visitors, capacity);
                        times = Arrays.copyOf(times, capacity);
                        names = Arrays.copyOf(names, capacity);
                        paths = Arrays.copyOf(paths, capacity);
                        visits = Arrays.copyOf(visits, capacity);
                        masks = Arrays.copyOf(masks, capacity);
                    }
                    visitors[size] = row.getLong(1);
                    times[size] = row.getLong(2);
                    names[size] = row.getString(3);
                    paths[size] = row.getString(4);
                    long visit = row.getLong(5);
                    visits[size] = row.wasNull() ? 0 : visit + 1;
                    masks[size++] = (int) row.getLong(6);
                }
            }
        }
        return new PropertyEvents(visitors, times, names, paths, visits, masks, size);
    }

    /**
     * The property bits of one trail event (0 when it meets no property condition), taking the
     * first unused row that is this event; {@code visit} null for an event stored without a visit id.
     */
    int bits(long visitor, long time, String name, String path, Long visit) {
        if (runStart < 0 || runVisitor != visitor) {
            runVisitor = visitor;
            runStart = firstOf(visitor);
        }
        long storedVisit = visit == null ? 0 : visit + 1;
        for (int i = runStart; i < size && visitors[i] == visitor && Long.compareUnsigned(times[i], time) <= 0; i++) {
            if (!used[i] && times[i] == time && visits[i] == storedVisit && names[i].equals(name) && Objects.equals(paths[i], path)) {
                used[i] = true;
                return masks[i];
            }
        }
        return 0;
    }

    /** The first row of the visitor (rows are ordered by unsigned visitor key, as DuckDB orders its hashes), or where it would be. */
    private int firstOf(long visitor) {
        int low = 0;
        int high = size;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (Long.compareUnsigned(visitors[middle], visitor) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
