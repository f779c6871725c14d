package io.mallard.bootstrap;

import io.mallard.bootstrap.config.ConfigException;
import io.mallard.bootstrap.config.MallardConfig;
import io.mallard.bootstrap.config.Setting;
import io.mallard.domain.privacy.GeoPrecision;
import io.mallard.domain.visitor.IdentityRotation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigTest {
    @TempDir
    Path dir;

    static MallardConfig load(Map<String, String> environment, String... args) {
        return Main.loadConfig(args, environment);
    }

    @Test
    void defaultsAreTheReferences() {
        MallardConfig config = load(Map.of());

        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(8000);
        assertThat(config.dataDir()).isEqualTo(Path.of("data"));
        assertThat(config.flushCount()).isEqualTo(1000);
        assertThat(config.flushInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.filterBots()).isTrue();
        assertThat(config.retentionDays()).isZero();
        assertThat(config.rateLimit()).isZero();
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.maxLoginAttempts()).isEqualTo(5);
        assertThat(config.loginLockout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(config.geoPrecision()).isEqualTo(GeoPrecision.CITY);
        assertThat(config.siteIds()).isEmpty();
        assertThat(config.logFormat()).isEqualTo(MallardConfig.LogFormat.TEXT);
        assertThat(config.identityRotation()).isEqualTo(IdentityRotation.DAILY);
    }

    @Test
    void aTomlFileIsReadAndTheEnvironmentOverridesIt() throws Exception {
        Path file = dir.resolve("mallard.toml");
        Files.writeString(file, """
                port = 9000
                flush_count = 50
                site_ids = ["a.com", "b.org"]
                trusted_proxies = ["10.0.0.0/8"]
                gdpr_mode = true
                identity_rotation = "weekly"
                """);

        MallardConfig config = load(Map.of("MALLARD_PORT", "9100"), file.toString());

        assertThat(config.port()).isEqualTo(9100);
        assertThat(config.flushCount()).isEqualTo(50);
        assertThat(config.siteIds()).hasSize(2);
        assertThat(config.privacy().stripReferrerQuery()).isTrue();
        assertThat(config.geoPrecision()).isEqualTo(GeoPrecision.COUNTRY);
        assertThat(config.identityRotation()).isEqualTo(IdentityRotation.WEEKLY);
    }

    @Test
    void anUnknownTomlKeyStopsStartupNamingTheKey() throws Exception {
        Path file = dir.resolve("mallard.toml");
        Files.writeString(file, "flush_cuont = 5\n");

        assertThatThrownBy(() -> load(Map.of(), file.toString())).isInstanceOf(ConfigException.class).hasMessageContaining("flush_cuont");
    }

    @Test
    void anUnknownMallardVariableStopsStartup() {
        assertThatThrownBy(() -> load(Map.of("MALLARD_FLUSH_CUONT", "5")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("MALLARD_FLUSH_CUONT");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"MALLARD_PORT, 70000, an integer 0-65535", "MALLARD_PORT, eighty, an integer", "MALLARD_FLUSH_COUNT, 0, an integer 1-",
            "MALLARD_FILTER_BOTS, yes, true or false", "MALLARD_GEOIP_PRECISION, street, 'city, region, country or none'",
            "MALLARD_LOG_FORMAT, xml, text or json", "MALLARD_TRUSTED_PROXIES, proxy.local, CIDR",
            "MALLARD_SITE_IDS, 'a.com, b c', site ids", "MALLARD_SECRET, short, at least 16", "MALLARD_GEOIP_DB, /nonexistent.mmdb, readable file",
            "MALLARD_DASHBOARD_ORIGIN, ftp://x, http(s) origin", "MALLARD_DUCKDB_MEMORY_LIMIT, lots, size",
            "MALLARD_IDENTITY_ROTATION, hourly, 'daily, weekly or monthly'"})
    void anInvalidValueStopsStartupNamingTheKeyAndTheAcceptedValues(String variable, String value, String accepted) {
        assertThatThrownBy(() -> load(Map.of(variable, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(variable).hasMessageContaining(accepted);
    }

    @Test
    void aSharedMetadataUrlIsCheckedWithoutEchoingItsPasswordAndNeedsTheSameSecretOnEveryNode() {
        String url = "jdbc:postgresql://db.internal:5432/mallard?user=mallard&password=s3cret";
        assertThat(load(Map.of("MALLARD_METADATA_URL", url, "MALLARD_SECRET", "a-secret-of-16-chars")).engineOptions())
                .containsEntry("metadata_url", url);
        assertThatThrownBy(() -> load(Map.of("MALLARD_METADATA_URL", url)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("MALLARD_SECRET");
        assertThatThrownBy(() -> load(Map.of("MALLARD_METADATA_URL", "postgres://db/mallard?password=s3cret", "MALLARD_SECRET", "a-secret-of-16-chars")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("jdbc:postgresql://").hasMessageNotContaining("s3cret");
    }

    @Test
    void theReadmeDocumentsEverySetting() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (Setting setting : Setting.values()) {
            assertThat(readme).as("README configuration table").contains("`" + setting.environmentVariable() + "`", "`" + setting.key() + "`");
        }
    }
}
