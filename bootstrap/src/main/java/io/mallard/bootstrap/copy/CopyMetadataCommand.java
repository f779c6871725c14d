package io.mallard.bootstrap.copy;

import io.mallard.application.stats.QueryGate;
import io.mallard.application.storage.MetadataCopy;
import io.mallard.application.storage.MetadataStore;
import io.mallard.application.storage.StorageContext;
import io.mallard.application.storage.StorageEngine;
import io.mallard.application.validation.ConflictException;
import io.mallard.bootstrap.config.ConfigException;
import io.mallard.bootstrap.config.MallardConfig;
import io.mallard.bootstrap.wiring.StorageRuntime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * {@code copy-metadata --from DIR}: copies the accounts, sessions, API keys, sites, goals, shared
 * links and segments of an embedded (DuckDB) data directory into the PostgreSQL store
 * {@code MALLARD_METADATA_URL} names, which must be empty ({@link MetadataCopy}). With
 * {@code copy-events}, the way from one node to several. The source is only read.
 */
public final class CopyMetadataCommand {
    static final String USAGE = "usage: copy-metadata --from DATA_DIR   (into the PostgreSQL MALLARD_METADATA_URL names)";

    private CopyMetadataCommand() {
    }

    public static int run(String[] args, Map<String, String> environment) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(USAGE);
            return 0;
        }
        try {
            if (args.length != 2 || !args[0].equals("--from") || !Files.isDirectory(Path.of(args[1]))) {
                throw new ConfigException("--from must name an existing data directory; " + USAGE);
            }
            MallardConfig config = io.mallard.bootstrap.Main.loadConfig(new String[0], environment);
            MetadataCopy.Copied copied = copy(config, Path.of(args[1]));
            System.out.printf("copied %d accounts, %d sessions, %d API keys, %d sites, %d goals, %d shared links and %d segments%n",
                    copied.users(), copied.sessions(), copied.apiKeys(), copied.sites(), copied.goals(), copied.shares(), copied.segments());
            return 0;
        } catch (ConfigException | ConflictException e) {
            System.err.println("mallard-metrics copy-metadata: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("mallard-metrics copy-metadata failed: " + e);
            return 1;
        }
    }

    static MetadataCopy.Copied copy(MallardConfig config, Path from) {
        Clock clock = Clock.systemUTC();
        try (StorageEngine source = StorageRuntime.provider("duckdb").open(new StorageContext(from, clock, config.visitTimeout(),
                     new QueryGate(0, Duration.ZERO), Map::of, Map.of()));
             MetadataStore target = StorageRuntime.openSharedMetadata(config, clock)) {
            MetadataStore embedded = source.metadata()
                    .orElseThrow(() -> new IllegalStateException("the embedded engine keeps no metadata"));
            return MetadataCopy.copy(embedded, target, clock.instant());
        }
    }
}
