import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

/**
 * Empties a stopped server's rollup tables so that its next start builds every day again, as a
 * first start on that data directory would (first-start.sh). Its trail files must go with them.
 *   java -cp duckdb_jdbc.jar ForgetRollups.java DATA_DIR/mallard.duckdb
 */
public class ForgetRollups {
    /** The tables the rollups keep, as the server's migrations create them. */
    static final List<String> TABLES = List.of("rollup_rows", "rollup_visitors", "rollup_visits", "rollup_splits", "rollup_trails", "rollup_days");

    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + args[0]); Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.executeUpdate("DELETE FROM " + table);
            }
            statement.execute("CHECKPOINT");
        }
    }
}
