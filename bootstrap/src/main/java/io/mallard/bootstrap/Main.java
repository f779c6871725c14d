package io.mallard.bootstrap;

import io.mallard.application.account.AccountService;
import io.mallard.bootstrap.config.ConfigException;
import io.mallard.bootstrap.config.ConfigParser;
import io.mallard.bootstrap.config.DataDirectory;
import io.mallard.bootstrap.config.MallardConfig;
import io.mallard.bootstrap.config.RawSettings;
import io.mallard.bootstrap.copy.CopyEventsCommand;
import io.mallard.bootstrap.copy.CopyMetadataCommand;
import io.mallard.bootstrap.generator.GenerateCommand;
import io.mallard.bootstrap.wiring.StorageRuntime;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Entry point. {@code java -jar mallard-metrics.jar [config.toml]} runs the server;
 * {@code java -jar mallard-metrics.jar generate …} runs the traffic generator. Configuration errors
 * print one line naming the key and exit with status 2.
 */
public final class Main {
    private Main() {
    }

    static final String USAGE = """
            Usage: java -jar mallard-metrics.jar [config.toml]      start the server
                   java -jar mallard-metrics.jar generate [options]   fill a data directory with simulated traffic (generate --help)
                   java -jar mallard-metrics.jar copy-events --from DIR   copy a DuckDB data directory's events into MALLARD_STORAGE (Scaling out)
                   java -jar mallard-metrics.jar copy-metadata --from DIR   copy its accounts, keys, sites and goals into MALLARD_METADATA_URL
                   java -jar mallard-metrics.jar --help | --version

            Configuration comes from MALLARD_* environment variables, which override the optional TOML file
            (README: Configuration lists every key). The data directory is ./data unless MALLARD_DATA_DIR says otherwise.""";

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("generate")) {
            System.exit(GenerateCommand.run(Arrays.copyOfRange(args, 1, args.length), System.getenv()));
        }
        if (args.length > 0 && args[0].equals("copy-events")) {
            System.exit(CopyEventsCommand.run(Arrays.copyOfRange(args, 1, args.length), System.getenv()));
        }
        if (args.length > 0 && args[0].equals("copy-metadata")) {
            System.exit(CopyMetadataCommand.run(Arrays.copyOfRange(args, 1, args.length), System.getenv()));
        }
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(USAGE);
            return;
        }
        if (args.length == 1 && args[0].equals("--version")) {
            System.out.println("mallard-metrics " + Version.current());
            return;
        }
        MallardConfig config;
        try {
            config = loadConfig(args, System.getenv());
            DataDirectory.check(config.dataDir());
            StorageRuntime.provider(config.storage());
        } catch (ConfigException e) {
            System.err.println("mallard-metrics: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        ApplicationContext context;
        try {
            context = start(config);
        } catch (RuntimeException e) {
            StartupFailure.report(e, config.dataDir());
            System.exit(1);
            return;
        }
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "localhost" : config.host();
        System.out.println("Mallard Metrics is running: open http://" + host + ":" + server.getPort() + "/  (data in "
                + config.dataDir().toAbsolutePath() + ")");
        context.getBean(AccountService.class).setupCode().ifPresent(code -> System.out.println(
                "First-run setup: open http://" + host + ":" + server.getPort() + "/setup and enter the setup code " + code));
    }

    public static MallardConfig loadConfig(String[] args, Map<String, String> environment) {
        if (args.length > 1) {
            throw new ConfigException("expected at most one argument, the path of a TOML configuration file");
        }
        Optional<Path> file = args.length == 1 ? Optional.of(Path.of(args[0])) : Optional.empty();
        if (file.isPresent() && !Files.isReadable(file.get())) {
            throw new ConfigException("configuration file " + file.get() + " does not exist or is not readable");
        }
        MallardConfig config = ConfigParser.parse(RawSettings.load(file, environment));
        selectLogFormat(config.logFormat());
        return config;
    }

    /**
     * Starts Micronaut with the configuration as a bean; the context closes on JVM shutdown.
     * {@code beans} take the place of the defaults of their type (tests pass a fixed {@code Clock}).
     * A failure is thrown to the caller (Micronaut's own launcher would log it and exit the JVM).
     */
    public static ApplicationContext start(MallardConfig config, Object... beans) {
        Object[] singletons = new Object[beans.length + 1];
        singletons[0] = config;
        System.arraycopy(beans, 0, singletons, 1, beans.length);
        ApplicationContext context = ApplicationContext.builder()
                .banner(false)
                .deduceEnvironment(false)
                .eagerInitSingletons(true)
                .singletons(singletons)
                .properties(serverProperties(config))
                .build();
        try {
            context.start();
            context.getBean(EmbeddedServer.class).start();
        } catch (RuntimeException failure) {
            if (context.isRunning()) {
                context.close();
            }
            throw failure;
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("mallard-shutdown").unstarted(() -> {
            if (context.isRunning()) {
                context.close();
            }
        }));
        return context;
    }

    static Map<String, Object> serverProperties(MallardConfig config) {
        return Map.of(
                "micronaut.server.host", config.host(),
                "micronaut.server.port", config.port(),
                "micronaut.application.name", "mallard-metrics");
    }

    private static void selectLogFormat(MallardConfig.LogFormat format) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile",
                    format == MallardConfig.LogFormat.JSON ? "logback-json.xml" : "logback.xml");
        }
    }
}
