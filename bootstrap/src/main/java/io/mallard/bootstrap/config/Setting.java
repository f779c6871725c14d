package io.mallard.bootstrap.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every configuration key. The environment variable is {@code MALLARD_} + the key in upper case;
 * the TOML key is the key itself ({@code flush_count = 500}). Defaults are the reference's.
 */
public enum Setting {
    HOST("host", "0.0.0.0", "address to bind", "an IP address or host name"),
    PORT("port", "8000", "port to listen on", "an integer 0-65535 (0 picks a free port)"),
    STORAGE("storage", "duckdb", "storage engine: duckdb (embedded, durable), clickhouse (scale-out, see Scaling out) or memory (the reference adapter, not durable: events are lost at restart)", "the name of an installed engine: duckdb, clickhouse or memory"),
    DATA_DIR("data_dir", "data", "directory for mallard.duckdb, Parquet files and .secret", "a directory path"),
    SECRET("secret", null, "HMAC key for visitor ids; generated and kept in data_dir/.secret when unset", "at least 16 characters"),
    ADMIN_PASSWORD("admin_password", null, "owner password set at startup (authentication features)", "at least 8 characters"),
    SECURE_COOKIES("secure_cookies", "false", "Secure flag on session cookies (behind TLS)", "true or false"),
    METRICS_TOKEN("metrics_token", null, "bearer token protecting /metrics", "a non-empty string"),
    FLUSH_COUNT("flush_count", "1000", "hot events that trigger a move to Parquet", "an integer 1-10000000"),
    FLUSH_INTERVAL("flush_interval", "60", "seconds between moves to Parquet", "an integer 1-86400 (seconds)"),
    GEOIP_DB("geoip_db", null, "MaxMind GeoIP2/GeoLite2 City database (.mmdb)", "the path of a readable file"),
    GEOIP_PRECISION("geoip_precision", "city", "location detail kept", "city, region, country or none"),
    OPEN_ACCESS("open_access", "false", "anyone may read stats without signing in (a public, read-only instance)", "true or false"),
    DASHBOARD_ORIGIN("dashboard_origin", null, "origin the dashboard is served from (CORS and CSRF)", "an http(s) origin such as https://stats.example.com"),
    SHARE_FRAME_ANCESTORS("share_frame_ancestors", "*", "who may embed shared links in a frame (CSP frame-ancestors of /share/ pages; every other page refuses framing)", "*, 'none', or space-separated http(s) origins"),
    FILTER_BOTS("filter_bots", "true", "drop events from bots and crawlers", "true or false"),
    RETENTION_DAYS("retention_days", "0", "delete events older than this many days (0 keeps everything)", "an integer 0-36500"),
    RATE_LIMIT("rate_limit", "0", "events per second accepted per site (0 = unlimited)", "an integer 0-1000000"),
    CLIENT_RATE_LIMIT("client_rate_limit", "0", "events per second accepted per client address (0 = unlimited)", "an integer 0-1000000"),
    SITE_IDS("site_ids", "", "sites registered at startup (see /api/sites; with no registered site any site may send events)", "a comma-separated list of site ids"),
    TRUSTED_PROXIES("trusted_proxies", "", "proxies whose X-Forwarded-For / X-Real-IP is believed", "a comma-separated list of IP addresses or CIDR networks"),
    CACHE_TTL("cache_ttl", "60", "query cache lifetime in seconds (at most 5 for a range reaching the present)", "an integer 0-86400"),
    CACHE_MAX_ENTRIES("cache_max_entries", "10000", "query cache size (0 = unlimited)", "an integer 0-10000000"),
    MAX_CONCURRENT_QUERIES("max_concurrent_queries", "4", "stats queries running at once; more wait their turn (0 = unlimited)", "an integer 0-1000"),
    QUERY_QUEUE_TIMEOUT("query_queue_timeout", "20", "seconds a stats query waits for its turn before a 429", "an integer 0-300"),
    VISIT_TIMEOUT("visit_timeout", "30", "minutes of inactivity that end a visit (bounce rate, visit duration, sessions)", "an integer 1-1440 (minutes)"),
    SESSION_TTL("session_ttl", "86400", "dashboard session lifetime in seconds", "an integer 60-31536000"),
    SHUTDOWN_TIMEOUT("shutdown_timeout", "30", "seconds allowed to drain and flush on shutdown", "an integer 1-3600"),
    MAX_LOGIN_ATTEMPTS("max_login_attempts", "5", "failed logins before lockout (0 = off)", "an integer 0-1000"),
    LOGIN_LOCKOUT("login_lockout", "300", "lockout duration in seconds", "an integer 1-86400"),
    LOG_FORMAT("log_format", "text", "log output format", "text or json"),
    GDPR_MODE("gdpr_mode", "false", "turn on every privacy reduction below and cap GeoIP at country", "true or false"),
    STRIP_REFERRER_QUERY("strip_referrer_query", "false", "drop ?query and #fragment from stored referrers", "true or false"),
    ROUND_TIMESTAMPS("round_timestamps", "false", "store timestamps rounded down to the hour", "true or false"),
    IDENTITY_ROTATION("identity_rotation", "daily", "how long one anonymous visitor id lasts (UTC day, ISO week or month); longer follows people across days, see PRIVACY.md", "daily, weekly or monthly"),
    SUPPRESS_VISITOR_ID("suppress_visitor_id", "false", "store a random id per event instead of the visitor hash", "true or false"),
    SUPPRESS_BROWSER_VERSION("suppress_browser_version", "false", "store the browser name only", "true or false"),
    SUPPRESS_OS_VERSION("suppress_os_version", "false", "store the OS name only", "true or false"),
    SUPPRESS_SCREEN_SIZE("suppress_screen_size", "false", "store neither screen size nor device type", "true or false"),
    DUCKDB_MEMORY_LIMIT("duckdb_memory_limit", null, "DuckDB memory_limit (e.g. 256MB); DuckDB's default when unset", "a size such as 256MB or 1GB"),
    CLICKHOUSE_URL("clickhouse_url", null, "ClickHouse's HTTP interface, required with storage = clickhouse", "an http:// or https:// URL such as http://127.0.0.1:8123"),
    CLICKHOUSE_USER("clickhouse_user", "default", "ClickHouse user", "a non-empty string"),
    CLICKHOUSE_PASSWORD("clickhouse_password", "", "ClickHouse password", "a string"),
    CLICKHOUSE_DATABASE("clickhouse_database", "mallard", "ClickHouse database holding the events (created when missing)", "a plain name: letters, digits, _"),
    CLICKHOUSE_CLUSTER("clickhouse_cluster", null, "ClickHouse cluster: replicated tables on every node, sharded by visitor (unset: one server)", "a plain name: letters, digits, _"),
    METADATA_URL("metadata_url", null, "PostgreSQL holding accounts, sessions, keys, sites, goals, shared links and segments, shared by several nodes (unset: embedded in data_dir); with storage = clickhouse", "a jdbc:postgresql://host:port/database URL, credentials as ?user=…&password=…");

    private final String key;
    private final String defaultValue;
    private final String meaning;
    private final String accepted;

    Setting(String key, String defaultValue, String meaning, String accepted) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.meaning = meaning;
        this.accepted = accepted;
    }

    public String key() {
        return key;
    }

    public String environmentVariable() {
        return "MALLARD_" + key.toUpperCase(Locale.ROOT);
    }

    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public String meaning() {
        return meaning;
    }

    public String accepted() {
        return accepted;
    }

    public static Optional<Setting> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    public static Optional<Setting> byEnvironmentVariable(String name) {
        return Arrays.stream(values()).filter(s -> s.environmentVariable().equals(name)).findFirst();
    }
}
