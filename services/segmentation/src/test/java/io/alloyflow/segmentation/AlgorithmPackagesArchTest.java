package io.alloyflow.segmentation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The algorithm packages stay framework-free (no Temporal, Micronaut, Neo4j, Camel). */
class AlgorithmPackagesArchTest {
  @Test
  void algorithmPackagesDoNotDependOnFrameworks() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.alloyflow.segmentation");
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.alloyflow.segmentation.classical..",
            "io.alloyflow.segmentation.filters..",
            "io.alloyflow.segmentation.morphology..",
            "io.alloyflow.segmentation.measure..",
            "io.alloyflow.segmentation.metrics..",
            "io.alloyflow.segmentation.postprocess..",
            "io.alloyflow.segmentation.pixelclassifier..",
            "io.alloyflow.segmentation.io..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.temporal..", "io.micronaut..", "org.neo4j..", "org.apache.camel..")
        .check(classes);
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.alloyflow.segmentation.classical..",
            "io.alloyflow.segmentation.filters..",
            "io.alloyflow.segmentation.morphology..",
            "io.alloyflow.segmentation.measure..",
            "io.alloyflow.segmentation.metrics..",
            "io.alloyflow.segmentation.postprocess..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("ai.djl..", "org.tribuo..", "picocli..")
        .check(classes);
  }
}
