package io.mallard.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The production classes of every module obey the layering rules. */
@AnalyzeClasses(packages = "io.mallard", importOptions = {ImportOption.DoNotIncludeTests.class, ExcludeGeneratedClasses.class})
class LayeringTest {
    @ArchTest
    static final ArchRule domainIsPureJava = LayerRules.DOMAIN_IS_PURE_JAVA;
    @ArchTest
    static final ArchRule applicationSeesOnlyDomain = LayerRules.APPLICATION_SEES_ONLY_DOMAIN;
    @ArchTest
    static final ArchRule adaptersDoNotUseEachOther = LayerRules.ADAPTERS_DO_NOT_USE_EACH_OTHER;
    @ArchTest
    static final ArchRule nothingDependsOnBootstrap = LayerRules.NOTHING_DEPENDS_ON_BOOTSTRAP;
    @ArchTest
    static final ArchRule bootstrapKnowsNoEngine = LayerRules.BOOTSTRAP_KNOWS_NO_ENGINE;
    @ArchTest
    static final ArchRule coreHasNoTechnology = LayerRules.CORE_HAS_NO_TECHNOLOGY;
    @ArchTest
    static final ArchRule journalIsABuildingBlock = LayerRules.JOURNAL_IS_A_BUILDING_BLOCK;
    @ArchTest
    static final ArchRule metadataJdbcIsABuildingBlock = LayerRules.METADATA_JDBC_IS_A_BUILDING_BLOCK;
}
