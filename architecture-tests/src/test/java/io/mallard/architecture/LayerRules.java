package io.mallard.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.Slice;

import java.util.Set;
import java.util.stream.Stream;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The hexagon's rules (SPEC §5). The Maven module graph enforces them at compile time; these
 * rules are the second line of defence (e.g. against a dependency added to the wrong pom).
 */
final class LayerRules {
    static final String DOMAIN = "io.mallard.domain..";
    static final String APPLICATION = "io.mallard.application..";
    /**
     * Every top-level package that is not an adapter; any other {@code io.mallard.X} is one, however
     * new. {@code journal} is a building block storage engines share (the write-ahead journal), held
     * to the core by {@link #JOURNAL_IS_A_BUILDING_BLOCK}; {@code metadata} another (the metadata
     * ports over JDBC, for the embedded and the PostgreSQL store), held by {@link #METADATA_JDBC_IS_A_BUILDING_BLOCK}.
     */
    static final Set<String> NOT_ADAPTERS = Set.of("domain", "application", "bootstrap", "architecture", "journal", "metadata");
    /** The JDK the core may use: the language, collections, time, numbers, text, hashing, never I/O, logging or networking. */
    private static final String[] CORE_JDK = {"java.lang..", "java.util", "java.util.function..", "java.util.regex..", "java.util.stream..",
            "java.util.concurrent..", "java.time..", "java.math..", "java.nio.charset.."};
    /** Of {@code java.net}, only the value types that parse addresses and URLs: no sockets, no HTTP client. */
    private static final Set<String> NET_VALUE_TYPES = Set.of("java.net.URI", "java.net.URISyntaxException", "java.net.URLDecoder",
            "java.net.InetAddress", "java.net.Inet4Address", "java.net.Inet6Address", "java.net.UnknownHostException");
    private static final DescribedPredicate<JavaClass> NET_VALUE_TYPE =
            DescribedPredicate.describe("a java.net value type " + NET_VALUE_TYPES, type -> NET_VALUE_TYPES.contains(type.getName()));
    /**
     * The application hands a storage engine its data directory as a {@code Path}, a value; opening
     * anything ({@code Files}, channels, streams) stays outside.
     */
    private static final DescribedPredicate<JavaClass> PATH_VALUE =
            DescribedPredicate.describe("the java.nio.file.Path value type", type -> type.getName().equals("java.nio.file.Path"));

    private LayerRules() {
    }

    private static String[] concat(String[] jdk, String... more) {
        return Stream.concat(Stream.of(jdk), Stream.of(more)).toArray(String[]::new);
    }

    /** The domain needs the JDK only. */
    static final ArchRule DOMAIN_IS_PURE_JAVA = classes().that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat(resideInAnyPackage(concat(CORE_JDK, DOMAIN, "java.security..", "javax.crypto..")).or(NET_VALUE_TYPE))
            .because("the domain holds the rules of web analytics and must not know any framework, file, socket or logger");

    /** The application needs the domain and the JDK; never a framework, JDBC, DuckDB, Netty or HTTP type. */
    static final ArchRule APPLICATION_SEES_ONLY_DOMAIN = classes().that().resideInAPackage(APPLICATION)
            .should().onlyDependOnClassesThat(resideInAnyPackage(concat(CORE_JDK, APPLICATION, DOMAIN, "jakarta.inject.."))
                    .or(NET_VALUE_TYPE).or(PATH_VALUE))
            .because("use cases talk to the outside world (files, sockets, databases) only through their ports");

    /**
     * The journal (module {@code storage-journal}) knows the core, the JDK and a logger only: engines
     * use it, and it uses no engine and no framework.
     */
    static final ArchRule JOURNAL_IS_A_BUILDING_BLOCK = classes().that().resideInAPackage("io.mallard.journal..")
            .should().onlyDependOnClassesThat(resideInAnyPackage("java..", DOMAIN, APPLICATION, "io.mallard.journal..", "org.slf4j.."))
            .because("storage engines share it, so it must not drag one engine's technology into another");

    /**
     * The JDBC metadata stores (module {@code metadata-jdbc}) know the core and {@code java.sql} only:
     * the embedded and the PostgreSQL store use them, and they name neither database.
     */
    static final ArchRule METADATA_JDBC_IS_A_BUILDING_BLOCK = classes().that().resideInAPackage("io.mallard.metadata..")
            .should().onlyDependOnClassesThat(resideInAnyPackage("java..", DOMAIN, APPLICATION, "io.mallard.metadata.."))
            .because("two metadata stores share them, so they must not drag one database's driver into the other");

    /** Adapters are independent of each other. */
    static final ArchRule ADAPTERS_DO_NOT_USE_EACH_OTHER = slices().matching("io.mallard.(*)..")
            .that(DescribedPredicate.describe("are adapters", (Slice slice) -> !NOT_ADAPTERS.contains(slice.getNamePart(1))))
            .should().notDependOnEachOther()
            .because("an adapter implements a port; wiring them together is bootstrap's job");

    /** Nothing but bootstrap depends on bootstrap. */
    static final ArchRule NOTHING_DEPENDS_ON_BOOTSTRAP = noClasses().that().resideOutsideOfPackage("io.mallard.bootstrap..")
            .should().dependOnClassesThat().resideInAPackage("io.mallard.bootstrap..")
            .because("bootstrap is the composition root");

    /**
     * Bootstrap chooses the storage engine by name among the installed providers and talks to it
     * through the storage SPI only: no bootstrap class names an engine's types, so adding an engine
     * is adding a jar.
     */
    static final ArchRule BOOTSTRAP_KNOWS_NO_ENGINE = noClasses().that().resideInAPackage("io.mallard.bootstrap..")
            .should().dependOnClassesThat().resideInAnyPackage("io.mallard.duckdb..", "org.duckdb..", "io.mallard.memory..",
                    "io.mallard.clickhouse..", "com.clickhouse..", "io.mallard.postgres..", "org.postgresql..", "com.zaxxer..")
            .because("engines are found by MALLARD_STORAGE through java.util.ServiceLoader (docs/STORAGE-ADAPTERS.md)");

    /** The core never sees Micronaut, JDBC, DuckDB or Netty. */
    static final ArchRule CORE_HAS_NO_TECHNOLOGY = noClasses().that().resideInAnyPackage(DOMAIN, APPLICATION)
            .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "java.sql..", "org.duckdb..", "io.netty..",
                    "com.fasterxml..", "nl.basjes..", "com.maxmind..", "org.bouncycastle..");
}
