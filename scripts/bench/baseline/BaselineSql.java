import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The benchmarks' baseline: each question asked as one hand-written DuckDB statement over the same
 * Parquet files, with the same memory limit. Prints "name p50 p95" in ms, or "name failed: message"
 * when DuckDB refuses the query. SET is {@code stats} (the dashboard's questions) or {@code behavior}
 * (funnel, retention, sequences and flow, in the formulations SEMANTICS.md §10 validated) or
 * {@code filtered}: questions read from standard input, one per line as "name TAB group TAB condition",
 * each counting visitors and pageviews of the events meeting the condition, per value of the group
 * expression (ordered by visitors, first 100) or in total when the group is "-" (none when it is "n/a").
 *   java -cp duckdb_jdbc.jar BaselineSql.java stats FILES_GLOB FROM_TIMESTAMP RUNS
 *   java -cp duckdb_jdbc.jar BaselineSql.java behavior FILES_GLOB FROM_TIMESTAMP RUNS UNTIL_TIMESTAMP
 *   java -cp duckdb_jdbc.jar BaselineSql.java filtered FILES_GLOB FROM_TIMESTAMP RUNS UNTIL_TIMESTAMP < questions
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
        String files = args[1];
        String from = args[2];
        int runs = Integer.parseInt(args[3]);
        List<String[]> questions = switch (args[0]) {
            case "stats" -> stats(files, from);
            case "behavior" -> behavior(files, from, args[4]);
            case "filtered" -> filtered(files, from, args[4]);
            default -> throw new IllegalArgumentException("SET is stats or behavior, not " + args[0]);
        };
        time(questions, runs);
    }

    static List<String[]> stats(String files, String from) {
        return List.of(
                new String[]{"main", VISITS.formatted(files, from, "NULL") + "SELECT (SELECT count(DISTINCT visitor_id) FROM e), (SELECT count(*) FILTER (WHERE event_name = 'pageview') FROM e), count(*), count(*) FILTER (WHERE pageviews = 1 AND events = 1), avg(epoch(ended) - epoch(started)), avg(pageviews) FROM v"},
                new String[]{"timeseries", VISITS.formatted(files, from, "NULL") + "SELECT d, count(DISTINCT visitor_id), count(*) FILTER (WHERE event_name = 'pageview'), (SELECT count(*) FROM v WHERE CAST(started AS DATE) = d) FROM (SELECT CAST(\"timestamp\" AS DATE) AS d, visitor_id, event_name FROM e) GROUP BY d ORDER BY d"},
                new String[]{"sessions", VISITS.formatted(files, from, "NULL") + "SELECT count(*), avg(epoch(ended) - epoch(started)), avg(pageviews) FROM v"},
                new String[]{"pages", VISITS.formatted(files, from, "NULL") + "SELECT pathname, count(DISTINCT visitor_id) AS visitors, count(*), count(DISTINCT (visitor_id, visit)) FROM t WHERE event_name = 'pageview' GROUP BY pathname ORDER BY visitors DESC, pathname LIMIT 100"},
                breakdown("sources", files, from, "coalesce(referrer_source, 'Direct / None')"),
                breakdown("browsers", files, from, "browser"),
                breakdown("os", files, from, "os"),
                breakdown("devices", files, from, "device_type"),
                breakdown("countries", files, from, "country_code"));
    }

    static List<String[]> filtered(String files, String from, String until) {
        List<String[]> questions = new ArrayList<>();
        new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).lines().filter(line -> !line.isBlank()).forEach(line -> {
            String[] parts = line.split("\t");
            if (parts[1].equals("n/a")) {
                return; // no plain SQL over events asks it (an entry page needs the visit's events in order)
            }
            String counts = "count(DISTINCT visitor_id) AS visitors, count(*) FILTER (WHERE event_name = 'pageview')";
            String events = " FROM read_parquet('%s') WHERE \"timestamp\" >= TIMESTAMP '%s' AND \"timestamp\" < TIMESTAMP '%s' AND (%s)"
                    .formatted(files, from, until, parts[2]);
            questions.add(new String[]{parts[0], parts[1].equals("-") ? "SELECT " + counts + events
                    : "SELECT " + parts[1] + " AS value, " + counts + events + " GROUP BY value ORDER BY visitors DESC, value LIMIT 100"});
        });
        return questions;
    }

    static void time(List<String[]> questions, int runs) throws Exception {
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

    /** Visitors keyed as the server keys them; conditions as the endpoints' defaults ask them. */
    static final String BEHAVIOR_EVENTS = """
            WITH e AS (SELECT hash(visitor_id) AS u, epoch_us("timestamp") AS t, event_name, pathname
                       FROM read_parquet('%s') WHERE "timestamp" >= TIMESTAMP '%s' AND "timestamp" < TIMESTAMP '%s')
            """;

    /**
     * The behavioral endpoints' questions of {@code behavior.sh}: funnel (4 pages, 1-day window,
     * default mode: one ASOF join per step, §10.3, counting a visitor with no step-1 event as 0 —
     * the sketch there counts them as 1), retention (12 weeks from the Monday 11 weeks
     * before this one, UTC), sequences (no plain SQL answers a time gate, §10.4, so this is the
     * same steps without it, through RE2) and flow (3 pages after each visitor's first "/", with
     * window functions, §10.5).
     */
    static List<String[]> behavior(String files, String from, String until) {
        String events = BEHAVIOR_EVENTS.formatted(files, from, until);
        String day = "86400000000";
        String funnel = events + """
                , s AS (SELECT u, t, event_name = 'pageview' AND pathname = '/' AS c1, event_name = 'pageview' AND pathname = '/pricing' AS c2,
                             event_name = 'pageview' AND pathname = '/signup' AS c3, event_name = 'pageview' AND pathname = '/checkout' AS c4 FROM e),
                s1 AS (SELECT u, t AS t1 FROM s WHERE c1),
                s2 AS (SELECT a.*, b.t AS t2 FROM s1 a ASOF LEFT JOIN (SELECT u, t FROM s WHERE c2) b ON a.u = b.u AND a.t1 <= b.t),
                s3 AS (SELECT a.*, b.t AS t3 FROM s2 a ASOF LEFT JOIN (SELECT u, t FROM s WHERE c3) b ON a.u = b.u AND a.t2 <= b.t),
                s4 AS (SELECT a.*, b.t AS t4 FROM s3 a ASOF LEFT JOIN (SELECT u, t FROM s WHERE c4) b ON a.u = b.u AND a.t3 <= b.t),
                reached AS (SELECT v.u, coalesce(max(CASE WHEN t1 IS NOT NULL THEN 1 + coalesce((t2 - t1 <= %1$s)::INT, 0)
                                   + coalesce((t3 - t1 <= %1$s)::INT, 0) + coalesce((t4 - t1 <= %1$s)::INT, 0) END), 0) AS steps
                            FROM (SELECT DISTINCT u FROM e) v LEFT JOIN s4 USING (u) GROUP BY v.u)
                SELECT steps, count(*) FROM reached GROUP BY steps ORDER BY steps
                """.formatted(day);
        java.time.LocalDate monday = java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY)).minusWeeks(11);
        String retention = BEHAVIOR_EVENTS.formatted(files, monday + " 00:00:00", until) + """
                , periods AS (SELECT DISTINCT u, ((t - epoch_us(TIMESTAMP '%s')) // (7 * %s))::INT AS p FROM e),
                cohorts AS (SELECT u, min(p) AS cohort FROM periods GROUP BY u)
                SELECT cohort, p - cohort AS k, count(*) FROM cohorts JOIN periods USING (u) GROUP BY ALL ORDER BY 1, 2
                """.formatted(monday, day);
        String token = "'|' || (event_name = 'pageview' AND pathname = '/pricing')::INT || (event_name = 'pageview' AND pathname = '/signup')::INT"
                + " || (event_name = 'purchase')::INT";
        String pattern = "\\|1..(?:\\|...)*?\\|.1.(?:\\|...)*?\\|..1";
        String sequences = events + """
                , tokens AS (SELECT u, t, %s AS token FROM e),
                trails AS (SELECT u, string_agg(token, '' ORDER BY t, reverse(token)) AS trail FROM tokens WHERE token <> '|000' GROUP BY u)
                SELECT count(*) FILTER (WHERE regexp_matches(trail, '%2$s')), sum(len(regexp_extract_all(trail, '%2$s'))),
                       (SELECT count(DISTINCT u) FROM e) FROM trails
                """.formatted(token, pattern);
        String flow = events + """
                , pv AS (SELECT u, t, pathname FROM e WHERE event_name = 'pageview'),
                w AS (SELECT u, pathname = '/' AS anchor, row_number() OVER o AS pos, lead(pathname, 1) OVER o AS n1,
                             lead(pathname, 2) OVER o AS n2, lead(pathname, 3) OVER o AS n3
                      FROM pv WINDOW o AS (PARTITION BY u ORDER BY t, pathname)),
                firsts AS (SELECT u, arg_min({'n1': n1, 'n2': n2, 'n3': n3}, pos) AS path FROM w WHERE anchor GROUP BY u)
                SELECT path.n1, path.n2, path.n3, count(*) AS visitors FROM firsts WHERE path.n1 IS NOT NULL
                GROUP BY ALL ORDER BY visitors DESC LIMIT 100
                """;
        return List.of(new String[]{"funnel", funnel}, new String[]{"retention", retention}, new String[]{"sequences", sequences},
                new String[]{"flow", flow});
    }
}
