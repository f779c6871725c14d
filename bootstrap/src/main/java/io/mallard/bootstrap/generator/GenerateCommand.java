package io.mallard.bootstrap.generator;

import io.mallard.application.ingest.ClientContext;
import io.mallard.application.ingest.Hit;
import io.mallard.application.ingest.IngestService;
import io.mallard.application.site.SiteRegistry;
import io.mallard.application.site.Sites;
import io.mallard.application.stats.QueryGate;
import io.mallard.application.storage.BulkLoad;
import io.mallard.application.storage.StorageEngine;
import io.mallard.domain.event.SiteId;
import io.mallard.application.ingest.IngestStep.StepResult;
import io.mallard.application.ingest.InvalidEventException;
import io.mallard.application.ingest.TrackingRequest;
import io.mallard.application.ingest.VisitAssigner;
import io.mallard.bootstrap.config.ConfigException;
import io.mallard.bootstrap.config.MallardConfig;
import io.mallard.bootstrap.wiring.StorageRuntime;
import io.mallard.bootstrap.wiring.Wiring;
import io.mallard.domain.event.Event;


import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code generate --site example.com --events 10000000 --days 90 --seed 1 [--end-date YYYY-MM-DD]}:
 * simulated traffic fed through the real ingestion pipeline (every step but HTTP) into the
 * configured data directory, one day at a time, each day written straight to Parquet (in pieces of
 * at most {@value #BATCH} events, compacted at the end). Nothing is dated after the moment it runs:
 * the end date may be today at the latest, and today's traffic stops at the current time. The site
 * is registered (in UTC) if it is not yet, so the dashboard lists it. Prints throughput.
 */
public final class GenerateCommand {
    private static final int BATCH = 200_000;
    static final String USAGE = "usage: generate --site ID --events N --days D --seed S [--end-date YYYY-MM-DD]   "
            + "(defaults: example.com, 100000 events, 30 days, seed 1, ending today)";

    private GenerateCommand() {
    }

    public record Options(String site, long events, int days, long seed, LocalDate endDate) {
        static Options parse(String[] args, Clock clock) {
            Map<String, String> values = new java.util.HashMap<>();
            for (int i = 0; i < args.length; i += 2) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new ConfigException(USAGE);
                }
                values.put(args[i].substring(2), args[i + 1]);
            }
            try {
                Options options = new Options(values.getOrDefault("site", "example.com"),
                        Long.parseLong(values.getOrDefault("events", "100000")),
                        Integer.parseInt(values.getOrDefault("days", "30")),
                        Long.parseLong(values.getOrDefault("seed", "1")),
                        LocalDate.parse(values.getOrDefault("end-date", LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString())));
                if (options.events() < 1 || options.days() < 1) {
                    throw new ConfigException("--events and --days must be at least 1");
                }
                if (options.endDate().isAfter(LocalDate.now(clock.withZone(ZoneOffset.UTC)))) {
                    throw new ConfigException("--end-date may be today (UTC) at the latest: no event is generated in the future");
                }
                return options;
            } catch (RuntimeException e) {
                throw new ConfigException("bad generate option: " + e.getMessage());
            }
        }
    }

    /** Result of a run, also printed. */
    public record Summary(long emitted, long stored, long dropped, long rejected, double seconds, int distinctUserAgents,
                          boolean siteRegistered) {
        double eventsPerSecond() {
            return emitted / seconds;
        }
    }

    public static int run(String[] args, Map<String, String> environment) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(USAGE);
            return 0;
        }
        try {
            Options options = Options.parse(args, Clock.systemUTC());
            MallardConfig config = io.mallard.bootstrap.Main.loadConfig(new String[0], environment);
            Summary summary = generate(config, options, Clock.systemUTC());
            if (summary.siteRegistered()) {
                System.out.println("registered the site " + options.site() + " (time zone UTC; change it in the dashboard's settings)");
            }
            System.out.printf("generated %d requests (%d stored, %d dropped as bots, %d rejected) for %s over %d days in %.1f s: %.0f events/s, %d distinct User-Agents%n",
                    summary.emitted(), summary.stored(), summary.dropped(), summary.rejected(), options.site(), options.days(),
                    summary.seconds(), summary.eventsPerSecond(), summary.distinctUserAgents());
            return 0;
        } catch (ConfigException e) {
            System.err.println("mallard-metrics generate: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("mallard-metrics generate failed: " + e);
            return 1;
        }
    }

    /** Generates what {@code options} ask for, nothing after {@code now}'s instant. */
    public static Summary generate(MallardConfig config, Options options, Clock now) throws Exception {
        long started = System.nanoTime();
        Instant end = now.instant();
        SimulatedClock clock = new SimulatedClock();
        try (StorageRuntime storage = new StorageRuntime(config, Clock.systemUTC(), new QueryGate(0, Duration.ZERO), Map::of)) {
            BulkLoad load = bulkLoad(storage.engine());
            // Generated events skip the site check (the site is registered once they are written).
            IngestService ingest = Wiring.ingestService(config, storage, (site, origin) -> Sites.SiteAdmission.ADMITTED,
                    Wiring.newUserAgentParser(),
                    Wiring.newGeoLocator(config), clock, new VisitAssigner(config.visitTimeout(), Integer.MAX_VALUE));
            TrafficModel model = new TrafficModel(options.site(), options.seed());
            long[] counts = new long[4];
            List<Event> batch = new ArrayList<>(BATCH);
            long perDay = options.events() / options.days();
            for (int day = 0; day < options.days(); day++) {
                LocalDate date = options.endDate().minusDays(options.days() - 1L - day);
                long target = day == options.days() - 1 ? options.events() - counts[0] : perDay;
                if (target <= 0) {
                    break;
                }
                model.day(date, target, (request, client) -> {
                    if (client.receivedAt().isAfter(end)) {
                        return;
                    }
                    counts[0]++;
                    clock.set(client.receivedAt());
                    feed(ingest, request, client, batch, counts);
                    if (batch.size() >= BATCH) {
                        store(load, batch);
                    }
                });
                store(load, batch);
            }
            load.finish();
            boolean registered = register(storage, new SiteId(options.site()), now);
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Summary(counts[0], counts[1], counts[2], counts[3], seconds, model.distinctUserAgents(), registered);
        }
    }

    /** Registers the site in UTC unless it is registered; whether it did. */
    private static boolean register(StorageRuntime storage, SiteId site, Clock now) {
        SiteRegistry registry = new SiteRegistry(storage.metadata().sites(), now);
        if (registry.find(site).isPresent()) {
            return false;
        }
        registry.registerConfigured(List.of(site));
        return true;
    }

    /**
     * The engine's bulk path when it has one (DuckDB's writes Parquet directly, bypassing the journal:
     * a crashed generator run is simply run again), else its ordinary durable append.
     */
    private static BulkLoad bulkLoad(StorageEngine engine) {
        return engine.capability(BulkLoad.class).orElseGet(() -> events -> engine.events().append(events));
    }

    private static void store(BulkLoad load, List<Event> batch) {
        load.load(batch);
        batch.clear();
    }

    private static void feed(IngestService ingest, TrackingRequest request, ClientContext client, List<Event> batch, long[] counts) {
        try {
            StepResult result = ingest.process(Hit.validate(request), client);
            if (result instanceof StepResult.Continue accepted) {
                batch.add(ingest.assemble(accepted.event()));
                counts[1]++;
            } else {
                counts[2]++;
            }
        } catch (InvalidEventException e) {
            counts[3]++;
        }
    }
}
