package io.mallard.duckdb.stats;

import io.mallard.application.stats.StatsQuery;
import io.mallard.duckdb.EventSurface.Read;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code hash(pathname) → pathname} for a question's pageviews, so a scan can carry a 64-bit hash
 * per row instead of a string. Read in the same transaction as the scan, it covers every hash the
 * scan returns. Two different paths with one hash (odds near 1e-12 for a million paths) fail the
 * question rather than mislabel a path.
 */
final class PathDictionary {
    private final Map<Long, String> paths = new HashMap<>();

    /** The read that fills this dictionary. */
    Read read(VisitQuery visits) {
        return new Read(visits.with() + "\nSELECT DISTINCT hash(pathname), pathname FROM matched WHERE " + DimensionSql.PAGEVIEW,
                visits.parameters()::bind, row -> {
                    String path = row.getString(2);
                    String previous = paths.put(row.getLong(1), path);
                    if (previous != null && !previous.equals(path)) {
                        throw new IllegalStateException("paths '" + previous + "' and '" + path + "' share a 64-bit hash");
                    }
                });
    }

    String path(long hash) {
        String path = paths.get(hash);
        if (path == null && !paths.containsKey(hash)) {
            throw new IllegalStateException("a scanned path hash is missing from the dictionary read in the same transaction");
        }
        return path;
    }
}
