import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The stats benchmark's baseline: each dashboard question asked as one hand-written DuckDB
 * statement over the same Parquet files, with the same memory limit. Prints "name p50 p95" in ms, or
 * "name failed: message" when DuckDB refuses the query.
 *   java -cp duckdb_jdbc.jar BaselineSql.java FILES_GLOB FROM_TIMESTAMP RUNS
 */
public class BaselineSql {
    static final String VISITS = """
            WITH e AS (SELECT * FROM read_parquet('%s') WHERE "timestamp" >= TIMESTAMP '%s'),
            s AS (SELECT *, CASE WHEN "timestamp" - lag("timestamp") OVER w <= INTERVAL 30 MINUTE THEN 0 ELSE 1 END AS opens
                  FROM e WINDOW w AS (PARTITION BY visitor_id ORDER BY "timestamp")),
            t AS (SELECT *, sum(opens) OVER (PARTITION BY visitor_id ORDER BY "timestamp" ROWS UNBOUNDED PRECEDING) AS visit FROM s),
            v AS (SELECT visitor_id, visit, min("timestamp") AS started, max("timestamp") AS ended,
                  count(*) FILTER (WHERE event_name = 'pageview') AS pageviews, count(*) AS events,
                  arg_min_null(%s, "timestamp") AS value FROM t GROUP BY visitor_id, visit)
            """;

    public static void main(String[] args) throws Exception {
        String files = args[0];
        String from = args[1];
        int runs = Integer.parseInt(args[2]);
        List<String[]> questions = List.of(
                new String[]{"main", VISITS.formatted(files, from, "NULL") + "SELECT (SELECT count(DISTINCT visitor_id) FROM e), (SELECT count(*) FILTER (WHERE event_name = 'pageview') FROM e), count(*), count(*) FILTER (WHERE pageviews = 1 AND events = 1), avg(epoch(ended) - epoch(started)), avg(pageviews) FROM v"},
                new String[]{"timeseries", VISITS.formatted(files, from, "NULL") + "SELECT d, count(DISTINCT visitor_id), count(*) FILTER (WHERE event_name = 'pageview'), (SELECT count(*) FROM v WHERE CAST(started AS DATE) = d) FROM (SELECT CAST(\"timestamp\" AS DATE) AS d, visitor_id, event_name FROM e) GROUP BY d ORDER BY d"},
                new String[]{"sessions", VISITS.formatted(files, from, "NULL") + "SELECT count(*), avg(epoch(ended) - epoch(started)), avg(pageviews) FROM v"},
                new String[]{"pages", VISITS.formatted(files, from, "NULL") + "SELECT pathname, count(DISTINCT visitor_id) AS visitors, count(*), count(DISTINCT (visitor_id, visit)) FROM t WHERE event_name = 'pageview' GROUP BY pathname ORDER BY visitors DESC, pathname LIMIT 100"},
                breakdown("sources", files, from, "coalesce(referrer_source, 'Direct / None')"),
                breakdown("browsers", files, from, "browser"),
                breakdown("os", files, from, "os"),
                breakdown("devices", files, from, "device_type"),
                breakdown("countries", files, from, "country_code"));
        Properties properties = new Properties();
        properties.setProperty("memory_limit", "256MB");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties)) {
            for (String[] question : questions) {
                long[] millis = new long[runs];
                try {
                    for (int i = 0; i < runs; i++) {
                        long started = System.nanoTime();
                        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(question[1])) {
                            while (rows.next()) {
                                rows.getObject(1);
                            }
                        }
                        millis[i] = (System.nanoTime() - started) / 1_000_000;
                    }
                    Arrays.sort(millis);
                    System.out.println(question[0] + " " + millis[(runs - 1) / 2] + " " + millis[(int) Math.ceil(runs * 0.95) - 1]);
                } catch (java.sql.SQLException e) {
                    System.out.println(question[0] + " failed: " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        }
    }

    static String[] breakdown(String name, String files, String from, String value) {
        return new String[]{name, VISITS.formatted(files, from, value) + "SELECT coalesce(value, '(none)') AS value, count(DISTINCT visitor_id) AS visitors, sum(pageviews), count(*), count(*) FILTER (WHERE pageviews = 1 AND events = 1) FROM v GROUP BY 1 ORDER BY visitors DESC, value LIMIT 100"};
    }
}
