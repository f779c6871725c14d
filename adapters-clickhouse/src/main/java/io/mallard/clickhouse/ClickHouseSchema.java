package io.mallard.clickhouse;

import java.util.List;
import java.util.Optional;

/**
 * The product's tables in ClickHouse, in versioned migrations, written for one server or for a
 * cluster.
 *
 * <p>One server: each table is a MergeTree. A cluster ({@code MALLARD_CLICKHOUSE_CLUSTER}): each
 * table is created {@code ON CLUSTER} as {@code NAME_local}, a ReplicatedMergeTree (one copy per
 * replica of each shard, coordinated by ClickHouse Keeper), with a Distributed table {@code NAME}
 * over the shards, sharded by the visitor key, so that each visitor's events meet on one shard and
 * per-visitor aggregates (visits, funnels, sequences) are answered shard by shard. The migration
 * ledger is replicated to every node without sharding. Statements are idempotent ({@code IF NOT
 * EXISTS}), so a migration interrupted between its statements runs again whole.
 */
final class ClickHouseSchema {
    /** The ledger of applied migrations. */
    static final String LEDGER = "mallard_migrations";

    /** One versioned step: its tables, created in order. */
    record Migration(int version, String description, List<Table> tables) {
    }

    /**
     * A table: its columns, its MergeTree clauses ({@code PARTITION BY}, {@code ORDER BY}, …), the
     * settings of the single-server form (deduplication of inserts, which replicated tables have by
     * default), and the key a Distributed table shards it by (empty: not sharded, every node holds it all).
     */
    record Table(String name, String columns, String clauses, String singleServerSettings, Optional<String> shardKey) {
    }

    static final Table LEDGER_TABLE = new Table(LEDGER, "version UInt32, description String, applied_at DateTime64(3, 'UTC')",
            "ORDER BY version", "", Optional.empty());

    /**
     * Events: one row per stored event. Dimensions are LowCardinality with '' for "not known"
     * (ClickHouse's advice over Nullable); the visitor is a 64-bit key (from the salted visitor id,
     * itself a hash, kept beside it for erasure by visitor and export); a visit is the 64-bit id
     * ingestion assigned, 0 for events stored without one. Properties are a Map of text for
     * questions, and their JSON as sent for export. The
     * ordering serves every question: one site, a range of days, then a visitor's events in time.
     * {@code second} is the time in whole seconds, the type windowFunnel takes.
     */
    static final Table EVENTS = new Table("events", String.join(", ",
            "site_id LowCardinality(String)", "timestamp DateTime64(6, 'UTC')", "second DateTime('UTC') MATERIALIZED toDateTime(timestamp)",
            "event_id UInt64", "visitor_key UInt64", "visitor_id String", "visit_id UInt64", "event_name LowCardinality(String)", "pathname String",
            "hostname LowCardinality(String)", "referrer String", "referrer_source LowCardinality(String)",
            "utm_source LowCardinality(String)", "utm_medium LowCardinality(String)", "utm_campaign LowCardinality(String)",
            "utm_content LowCardinality(String)", "utm_term LowCardinality(String)", "browser LowCardinality(String)",
            "browser_version LowCardinality(String)", "os LowCardinality(String)", "os_version LowCardinality(String)",
            "device_type LowCardinality(String)", "screen_size LowCardinality(String)", "country_code LowCardinality(String)",
            "region LowCardinality(String)", "city LowCardinality(String)", "props Map(String, String)", "props_json String CODEC(ZSTD(1))",
            "revenue_amount Nullable(Decimal(18, 2))", "revenue_currency LowCardinality(String)", "engaged_ms Nullable(UInt32)",
            "scroll_depth Nullable(UInt8)"),
            "PARTITION BY toYYYYMM(timestamp) ORDER BY (site_id, toDate(timestamp), visitor_key, timestamp, event_id)",
            "non_replicated_deduplication_window = 100000", Optional.of("visitor_key"));

    static final List<Migration> MIGRATIONS = List.of(new Migration(1, "events", List.of(EVENTS)));

    private ClickHouseSchema() {
    }

    /** The statements creating {@code table} in {@code database}, for one server or for {@code cluster}. */
    static List<String> create(Table table, String database, Optional<String> cluster) {
        String columns = " (" + table.columns() + ")";
        if (cluster.isEmpty()) {
            String settings = table.singleServerSettings().isEmpty() ? "" : " SETTINGS " + table.singleServerSettings();
            return List.of("CREATE TABLE IF NOT EXISTS " + database + "." + table.name() + columns + " ENGINE = MergeTree " + table.clauses() + settings);
        }
        String onCluster = " ON CLUSTER " + cluster.get();
        if (table.shardKey().isEmpty()) {
            // One Keeper path for every node of every shard: each node holds the whole table.
            return List.of("CREATE TABLE IF NOT EXISTS " + database + "." + table.name() + onCluster + columns
                    + " ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/" + database + "/" + table.name() + "', '{replica}') " + table.clauses());
        }
        String local = table.name() + "_local";
        return List.of("CREATE TABLE IF NOT EXISTS " + database + "." + local + onCluster + columns
                        + " ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/" + database + "/" + local + "', '{replica}') " + table.clauses(),
                "CREATE TABLE IF NOT EXISTS " + database + "." + table.name() + onCluster + " AS " + database + "." + local
                        + " ENGINE = Distributed(" + cluster.get() + ", " + database + ", " + local + ", " + table.shardKey().get() + ")");
    }
}
