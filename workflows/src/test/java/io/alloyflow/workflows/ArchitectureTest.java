package io.alloyflow.workflows;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Module boundaries: core and the services' algorithm packages know no framework; services never
 * depend on each other; workflows use only the services' contracts ({@code api} packages).
 */
class ArchitectureTest {
  private static final List<String> SERVICES = List.of("segmentation", "eds", "fusion", "prediction");
  private static final String[] FRAMEWORKS = {
    "io.temporal..", "io.micronaut..", "org.neo4j..", "org.apache.camel.."
  };
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.alloyflow");
  }

  @Test
  void coreAndSyntheticKnowNoFramework() {
    noClasses()
        .that().resideInAnyPackage("io.alloyflow.core..", "io.alloyflow.synthetic..")
        .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
        .check(classes);
  }

  @Test
  void serviceAlgorithmsKnowNoFramework() {
    for (String s : SERVICES) {
      noClasses()
          .that().resideInAPackage("io.alloyflow." + s + "..")
          .and().resideOutsideOfPackages(
              "io.alloyflow." + s + ".api..", "io.alloyflow." + s + ".activity..",
              "io.alloyflow." + s + ".http..", "io.alloyflow." + s + ".worker..")
          .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
          .because("algorithms of the " + s + " service must run without Temporal, Micronaut, Neo4j or Camel")
          .check(classes);
    }
  }

  @Test
  void servicesNeverDependOnEachOther() {
    for (String s : SERVICES) {
      String[] others =
          SERVICES.stream().filter(o -> !o.equals(s)).map(o -> "io.alloyflow." + o + "..").toArray(String[]::new);
      noClasses()
          .that().resideInAPackage("io.alloyflow." + s + "..")
          .should().dependOnClassesThat().resideInAnyPackage(others)
          .check(classes);
    }
  }

  /** Classes whose code runs as Temporal workflow code: implementations of a workflow interface. */
  private static final DescribedPredicate<JavaClass> WORKFLOW_CODE =
      DescribedPredicate.describe("implement a @WorkflowInterface",
          c -> c.getAllRawInterfaces().stream()
              .anyMatch(i -> i.isAnnotatedWith(io.temporal.workflow.WorkflowInterface.class)));

  /**
   * Workflow code must be deterministic on replay: no wall clocks, random UUIDs or random numbers
   * (time, ids and randomness come from {@code Workflow.*}), no sleeping threads.
   */
  @Test
  void workflowCodeUsesNoClocksUuidsOrRandomness() {
    noClasses()
        .that(WORKFLOW_CODE)
        .should().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(java.util.UUID.class, "randomUUID")
        .orShould().callMethod(Math.class, "random")
        .orShould().callMethod(Thread.class, "sleep", long.class)
        .orShould().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
            com.tngtech.archunit.core.domain.properties.HasName.Predicates.name("now")))
        .orShould().dependOnClassesThat().belongToAnyOf(java.util.Random.class,
            java.security.SecureRandom.class, java.util.concurrent.ThreadLocalRandom.class,
            java.util.SplittableRandom.class, java.time.Clock.class)
        .because("workflow code is replayed and must be deterministic: use Workflow.currentTimeMillis,"
            + " Workflow.randomUUID, Workflow.newRandom and Workflow.sleep")
        .check(classes);
  }

  @Test
  void theRuleSeesTheWorkflowImplementations() {
    // guards the rule above against matching nothing
    org.junit.jupiter.api.Assertions.assertTrue(classes.stream().filter(WORKFLOW_CODE::test)
        .map(JavaClass::getSimpleName).toList()
        .containsAll(List.of("AnalysisWorkflowImpl", "CampaignWorkflowImpl")));
  }

  @Test
  void campaignMathematicsKnowsNoFramework() {
    noClasses()
        .that().resideInAPackage("io.alloyflow.workflows.campaign.opt..")
        .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
        .check(classes);
  }

  @Test
  void workflowsUseOnlyServiceContracts() {
    for (String s : SERVICES) {
      noClasses()
          .that().resideInAnyPackage(
              "io.alloyflow.workflows.analysis..", "io.alloyflow.workflows.gateway..",
              "io.alloyflow.workflows.report..", "io.alloyflow.workflows.ingest..",
              "io.alloyflow.workflows.campaign..")
          .should().dependOnClassesThat(
              JavaClass.Predicates.resideInAPackage("io.alloyflow." + s + "..")
                  .and(DescribedPredicate.not(
                      JavaClass.Predicates.resideInAPackage("io.alloyflow." + s + ".api.."))))
          .check(classes);
    }
  }
}
