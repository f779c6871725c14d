package io.mallard.clickhouse;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The DDL of both forms. One engine cannot run the cluster form (it needs Keeper and several
 * servers): its statements are checked as text here, the single-server form runs in
 * {@link ClickHouseMigrationsEngineTest}.
 */
class ClickHouseSchemaTest {
    @Test
    void oneServerGetsMergeTreeTablesThatDeduplicateRepeatedInserts() {
        List<String> statements = ClickHouseSchema.create(ClickHouseSchema.EVENTS, "mallard", Optional.empty());

        assertThat(statements).singleElement().asString()
                .startsWith("CREATE TABLE IF NOT EXISTS mallard.events (")
                .contains("ENGINE = MergeTree PARTITION BY toYYYYMM(timestamp) ORDER BY (site_id, toDate(timestamp), visitor_key, timestamp, event_id)")
                .endsWith("SETTINGS non_replicated_deduplication_window = 100000")
                .doesNotContain("ON CLUSTER", "Replicated", "Distributed");
    }

    @Test
    void aClusterGetsReplicatedShardsByVisitorBehindADistributedTable() {
        List<String> statements = ClickHouseSchema.create(ClickHouseSchema.EVENTS, "mallard", Optional.of("analytics"));

        assertThat(statements).hasSize(2);
        assertThat(statements.get(0)).startsWith("CREATE TABLE IF NOT EXISTS mallard.events_local ON CLUSTER analytics (")
                .contains("ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/mallard/events_local', '{replica}') PARTITION BY")
                .doesNotContain("non_replicated_deduplication_window");
        assertThat(statements.get(1)).isEqualTo("CREATE TABLE IF NOT EXISTS mallard.events ON CLUSTER analytics AS mallard.events_local "
                + "ENGINE = Distributed(analytics, mallard, events_local, visitor_key)");
    }

    @Test
    void theLedgerIsOneReplicatedTableOnEveryNodeOfACluster() {
        assertThat(ClickHouseSchema.create(ClickHouseSchema.LEDGER_TABLE, "mallard", Optional.of("analytics"))).singleElement().asString()
                .startsWith("CREATE TABLE IF NOT EXISTS mallard.mallard_migrations ON CLUSTER analytics (")
                .contains("ReplicatedMergeTree('/clickhouse/tables/all/mallard/mallard_migrations', '{replica}')")
                .doesNotContain("Distributed");
    }

    @Test
    void databaseAndClusterNamesArePlainIdentifiers() {
        URI url = URI.create("http://127.0.0.1:8123");
        assertThatThrownBy(() -> new ClickHouseSettings(url, "default", "", "mallard; DROP TABLE x", Optional.empty()))
                .hasMessageContaining("plain name");
        assertThatThrownBy(() -> new ClickHouseSettings(url, "default", "", "mallard", Optional.of("a b"))).hasMessageContaining("plain name");
        assertThatThrownBy(() -> new ClickHouseSettings(URI.create("ftp://host"), "default", "", "mallard", Optional.empty()))
                .hasMessageContaining("http");
    }
}
