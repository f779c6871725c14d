package io.mallard.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import io.mallard.application.storage.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
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
        String database = settings.database();
        String onCluster = settings.cluster().map(cluster -> " ON CLUSTER " + cluster).orElse("");
        execute(client, "CREATE DATABASE IF NOT EXISTS " + database + onCluster);
        ClickHouseSchema.create(ClickHouseSchema.LEDGER_TABLE, database, settings.cluster()).forEach(sql -> execute(client, sql));
        Set<Integer> applied = applied(client, database);
        for (ClickHouseSchema.Migration migration : ClickHouseSchema.MIGRATIONS) {
            if (applied.contains(migration.version())) {
                continue;
            }
            for (ClickHouseSchema.Table table : migration.tables()) {
                ClickHouseSchema.create(table, database, settings.cluster()).forEach(sql -> execute(client, sql));
            }
            query(client, "INSERT INTO " + database + "." + ClickHouseSchema.LEDGER + " (version, description, applied_at) "
                    + "VALUES ({version:UInt32}, {description:String}, now64(3))",
                    Map.of("version", migration.version(), "description", migration.description()));
            LOG.info("ClickHouse schema: applied migration {} ({})", migration.version(), migration.description());
        }
        return applied(client, database);
    }

    private static Set<Integer> applied(Client client, String database) {
        return query(client, "SELECT DISTINCT version FROM " + database + "." + ClickHouseSchema.LEDGER, Map.of()).stream()
                .map(row -> (int) row.getLong("version")).collect(Collectors.toSet());
    }

    private static void execute(Client client, String sql) {
        try {
            client.execute(sql).get().close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while migrating the ClickHouse schema", e);
        } catch (ExecutionException | RuntimeException e) {
            throw new StorageUnavailableException("cannot migrate the ClickHouse schema: " + rootMessage(e), e);
        } catch (Exception e) {
            throw new StorageUnavailableException("cannot migrate the ClickHouse schema: " + rootMessage(e), e);
        }
    }

    private static List<GenericRecord> query(Client client, String sql, Map<String, Object> parameters) {
        try {
            return client.queryAll(sql, parameters);
        } catch (RuntimeException e) {
            throw new StorageUnavailableException("cannot migrate the ClickHouse schema: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
