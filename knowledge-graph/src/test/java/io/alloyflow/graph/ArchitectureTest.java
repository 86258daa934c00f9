package io.alloyflow.graph;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The knowledge graph is a library: Neo4j's driver and Jackson, no application framework. */
class ArchitectureTest {
  @Test
  void graphKnowsNoApplicationFramework() {
    JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.alloyflow.graph");
    noClasses().that().resideInAPackage("io.alloyflow.graph..")
        .should().dependOnClassesThat().resideInAnyPackage("io.temporal..", "io.micronaut..", "org.apache.camel..",
            "io.alloyflow.workflows..", "org.neo4j.graphdb..", "org.neo4j.kernel..")
        .because("the graph layer talks to Neo4j only through the Bolt driver and must run in any process")
        .check(classes);
  }
}
