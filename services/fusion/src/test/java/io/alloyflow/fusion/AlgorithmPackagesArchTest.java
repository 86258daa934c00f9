package io.alloyflow.fusion;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The fusion algorithm packages stay framework-free (no Temporal, Micronaut, Neo4j, Camel,
 * picocli), and the service depends on no other service.
 */
class AlgorithmPackagesArchTest {
  @Test
  void algorithmPackagesDoNotDependOnFrameworksOrOtherServices() {
    JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.alloyflow.fusion");
    noClasses().that().resideInAnyPackage("io.alloyflow.fusion.registration..",
            "io.alloyflow.fusion.classify..", "io.alloyflow.fusion.inclusions..",
            "io.alloyflow.fusion.phases..")
        .should().dependOnClassesThat().resideInAnyPackage("io.temporal..", "io.micronaut..",
            "org.neo4j..", "org.apache.camel..", "picocli..")
        .check(classes);
    noClasses().that().resideInAnyPackage("io.alloyflow.fusion.registration..",
            "io.alloyflow.fusion.inclusions..")
        .should().dependOnClassesThat().resideInAnyPackage("ai.djl..")
        .check(classes);
    noClasses().should().dependOnClassesThat().resideInAnyPackage("io.alloyflow.eds..",
            "io.alloyflow.segmentation..", "io.alloyflow.prediction..", "io.alloyflow.workflows..")
        .check(classes);
  }
}
