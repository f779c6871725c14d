package io.mallard.bootstrap.generator;

import io.mallard.application.ingest.ClientContext;
import io.mallard.application.ingest.Hit;
import io.mallard.application.ingest.IngestService;
import io.mallard.application.site.Sites;
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
 * at most {@value #BATCH} events, compacted at the end). Prints throughput.
 */
public final class GenerateCommand {
    private static final int BATCH = 200_000;

    private GenerateCommand() {
    }

    public record Options(String site, long events, int days, long seed, LocalDate endDate) {
        static Options parse(String[] args) {
            Map<String, String> values = new java.util.HashMap<>();
            for (int i = 0; i < args.length; i += 2) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new ConfigException("usage: generate --site ID --events N --days D --seed S [--end-date YYYY-MM-DD]");
                }
                values.put(args[i].substring(2), args[i + 1]);
            }
            try {
                Options options = new Options(values.getOrDefault("site", "example.com"),
                        Long.parseLong(values.getOrDefault("events", "100000")),
                        Integer.parseInt(values.getOrDefault("days", "30")),
                        Long.parseLong(values.getOrDefault("seed", "1")),
                        LocalDate.parse(values.getOrDefault("end-date", LocalDate.now(ZoneOffset.UTC).toString())));
                if (options.events() < 1 || options.days() < 1) {
                    throw new ConfigException("--events and --days must be at least 1");
                }
                return options;
            } catch (RuntimeException e) {
                throw new ConfigException("bad generate option: " + e.getMessage());
            }
        }
    }

    /** Result of a run, also printed. */
    public record Summary(long emitted, long stored, long dropped, long rejected, double seconds, int distinctUserAgents) {
        double eventsPerSecond() {
            return emitted / seconds;
        }
    }

    public static int run(String[] args, Map<String, String> environment) {
        try {
            Options options = Options.parse(args);
            MallardConfig config = io.mallard.bootstrap.Main.loadConfig(new String[0], environment);
            Summary summary = generate(config, options);
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

    public static Summary generate(MallardConfig config, Options options) throws Exception {
        long started = System.nanoTime();
        SimulatedClock clock = new SimulatedClock();
        try (StorageRuntime storage = new StorageRuntime(config, Clock.systemUTC())) {
            // Generated events skip the site check: generating data must not register sites or change ingestion policy.
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
                    counts[0]++;
                    clock.set(client.receivedAt());
                    feed(ingest, request, client, batch, counts);
                    if (batch.size() >= BATCH) {
                        store(storage, batch);
                    }
                });
                store(storage, batch);
            }
            storage.tiers().compactBefore(options.endDate().plusDays(2));
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Summary(counts[0], counts[1], counts[2], counts[3], seconds, model.distinctUserAgents());
        }
    }

    /** Generated events bypass the journal and the hot tier: a crashed generator run is simply run again. */
    private static void store(StorageRuntime storage, List<Event> batch) {
        storage.tiers().writeCold(batch);
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
