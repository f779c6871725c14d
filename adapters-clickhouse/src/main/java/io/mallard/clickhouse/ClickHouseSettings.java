package io.mallard.clickhouse;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to reach ClickHouse: its HTTP interface's address ({@code MALLARD_CLICKHOUSE_URL}), user,
 * password, the database that holds the product's tables, and the cluster whose nodes share them
 * ({@code MALLARD_CLICKHOUSE_CLUSTER}; empty for one server). The database and cluster are written
 * into DDL as identifiers, so only plain names are accepted.
 */
public record ClickHouseSettings(URI url, String user, String password, String database, Optional<String> cluster) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    public ClickHouseSettings {
        if (url == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            throw new IllegalArgumentException("the ClickHouse URL must be http:// or https:// with a host, as http://127.0.0.1:8123");
        }
        if (!NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("the ClickHouse database must be a plain name (letters, digits, _): " + database);
        }
        if (cluster.isPresent() && !NAME.matcher(cluster.get()).matches()) {
            throw new IllegalArgumentException("the ClickHouse cluster must be a plain name (letters, digits, _): " + cluster.get());
        }
    }
}
