package io.mallard.application.storage;

import io.mallard.application.behavior.BehaviorQueries;
import io.mallard.application.erasure.EventEraser;
import io.mallard.application.stats.StatsQueries;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The storage SPI: one engine hands the application every port it needs, in product terms. An
 * engine is opened by its {@link StorageProvider} and closed once, at shutdown.
 *
 * <p>What an engine keeps inside — tiers, journals, rollups, files — is its own business. Optional
 * features are {@linkplain #capability capabilities}: an engine without one simply does not offer it.
 * The semantics every port must follow are the contract kit's tests ({@code storage-contract}
 * module); {@code docs/STORAGE-ADAPTERS.md} says how to run them against a new engine.
 */
public interface StorageEngine extends AutoCloseable {
    /** Durable append: {@link EventStore#append} returns when the events survive a crash. */
    EventStore events();

    /** The stats questions, over every acknowledged event. */
    StatsQueries stats();

    /** The event stream the behavioral engine (funnels, retention, sequences, flows) reads. */
    BehaviorQueries behavior();

    /** Erasure by site and range, and by site and identified user. */
    EventEraser eraser();

    /**
     * Retention: deletes every event dated before {@code cutoff} (UTC), wherever it is kept, and
     * returns how many were deleted. Events acknowledged before the call are covered.
     */
    long deleteBefore(LocalDate cutoff);

    /**
     * For each visitor, its latest event at or after {@code since} that carries a visit id: what
     * ingestion needs at start to continue visits left open by the previous run.
     */
    List<RecentVisit> recentVisits(Instant since);

    /** Counts for {@code /health/detailed}; may query storage, and throw {@link StorageUnavailableException}. */
    StorageFigures figures();

    /**
     * The in-memory counters of {@link #figures()} — events acknowledged and not yet visible, failed
     * background moves — read on every {@code /metrics} scrape, so never a query. The default: none.
     */
    default Activity activity() {
        return new Activity(0, 0);
    }

    /** See {@link #activity()}. */
    record Activity(long bufferedEvents, long backgroundFailures) {
    }

    /** What the engine found damaged and set aside (an engine that never loses data reports nothing). */
    default DataDamage damage() {
        return new DataDamage();
    }

    /**
     * The accounts, sites and goals store when the engine keeps them itself; empty pairs the
     * engine with the embedded metadata store.
     */
    default Optional<MetadataStore> metadata() {
        return Optional.empty();
    }

    /** An optional feature of this engine, such as {@link BulkLoad}; empty when it has none. */
    default <T> Optional<T> capability(Class<T> type) {
        return Optional.empty();
    }

    /**
     * Stops background work and makes every acknowledged event readable by the next open, within
     * {@code timeout} where possible (what cannot finish in time must survive anyway: appends were
     * durable). Called once.
     */
    void close(Duration timeout);

    @Override
    default void close() {
        close(Duration.ofSeconds(30));
    }

    /** A visitor's latest event with a visit id: the visit it belongs to and when it happened. */
    record RecentVisit(String visitorId, long visitId, Instant lastEvent) {
    }
}
