package io.mallard.clickhouse;

import com.clickhouse.client.api.Client;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Brings the database to the newest schema: creates it and the ledger when missing, then applies
 * each migration the ledger does not list, in version order, recording it once all its statements
 * ran. Two nodes migrating at once both run idempotent statements; the ledger may then list a
 * version twice, which reads the same.
 */
final class ClickHouseMigrations {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseMigrations.class);

    private ClickHouseMigrations() {
    }

    /** The versions applied, after applying what was missing. */
    static Set<Integer> migrate(Client client, ClickHouseSettings settings) {
        ClickHouseSql sql = new ClickHouseSql(client, settings.database(), settings.cluster());
        String onCluster = settings.cluster().map(cluster -> " ON CLUSTER " + cluster).orElse("");
        execute(sql, "CREATE DATABASE IF NOT EXISTS " + settings.database() + onCluster);
        ClickHouseSchema.create(ClickHouseSchema.LEDGER_TABLE, settings.database(), settings.cluster()).forEach(ddl -> execute(sql, ddl));
        Set<Integer> applied = applied(sql);
        for (ClickHouseSchema.Migration migration : ClickHouseSchema.MIGRATIONS) {
            if (applied.contains(migration.version())) {
                continue;
            }
            for (ClickHouseSchema.Table table : migration.tables()) {
                ClickHouseSchema.create(table, settings.database(), settings.cluster()).forEach(ddl -> execute(sql, ddl));
            }
            SqlParams params = new SqlParams();
            sql.rows("INSERT INTO " + sql.table(ClickHouseSchema.LEDGER) + " (version, description, applied_at) VALUES ("
                    + params.int64(migration.version()) + ", " + params.string(migration.description()) + ", now64(3))", params);
            LOG.info("ClickHouse schema: applied migration {} ({})", migration.version(), migration.description());
        }
        return applied(sql);
    }

    private static Set<Integer> applied(ClickHouseSql sql) {
        return sql.rows("SELECT DISTINCT version FROM " + sql.table(ClickHouseSchema.LEDGER), new SqlParams()).stream()
                .map(row -> (int) row.getLong("version")).collect(Collectors.toSet());
    }

    private static void execute(ClickHouseSql sql, String ddl) {
        sql.execute(ddl, new SqlParams(), Map.of());
    }
}
