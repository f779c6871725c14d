import io.mallard.application.stats.Breakdown;
import io.mallard.application.stats.StatsQuery;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.DateRange;
import io.mallard.domain.stats.Dimension;
import io.mallard.domain.stats.Filters;
import io.mallard.domain.stats.Interval;
import io.mallard.duckdb.DuckDbDatabase;
import io.mallard.duckdb.DuckDbTieredStorage;
import io.mallard.duckdb.stats.DuckDbStatsQueries;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The stats adapter's own time per dashboard question, without HTTP: opens a data directory with
 * DuckDB's memory_limit at 256MB and asks each question RUNS times. Prints "name p50 p95" in ms, or
 * "name failed: message" when the store refuses the query.
 *   java -cp MODULE_CLASSES:duckdb_jdbc.jar:slf4j-api.jar StatsInProcess.java DATA_DIR END_DATE DAYS RUNS
 */
public class StatsInProcess {
    public static void main(String[] args) throws Exception {
        LocalDate end = LocalDate.parse(args[1]);
        int days = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);
        try (DuckDbDatabase database = DuckDbDatabase.open(Path.of(args[0]), "256MB")) {
            DuckDbStatsQueries stats = new DuckDbStatsQueries(new DuckDbTieredStorage(database, 1).surface(), Duration.ofMinutes(30));
            StatsQuery query = new StatsQuery(new SiteId("example.com"), ZoneOffset.UTC, new DateRange(end.minusDays(days - 1L), end), Filters.NONE);
            Map<String, Supplier<Object>> questions = new LinkedHashMap<>();
            questions.put("main", () -> stats.totals(query));
            questions.put("timeseries", () -> stats.series(query, Interval.DAY.buckets(query.range(), query.zone())));
            for (Dimension dimension : new Dimension[]{Dimension.PAGE, Dimension.SOURCE, Dimension.BROWSER, Dimension.OS, Dimension.DEVICE, Dimension.COUNTRY}) {
                questions.put(dimension.breakdownName(), () -> stats.breakdown(query, Breakdown.of(dimension), 100, 0));
            }
            for (Map.Entry<String, Supplier<Object>> question : questions.entrySet()) {
                long[] millis = new long[runs];
                try {
                    for (int i = 0; i < runs; i++) {
                        long started = System.nanoTime();
                        question.getValue().get();
                        millis[i] = (System.nanoTime() - started) / 1_000_000;
                    }
                    Arrays.sort(millis);
                    System.out.println(question.getKey() + " " + millis[(runs - 1) / 2] + " " + millis[(int) Math.ceil(runs * 0.95) - 1]);
                } catch (RuntimeException e) {
                    System.out.println(question.getKey() + " failed: " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        }
    }
}
