package io.mallard.bootstrap.config;

import io.mallard.domain.event.SiteId;
import io.mallard.domain.network.TrustedProxies;
import io.mallard.domain.privacy.GeoPrecision;
import io.mallard.domain.privacy.PrivacyPolicy;
import io.mallard.domain.visitor.IdentityRotation;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Interprets {@link RawSettings} into a {@link MallardConfig}; every bad value names its key and what it accepts. */
public final class ConfigParser {
    private static final Pattern MEMORY_SIZE = Pattern.compile("\\d{1,6}\\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)", Pattern.CASE_INSENSITIVE);

    private final RawSettings raw;

    private ConfigParser(RawSettings raw) {
        this.raw = raw;
    }

    private static final Pattern HTTP_URL = Pattern.compile("https?://[^\\s/?#]+(/[^\\s?#]*)?");
    private static final Pattern POSTGRES_URL = Pattern.compile("jdbc:postgresql://[^\\s/?#]+/[A-Za-z0-9_$-]+([?][^\\s#]*)?");
    /** A name written into ClickHouse DDL as an identifier. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    /** An engine's name as providers declare it; whether one is installed is checked when storage opens. */
    private static final Pattern ENGINE_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    public static MallardConfig parse(RawSettings raw) {
        return new ConfigParser(raw).config();
    }

    private MallardConfig config() {
        PrivacyPolicy privacy = PrivacyPolicy.configured(bool(Setting.GDPR_MODE),
                bool(Setting.STRIP_REFERRER_QUERY), bool(Setting.ROUND_TIMESTAMPS), bool(Setting.SUPPRESS_VISITOR_ID),
                bool(Setting.SUPPRESS_BROWSER_VERSION), bool(Setting.SUPPRESS_OS_VERSION),
                bool(Setting.SUPPRESS_SCREEN_SIZE), choice(Setting.GEOIP_PRECISION, GeoPrecision::parse));
        if (text(Setting.METADATA_URL).isPresent() && text(Setting.SECRET).isEmpty()) {
            // Each node would generate its own key: one visitor would be counted once per node.
            throw new ConfigException(Setting.METADATA_URL.environmentVariable() + " runs several nodes, which must hash visitors alike:"
                    + " set the same " + Setting.SECRET.environmentVariable() + " on every node");
        }
        return new MallardConfig(
                text(Setting.HOST).orElseThrow(),
                integer(Setting.PORT, 0, 65_535),
                Path.of(text(Setting.DATA_DIR).orElseThrow()),
                checked(Setting.SECRET, s -> s.length() >= 16),
                checked(Setting.ADMIN_PASSWORD, s -> s.length() >= 8),
                bool(Setting.SECURE_COOKIES),
                checked(Setting.METRICS_TOKEN, s -> !s.isBlank()),
                integer(Setting.FLUSH_COUNT, 1, 10_000_000),
                Duration.ofSeconds(integer(Setting.FLUSH_INTERVAL, 1, 86_400)),
                checked(Setting.GEOIP_DB, s -> Files.isReadable(Path.of(s))).map(Path::of),
                bool(Setting.OPEN_ACCESS),
                checked(Setting.DASHBOARD_ORIGIN, ConfigParser::isOrigin),
                checked(Setting.SHARE_FRAME_ANCESTORS, ConfigParser::isFrameAncestors).orElseThrow().strip(),
                bool(Setting.FILTER_BOTS),
                integer(Setting.RETENTION_DAYS, 0, 36_500),
                integer(Setting.RATE_LIMIT, 0, 1_000_000),
                integer(Setting.CLIENT_RATE_LIMIT, 0, 1_000_000),
                siteIds(),
                choice(Setting.TRUSTED_PROXIES, TrustedProxies::parse),
                Duration.ofSeconds(integer(Setting.CACHE_TTL, 0, 86_400)),
                integer(Setting.CACHE_MAX_ENTRIES, 0, 10_000_000),
                integer(Setting.MAX_CONCURRENT_QUERIES, 0, 1000),
                Duration.ofSeconds(integer(Setting.QUERY_QUEUE_TIMEOUT, 0, 300)),
                Duration.ofMinutes(integer(Setting.VISIT_TIMEOUT, 1, 1440)),
                Duration.ofSeconds(integer(Setting.SESSION_TTL, 60, 31_536_000)),
                Duration.ofSeconds(integer(Setting.SHUTDOWN_TIMEOUT, 1, 3600)),
                integer(Setting.MAX_LOGIN_ATTEMPTS, 0, 1000),
                Duration.ofSeconds(integer(Setting.LOGIN_LOCKOUT, 1, 86_400)),
                choice(Setting.LOG_FORMAT, s -> MallardConfig.LogFormat.valueOf(s.strip().toUpperCase(Locale.ROOT))),
                privacy,
                choice(Setting.IDENTITY_ROTATION, IdentityRotation::parse),
                engineOptions(),
                checked(Setting.STORAGE, s -> ENGINE_NAME.matcher(s.strip()).matches()).orElseThrow().strip());
    }

