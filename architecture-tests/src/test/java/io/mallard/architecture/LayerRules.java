package io.mallard.architecture;

import com.tngtech.archunit.lang.ArchRule;

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
    static final String[] ADAPTERS = {"io.mallard.http..", "io.mallard.duckdb..", "io.mallard.geoip..", "io.mallard.useragent..", "io.mallard.auth..",
            "io.mallard.dashboard.."};

    private LayerRules() {
    }

    /** The domain needs the JDK only. */
    static final ArchRule DOMAIN_IS_PURE_JAVA = classes().that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java.lang..", "java.util..", "java.time..",
                    "java.net..", "java.math..", "java.nio.charset..", "java.security..", "javax.crypto..")
            .because("the domain holds the rules of web analytics and must not know any framework");

    /** The application needs the domain and the JDK; never a framework, JDBC, DuckDB, Netty or HTTP type. */
    static final ArchRule APPLICATION_SEES_ONLY_DOMAIN = classes().that().resideInAPackage(APPLICATION)
            .should().onlyDependOnClassesThat().resideInAnyPackage(APPLICATION, DOMAIN, "java.lang..", "java.util..",
                    "java.time..", "java.net..", "java.math..", "java.io..", "jakarta.inject..")
            .because("use cases talk to the outside world only through their ports");

    /** Adapters are independent of each other. */
    static final ArchRule ADAPTERS_DO_NOT_USE_EACH_OTHER = slices().matching("io.mallard.(http|duckdb|geoip|useragent|auth|dashboard)..")
            .should().notDependOnEachOther()
            .because("an adapter implements a port; wiring them together is bootstrap's job");

    /** Nothing but bootstrap depends on bootstrap. */
    static final ArchRule NOTHING_DEPENDS_ON_BOOTSTRAP = noClasses().that().resideOutsideOfPackage("io.mallard.bootstrap..")
            .should().dependOnClassesThat().resideInAPackage("io.mallard.bootstrap..")
            .because("bootstrap is the composition root");

    /** The core never sees Micronaut, JDBC, DuckDB or Netty. */
    static final ArchRule CORE_HAS_NO_TECHNOLOGY = noClasses().that().resideInAnyPackage(DOMAIN, APPLICATION)
            .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "java.sql..", "org.duckdb..", "io.netty..",
                    "com.fasterxml..", "nl.basjes..", "com.maxmind..", "org.bouncycastle..");
}
