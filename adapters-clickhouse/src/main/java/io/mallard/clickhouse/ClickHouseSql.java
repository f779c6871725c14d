package io.mallard.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandSettings;
import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QueryResponse;
import io.mallard.application.storage.StorageUnavailableException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Statements against the engine's database, every failure turned into
 * {@link StorageUnavailableException} with ClickHouse's own message (a question is never answered
 * with zeros because the store failed).
 */
final class ClickHouseSql {
    private final Client client;
    private final String database;
    private final Optional<String> cluster;

    ClickHouseSql(Client client, String database, Optional<String> cluster) {
        this.client = client;
        this.database = database;
        this.cluster = cluster;
    }

    /** A table of the engine's database, qualified. */
    String table(String name) {
        return database + "." + name;
    }

    String events() {
        return table(ClickHouseSchema.EVENTS.name());
    }

    /**
     * What a mutation of the events names: the table itself on one server; on a cluster each
     * shard's local table, on every node (a Distributed table cannot be mutated).
     */
    String mutableEvents() {
        return cluster.map(name -> events() + "_local ON CLUSTER " + name).orElse(events());
    }

    Client client() {
        return client;
    }

    String database() {
        return database;
    }

    /** Every row of a small answer. */
    List<GenericRecord> rows(String sql, SqlParams params) {
        try {
            return client.queryAll(sql, params.values());
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    /** The rows of a large answer, one at a time, without holding them all. */
    void stream(String sql, SqlParams params, Consumer<ClickHouseBinaryFormatReader> row) {
        try (QueryResponse response = client.query(sql, params.values()).get()) {
            ClickHouseBinaryFormatReader reader = client.newBinaryFormatReader(response);
            while (reader.hasNext()) {
                reader.next();
                row.accept(reader);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while querying ClickHouse", e);
        } catch (StorageUnavailableException | IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw failure(e);
        }
    }

    /** A statement without an answer (DDL, a mutation), with server settings such as {@code mutations_sync}. */
    void execute(String sql, SqlParams params, Map<String, String> settings) {
        CommandSettings command = new CommandSettings();
        settings.forEach(command::serverSetting);
        try {
            client.execute(sql, params.values(), command).get().close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while running a ClickHouse statement", e);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (Exception e) {
            throw failure(e);
        }
    }

    /** One number. */
    long count(String sql, SqlParams params) {
        List<GenericRecord> rows = rows(sql, params);
        return rows.isEmpty() ? 0 : rows.getFirst().getLong(1);
    }

    static StorageUnavailableException failure(Throwable failure) {
        return new StorageUnavailableException("ClickHouse failed: " + rootMessage(failure), failure);
    }

    static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