    /** The settings only one storage engine reads, validated here, by TOML key (what {@code StorageContext#options} holds). */
    private Map<String, String> engineOptions() {
        Map<String, String> options = new java.util.HashMap<>();
        checked(Setting.DUCKDB_MEMORY_LIMIT, s -> MEMORY_SIZE.matcher(s.strip()).matches())
                .ifPresent(limit -> options.put(Setting.DUCKDB_MEMORY_LIMIT.key(), limit.strip()));
        checked(Setting.CLICKHOUSE_URL, s -> HTTP_URL.matcher(s.strip()).matches())
                .ifPresent(url -> options.put(Setting.CLICKHOUSE_URL.key(), url.strip()));
        options.put(Setting.CLICKHOUSE_USER.key(), checked(Setting.CLICKHOUSE_USER, s -> !s.isBlank()).orElseThrow().strip());
        options.put(Setting.CLICKHOUSE_PASSWORD.key(), text(Setting.CLICKHOUSE_PASSWORD).orElseThrow());
        options.put(Setting.CLICKHOUSE_DATABASE.key(), checked(Setting.CLICKHOUSE_DATABASE, s -> PLAIN_NAME.matcher(s).matches()).orElseThrow());
        checked(Setting.CLICKHOUSE_CLUSTER, s -> PLAIN_NAME.matcher(s).matches())
                .ifPresent(cluster -> options.put(Setting.CLICKHOUSE_CLUSTER.key(), cluster));
        text(Setting.METADATA_URL).map(String::strip).ifPresent(url -> {
            if (!POSTGRES_URL.matcher(url).matches()) {
                // Not the value: it may carry a password.
                throw new ConfigException("invalid value for " + Setting.METADATA_URL.environmentVariable() + " (TOML key "
                        + Setting.METADATA_URL.key() + "): expected " + Setting.METADATA_URL.accepted());
            }
            options.put(Setting.METADATA_URL.key(), url);
        });
        return Map.copyOf(options);
    }

    private Optional<String> text(Setting setting) {
        return raw.get(setting);
    }

    private ConfigException invalid(Setting setting, String value) {
        return new ConfigException("invalid value '" + value + "' for " + setting.environmentVariable()
                + " (TOML key " + setting.key() + "): expected " + setting.accepted());
    }

    private Optional<String> checked(Setting setting, java.util.function.Predicate<String> valid) {
        Optional<String> value = text(setting);
        if (value.isPresent() && !valid.test(value.get())) {
            throw invalid(setting, value.get());
        }
        return value;
    }

    private int integer(Setting setting, int min, int max) {
        String value = text(setting).orElseThrow().strip();
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw invalid(setting, value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw invalid(setting, value);
        }
    }

    private boolean bool(Setting setting) {
        String value = text(setting).orElseThrow().strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(setting, value);
        };
    }

    private <T> T choice(Setting setting, java.util.function.Function<String, T> parse) {
        String value = text(setting).orElseThrow();
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw invalid(setting, value);
        }
    }

    private Set<SiteId> siteIds() {
        String value = text(Setting.SITE_IDS).orElseThrow();
        Set<SiteId> ids = new LinkedHashSet<>();
        for (String id : Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()) {
            if (!SiteId.isValid(id)) {
                throw invalid(Setting.SITE_IDS, id);
            }
            ids.add(new SiteId(id));
        }
        return Set.copyOf(ids);
    }

    /** A CSP frame-ancestors source list this server accepts: {@code *}, {@code 'none'}, or origins. */
    private static boolean isFrameAncestors(String value) {
        String list = value.strip();
        return list.equals("*") || list.equals("'none'")
                || !list.isEmpty() && Arrays.stream(list.split("\\s+")).allMatch(ConfigParser::isOrigin);
    }

    private static boolean isOrigin(String value) {
        try {
            URI uri = URI.create(value.strip());
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
