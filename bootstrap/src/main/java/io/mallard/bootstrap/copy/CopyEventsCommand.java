package io.mallard.bootstrap.copy;

import io.mallard.application.stats.QueryGate;
import io.mallard.application.storage.BulkLoad;
import io.mallard.application.storage.StorageContext;
import io.mallard.application.storage.StorageEngine;
import io.mallard.application.storage.StoredEvents;
import io.mallard.bootstrap.config.ConfigException;
import io.mallard.bootstrap.config.MallardConfig;
import io.mallard.bootstrap.wiring.StorageRuntime;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.SiteId;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code copy-events --from DIR [--site ID]...}: copies every stored event of an embedded (DuckDB)
 * data directory, both tiers, into the configured engine ({@code MALLARD_STORAGE} and its settings,
 * as {@code clickhouse}), site by site, oldest first, in pages of {@value StoredEvents#MAX_EVENTS}
 * through the target's bulk load. The sites are those registered in the source and any named with
 * {@code --site} (events of sites never registered). The source is only read. Run it with the
 * servers of both stopped; run it again after an interruption: the ClickHouse engine stores a page
 * it already holds once (its bulk load deduplicates by the events' ids).
 */
public final class CopyEventsCommand {
    static final String USAGE = "usage: copy-events --from DATA_DIR [--site ID]...   (into the engine MALLARD_STORAGE names, e.g. clickhouse)";
    /** Far enough for every event; engines clamp it to what they can store. */
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

    private CopyEventsCommand() {
    }

    record Options(Path from, Set<SiteId> sites) {
        static Options parse(String[] args) {
            Path from = null;
            Set<SiteId> sites = new TreeSet<>(java.util.Comparator.comparing(SiteId::value));
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new ConfigException(USAGE);
                }
                switch (args[i]) {
                    case "--from" -> from = Path.of(args[i + 1]);
                    case "--site" -> sites.add(site(args[i + 1]));
                    default -> throw new ConfigException(USAGE);
                }
            }
            if (from == null || !Files.isDirectory(from)) {
                throw new ConfigException("--from must name an existing data directory; " + USAGE);
            }
            return new Options(from, sites);
        }

        private static SiteId site(String value) {
            try {
                return new SiteId(value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--site " + value + ": " + e.getMessage());
            }
        }
    }

    public static int run(String[] args, Map<String, String> environment) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(USAGE);
            return 0;
        }
        try {
            Options options = Options.parse(args);
            MallardConfig config = io.mallard.bootstrap.Main.loadConfig(new String[0], environment);
            long copied = copy(config, options, System.out);
            System.out.printf("copied %d events into %s%n", copied, config.storage());
            return 0;
        } catch (ConfigException e) {
            System.err.println("mallard-metrics copy-events: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("mallard-metrics copy-events failed: " + e);
            return 1;
        }
    }

    /** Copies the events and returns how many were loaded into the target. */
    static long copy(MallardConfig config, Options options, PrintStream progress) {
        if (options.from().toAbsolutePath().normalize().equals(config.dataDir().toAbsolutePath().normalize())) {
            throw new ConfigException("--from is the configured data directory: copy from the old directory into a new one");
        }
        if (config.storage().equals("duckdb")) {
            throw new ConfigException("the target is the embedded engine already: set MALLARD_STORAGE (for example clickhouse)");
        }
        Clock clock = Clock.systemUTC();
        QueryGate ungated = new QueryGate(0, Duration.ZERO);
        try (StorageEngine source = StorageRuntime.provider("duckdb").open(new StorageContext(options.from(), clock,
                     config.visitTimeout(), ungated, Map::of, Map.of()));
             StorageEngine target = StorageRuntime.provider(config.storage()).open(new StorageContext(config.dataDir(), clock,
                     config.visitTimeout(), ungated, Map::of, StorageRuntime.engineOptions(config)))) {
            StoredEvents reader = source.capability(StoredEvents.class)
                    .orElseThrow(() -> new IllegalStateException("the source engine does not read events back"));
            BulkLoad load = target.capability(BulkLoad.class).orElseGet(() -> events -> target.events().append(events));
            Set<SiteId> sites = new TreeSet<>(java.util.Comparator.comparing(SiteId::value));
            sites.addAll(options.sites());
            source.metadata().ifPresent(metadata -> metadata.sites().sites().forEach(site -> sites.add(site.id())));
            long copied = 0;
            for (SiteId site : sites) {
                long ofSite = copySite(reader, load, site);
                progress.printf("%s: %d events%n", site.value(), ofSite);
                copied += ofSite;
            }
            load.finish();
            return copied;
        }
    }

    /**
     * One site's events, page by page in (time, id) order: each page starts at the instant the last
     * one ended, leaving out the events of that instant already loaded.
     */
    private static long copySite(StoredEvents reader, BulkLoad load, SiteId site) {
        Instant from = Instant.EPOCH;
        Instant lastInstant = null;
        long lastId = Long.MIN_VALUE;
        long copied = 0;
        while (true) {
            List<Event> page = reader.read(site, from, END_OF_TIME, StoredEvents.MAX_EVENTS);
            Instant seenUntil = lastInstant;
            long seenId = lastId;
            List<Event> fresh = page.stream().filter(event -> seenUntil == null || event.timestamp().isAfter(seenUntil)
                    || event.eventId() > seenId).toList();
            if (fresh.isEmpty()) {
                if (page.size() == StoredEvents.MAX_EVENTS) {
                    throw new IllegalStateException("more than " + StoredEvents.MAX_EVENTS + " events of " + site.value() + " share the instant " + from);
                }
                return copied;
            }
            load.load(fresh);
            copied += fresh.size();
            lastInstant = page.getLast().timestamp();
            lastId = page.getLast().eventId();
            from = lastInstant;
            if (page.size() < StoredEvents.MAX_EVENTS) {
                return copied;
            }
        }
    }
}
