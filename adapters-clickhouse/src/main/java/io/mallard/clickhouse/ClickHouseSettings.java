package io.mallard.clickhouse;

import io.mallard.application.storage.StorageContext;

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
    /** The TOML keys of the settings in a storage context's options ({@code MALLARD_CLICKHOUSE_URL} and so on). */
    static final String URL = "clickhouse_url";
    static final String USER = "clickhouse_user";
    static final String PASSWORD = "clickhouse_password";
    static final String DATABASE = "clickhouse_database";
    static final String CLUSTER = "clickhouse_cluster";

    /** The settings an engine is opened with; IllegalArgumentException names what is missing or wrong. */
    static ClickHouseSettings of(StorageContext context) {
        String url = context.option(URL).orElseThrow(() -> new IllegalArgumentException(
                "MALLARD_CLICKHOUSE_URL (clickhouse_url) is required with MALLARD_STORAGE=clickhouse, as http://127.0.0.1:8123"));
        return new ClickHouseSettings(URI.create(url), context.option(USER).orElse("default"), context.option(PASSWORD).orElse(""),
                context.option(DATABASE).orElse("mallard"), context.option(CLUSTER));
    }

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
