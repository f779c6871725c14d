package io.mallard.bootstrap.config;

import io.mallard.domain.event.SiteId;
import io.mallard.domain.network.TrustedProxies;
import io.mallard.domain.privacy.GeoPrecision;
import io.mallard.domain.privacy.PrivacyPolicy;
import io.mallard.domain.visitor.IdentityRotation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The validated configuration of one server process. See {@link Setting} for each key's meaning. */
public record MallardConfig(
        String host,
        int port,
        Path dataDir,
        Optional<String> secret,
        Optional<String> adminPassword,
        boolean secureCookies,
        Optional<String> metricsToken,
        int flushCount,
        Duration flushInterval,
        Optional<Path> geoipDb,
        boolean openAccess,
        Optional<String> dashboardOrigin,
        String shareFrameAncestors,
        boolean filterBots,
        int retentionDays,
        int rateLimit,
        int clientRateLimit,
        Set<SiteId> siteIds,
        TrustedProxies trustedProxies,
        Duration cacheTtl,
        int cacheMaxEntries,
        int maxConcurrentQueries,
        Duration queryQueueTimeout,
        Duration visitTimeout,
        Duration sessionTtl,
        Duration shutdownTimeout,
        int maxLoginAttempts,
        Duration loginLockout,
        LogFormat logFormat,
        PrivacyPolicy privacy,
        IdentityRotation identityRotation,
        Map<String, String> engineOptions,
        String storage) {

    public enum LogFormat { TEXT, JSON }

    public GeoPrecision geoPrecision() {
        return privacy.geoPrecision();
    }
}
