package io.mallard.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.mallard.application.planted.PlantedApplicationFileAccess;
import io.mallard.bootstrap.planted.PlantedBootstrapEngineImport;
import io.mallard.domain.planted.PlantedDomainNetworkCall;
import io.mallard.domain.planted.PlantedDomainViolation;
import io.mallard.newengine.planted.PlantedNewAdapterViolation;
import io.mallard.duckdb.planted.PlantedAdapterViolation;
import io.mallard.journal.planted.PlantedJournalEngineUse;
import io.mallard.metadata.planted.PlantedMetadataDriverUse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule demonstrably fails when the layering is broken (rules that cannot fail prove nothing). */
class PlantedViolationTest {
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(new ExcludeGeneratedClasses())
            .importPackages("io.mallard");

    private static JavaClasses productionPlus(Class<?> planted) {
        return new ClassFileImporter().withImportOption(new ExcludeGeneratedClasses())
                .importPackages("io.mallard")
                .that(com.tngtech.archunit.base.DescribedPredicate.describe("production or " + planted.getSimpleName(),
                        c -> !c.getPackageName().contains("planted") || c.isEquivalentTo(planted)));
    }

    @Test
    void productionCodePassesEveryRule() {
        for (ArchRule rule : new ArchRule[]{LayerRules.DOMAIN_IS_PURE_JAVA, LayerRules.APPLICATION_SEES_ONLY_DOMAIN,
                LayerRules.ADAPTERS_DO_NOT_USE_EACH_OTHER, LayerRules.NOTHING_DEPENDS_ON_BOOTSTRAP, LayerRules.CORE_HAS_NO_TECHNOLOGY,
                LayerRules.BOOTSTRAP_KNOWS_NO_ENGINE, LayerRules.JOURNAL_IS_A_BUILDING_BLOCK, LayerRules.METADATA_JDBC_IS_A_BUILDING_BLOCK}) {
            assertThat(rule.evaluate(PRODUCTION).hasViolation()).as(rule.getDescription()).isFalse();
        }
    }

    @Test
    void jdbcInTheDomainIsCaught() {
        JavaClasses classes = productionPlus(PlantedDomainViolation.class);

        assertThat(LayerRules.DOMAIN_IS_PURE_JAVA.evaluate(classes).hasViolation()).isTrue();
        assertThat(LayerRules.CORE_HAS_NO_TECHNOLOGY.evaluate(classes).hasViolation()).isTrue();
    }

    @Test
    void networkingOrLoggingInTheDomainIsCaught() {
        assertThat(LayerRules.DOMAIN_IS_PURE_JAVA.evaluate(productionPlus(PlantedDomainNetworkCall.class)).hasViolation()).isTrue();
    }

    @Test
    void fileAccessInTheApplicationIsCaught() {
        assertThat(LayerRules.APPLICATION_SEES_ONLY_DOMAIN.evaluate(productionPlus(PlantedApplicationFileAccess.class)).hasViolation())
                .isTrue();
    }

    @Test
    void anAdapterPackageNobodyListedIsStillASlice() {
        assertThat(LayerRules.ADAPTERS_DO_NOT_USE_EACH_OTHER.evaluate(productionPlus(PlantedNewAdapterViolation.class)).hasViolation())
                .isTrue();
    }

    @Test
    void bootstrapNamingAStorageEngineTypeIsCaught() {
        assertThat(LayerRules.BOOTSTRAP_KNOWS_NO_ENGINE.evaluate(productionPlus(PlantedBootstrapEngineImport.class)).hasViolation()).isTrue();
    }

    @Test
    void theJournalReachingIntoAnEngineIsCaught() {
        assertThat(LayerRules.JOURNAL_IS_A_BUILDING_BLOCK.evaluate(productionPlus(PlantedJournalEngineUse.class)).hasViolation()).isTrue();
    }

    @Test
    void theSharedMetadataStoresNamingADatabaseDriverIsCaught() {
        assertThat(LayerRules.METADATA_JDBC_IS_A_BUILDING_BLOCK.evaluate(productionPlus(PlantedMetadataDriverUse.class)).hasViolation())
                .isTrue();
    }

    @Test
    void anAdapterUsingAnotherAdapterOrBootstrapIsCaught() {
        JavaClasses classes = productionPlus(PlantedAdapterViolation.class);

        assertThat(LayerRules.ADAPTERS_DO_NOT_USE_EACH_OTHER.evaluate(classes).hasViolation()).isTrue();
        assertThat(LayerRules.NOTHING_DEPENDS_ON_BOOTSTRAP.evaluate(classes).hasViolation()).isTrue();
    }
}
