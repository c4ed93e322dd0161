package org.stackvault;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules of the product's code (target/classes, tests left out): the core —
 * where records come from, the vault, the queries — knows nothing of the web, the source
 * nothing of what is built from it, and no two packages need each other.
 */
@AnalyzeClasses(packages = "org.stackvault", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageRulesTest {
    @ArchTest
    static final ArchRule coreImportsNoWebApi = noClasses()
            .that()
            .resideInAnyPackage(
                    "org.stackvault.vault..",
                    "org.stackvault.query..",
                    "org.stackvault.source..",
                    "org.stackvault.export..",
                    "org.stackvault.kpi..",
                    "org.stackvault.report..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "jakarta.servlet..",
                    "jakarta.ws.rs..",
                    "org.glassfish.jersey..",
                    "org.eclipse.jetty..",
                    "org.apache.catalina..")
            .because("the vault, the queries, the source, the export tables, the KPI goals and the reports' figures"
                    + " are plain Java that any front end can use");

    @ArchTest
    static final ArchRule coreImportsNoMetrics = noClasses()
            .that()
            .resideInAnyPackage("org.stackvault.vault..", "org.stackvault.query..", "org.stackvault.source..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.micrometer..", "io.prometheus..", "org.stackvault.metrics..")
            .because("the meters read the core (the holder, its refresh listeners), never the reverse");

    @ArchTest
    static final ArchRule sourceKnowsNothingBuiltFromIt = noClasses()
            .that()
            .resideInAPackage("org.stackvault.source..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.stackvault.vault..", "org.stackvault.query..", "org.stackvault.api..")
            .because("records flow one way: source, then vault, then query, then api");

    @ArchTest
    static final ArchRule onlyTheListenerKnowsThePages = noClasses()
            .that()
            .resideOutsideOfPackages("org.stackvault.web..", "org.stackvault.api..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.stackvault.web..")
            .because("the pages are a front end of the queries, which the API's listener registers");

    @ArchTest
    static final ArchRule pagesUseTheQueriesNotTheApi = noClasses()
            .that()
            .resideInAPackage("org.stackvault.web..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.stackvault.api..", "org.glassfish.jersey..", "jakarta.ws.rs..")
            .because("a page builds its numbers through the query layer, as the API does, not through the API");

    @ArchTest
    static final ArchRule exportKnowsOnlyRecords = noClasses()
            .that()
            .resideInAPackage("org.stackvault.export..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.stackvault.vault..", "org.stackvault.query..", "org.stackvault.api..", "org.stackvault.web..")
            .because("the tables for download are read from any records: the API's answers and the reports' own");

    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching("org.stackvault.(*)..").should().beFreeOfCycles();
}
