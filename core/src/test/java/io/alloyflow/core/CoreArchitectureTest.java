package io.alloyflow.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** core is the innermost layer: it knows no workflow engine, web framework, graph DB or ML lib. */
@AnalyzeClasses(packages = "io.alloyflow.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

  @ArchTest
  static final ArchRule coreDependsOnNoFramework =
      noClasses()
          .that()
          .resideInAPackage("io.alloyflow.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.temporal..", "io.micronaut..", "org.neo4j..", "org.apache.camel..", "ai.djl..")
          .because("core holds domain values and formats shared by every service and workflow");
}
