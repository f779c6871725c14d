package io.mallard.bootstrap.wiring;

import io.mallard.application.storage.StorageEngine;
import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.application.account.AccountService;
import io.mallard.application.ingest.DropReason;
import io.mallard.application.ingest.IngestCounters;
import io.mallard.application.storage.DataDamage;
import io.mallard.application.ingest.IngestService;
import io.mallard.application.ingest.Refusal;
import io.mallard.application.stats.QueryGate;
import io.mallard.application.stats.StatsCache;
import io.mallard.http.metrics.PrometheusMetrics;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.util.Locale;

/** What {@code /metrics} exports: the reference's {@code mallard_*} series that exist here, plus JVM and process meters. */
@Factory
public class MetricsWiring {
    @Singleton
    @Bean(preDestroy = "close")
    PrometheusMetrics prometheusMetrics(IngestService ingest, AccountService accounts, StorageRuntime storage, StatsCache cache,
                                         QueryGate gate) {
        IngestCounters counters = ingest.counters();
        PrometheusMetrics metrics = new PrometheusMetrics()
                .counter("mallard.events.ingested", "Events accepted and stored", counters::accepted)
                .counter("mallard.rate.limit.rejections", "Events refused by a site or client rate limit",
                        () -> counters.refused(Refusal.RATE_LIMITED))
                .counter("mallard.flush.failures", "Moves of hot events to Parquet that failed (each is retried)",
                        () -> storage.engine().activity().backgroundFailures())
                .counter("mallard.login.failures", "Failed dashboard logins, including attempts while locked out",
                        accounts::loginFailures)
                .gauge("mallard.buffered.events", "Events acknowledged and not yet visible to queries",
                        () -> storage.engine().activity().bufferedEvents())
                .counter("mallard.cache.hits", "Stats answers served from the query cache", cache::hits)
                .counter("mallard.cache.misses", "Stats answers computed by a query", cache::misses)
                .gauge("mallard.cache.entries", "Answers held by the query cache", cache::size)
                .gauge("mallard.queries.running", "Stats queries running now", gate::running)
                .gauge("mallard.queries.waiting", "Stats queries waiting for their turn", gate::waiting)
                .counter("mallard.journal.damaged.regions", "Damaged journal regions skipped at replay (acknowledged events lost)",
                        () -> storage.engine().damage().count(DataDamage.Kind.JOURNAL_REGION))
                .counter("mallard.cold.files.quarantined", "Damaged Parquet files set aside (their events are missing from answers)",
                        () -> storage.engine().damage().count(DataDamage.Kind.COLD_FILE))
                .gauge("mallard.journal.writable", "1 while new events can be made durable, 0 while the journal cannot write",
                        () -> writable(storage.engine()) ? 1 : 0);
        for (DropReason reason : DropReason.values()) {
            metrics.counter("mallard.events.dropped", "Events answered 202 and not stored", () -> counters.dropped(reason),
                    "reason", reason.name().toLowerCase(Locale.ROOT));
        }
        for (Refusal refusal : Refusal.values()) {
            metrics.counter("mallard.events.refused", "Events refused with an error status", () -> counters.refused(refusal),
                    "reason", refusal.name().toLowerCase(Locale.ROOT));
        }
        return metrics;
    }

    /** Whether the engine can make new events durable now (its check runs again on each scrape after a failure). */
    private static boolean writable(StorageEngine engine) {
        try {
            engine.events().checkWritable();
            return true;
        } catch (StorageUnavailableException e) {
            return false;
        }
    }
}
