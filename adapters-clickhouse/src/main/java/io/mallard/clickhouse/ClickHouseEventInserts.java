package io.mallard.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.domain.event.Event;

import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * Writes batches of events to the {@code events} table. Each batch carries a deduplication token
 * chosen by the caller for that batch: a batch sent again under its token (a journal replayed after
 * a crash, a retry after a timeout whose insert had in fact landed) is stored once, by ClickHouse.
 */
final class ClickHouseEventInserts {
    private ClickHouseEventInserts() {
    }

    /** Returns once ClickHouse has stored the batch (or had stored it under {@code token} before). */
    static void insert(Client client, String database, List<Event> events, String token) {
        if (events.isEmpty()) {
            return;
        }
        InsertSettings settings = new InsertSettings().serverSetting("insert_deduplication_token", token);
        try {
            client.insert(database + "." + ClickHouseSchema.EVENTS.name(), new ByteArrayInputStream(ClickHouseEventRows.jsonEachRow(events)),
                    ClickHouseFormat.JSONEachRow, settings).get().close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while inserting events into ClickHouse", e);
        } catch (Exception e) {
            throw ClickHouseSql.failure(e);
        }
    }
}
