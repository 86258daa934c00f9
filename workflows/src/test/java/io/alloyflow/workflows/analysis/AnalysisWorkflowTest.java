package io.alloyflow.workflows.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.eds.api.EdsActivities;
import io.alloyflow.eds.api.EdsSpectrumRequest;
import io.alloyflow.eds.api.EdsSpectrumResult;
import io.alloyflow.eds.api.ElementLine;
import io.alloyflow.fusion.api.FusedPhaseRequest;
import io.alloyflow.fusion.api.FusedPhaseResult;
import io.alloyflow.fusion.api.FusionActivities;
import io.alloyflow.fusion.api.SpectrumImageFusionActivities;
import io.alloyflow.fusion.api.FusionRequest;
import io.alloyflow.fusion.api.FusionResult;
import io.alloyflow.fusion.api.PhaseSummary;
import io.alloyflow.graph.AnalysisProvenance;
import io.alloyflow.graph.GraphCounts;
import io.alloyflow.prediction.api.PhaseMapPredictionRequest;
import io.alloyflow.prediction.api.PropertyPrediction;
import io.alloyflow.prediction.api.PredictionRequest;
import io.alloyflow.prediction.api.PredictionActivities;
import io.alloyflow.segmentation.api.SegmentPhasesRequest;
import io.alloyflow.segmentation.api.SegmentPhasesResult;
import io.alloyflow.segmentation.api.SegmentationActivities;
import io.alloyflow.workflows.ingest.IngestActivities;
import io.alloyflow.workflows.ingest.IngestRequest;
import io.alloyflow.workflows.ingest.IngestedInputs;
import io.alloyflow.workflows.ingest.InputSource;
import io.alloyflow.workflows.provenance.ProvenanceActivities;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import java.nio.file.Files;
import java.nio.file.Path;
import io.temporal.worker.Worker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Workflow logic on Temporal's in-memory test environment with scripted activities: which steps
 * run, in what order, with what inputs, and how failures surface. The activities are fakes here on
 * purpose (the end-to-end test runs the real ones); they record what the workflow asked for.
 */
class AnalysisWorkflowTest {
  static final ArtifactRef MICRO = ref('a');
  static final ArtifactRef EDS = ref('b');
  static final ArtifactRef MAP = ref('c');
  static final ArtifactRef FEATURES = ref('d');

  TestWorkflowEnvironment env;
  final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  final List<AnalysisProvenance> recorded = Collections.synchronizedList(new ArrayList<>());
  final List<String> outcomes = Collections.synchronizedList(new ArrayList<>());
  final List<String> summaries = Collections.synchronizedList(new ArrayList<>());
  final List<AnalysisProvenance> stepWrites = Collections.synchronizedList(new ArrayList<>());
  String alloySystemSeenByPrediction;
  volatile boolean imagePredictionFails;

  static ArtifactRef ref(char c) {
    return new ArtifactRef(String.valueOf(c).repeat(64), "application/octet-stream", 1);
  }

  static ActivityRecord rec(String step) {
    return new ActivityRecord(step, step, new AlgorithmInfo(step + "-algo", "1", "ref", Map.of()),
        List.of(), List.of(), Map.of(), Map.of(), 0, 0, 0, "wf", "run", 1);
  }

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    Worker wf = env.newWorker(AnalysisWorkflow.TASK_QUEUE);
    wf.registerWorkflowImplementationTypes(AnalysisWorkflowImpl.class);
    env.newWorker(SegmentationActivities.TASK_QUEUE).registerActivitiesImplementations(
        (SegmentationActivities) (SegmentPhasesRequest r) -> {
          calls.add("segmentation:" + r.method() + ":" + r.classes());
          return new SegmentPhasesResult(MAP, MAP, MAP, List.of("dark", "bright"),
              Map.of("dark", 0.7, "bright", 0.3), Map.of("dark", 0.01, "bright", 0.01), rec("segmentation"));
        });
    env.newWorker(EdsActivities.TASK_QUEUE).registerActivitiesImplementations(
        (EdsActivities) (EdsSpectrumRequest r) -> {
          calls.add("eds:" + r.kind());
          return new EdsSpectrumResult(EDS, 0, 10,
              List.of(new ElementLine("Fe", "K", 6404, 1e5, 316, 1, List.of())), rec("eds"));
        });
    env.newWorker(FusionActivities.TASK_QUEUE).registerActivitiesImplementations(
        (SpectrumImageFusionActivities) (FusedPhaseRequest r) -> {
          calls.add("fusion-spectrum-image:" + r.alloySystem());
          if ("unregistrable".equals(r.alloySystem())) {
            throw ApplicationFailure.newNonRetryableFailure("no overlap between the images", "BadInput");
          }
          return new FusedPhaseResult(List.of(List.of(1.0, 0.0, 0.0), List.of(0.0, 1.0, 0.0)), 0.2,
              true, "ok", Map.of(), List.of(), MAP, FEATURES, rec("fusion-spectrum-image"));
        },
        (FusionActivities) (FusionRequest r) -> {
          calls.add("fusion:" + r.edsElements());
          if ("broken".equals(r.alloySystem())) {
            throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure(
                "phase map and micrograph differ in size", "BadInput");
          }
          return new FusionResult(
              List.of(new PhaseSummary(0, "ferrite", 0.7, 100, 5, 700),
                  new PhaseSummary(1, "martensite", 0.3, 200, 5, 300)),
              FEATURES, 14, rec("fusion"));
        });
    env.newWorker(PredictionActivities.TASK_QUEUE).registerActivitiesImplementations(
        new PredictionActivities() {
          @Override
          public PropertyPrediction predictProperty(PredictionRequest r) {
            calls.add("prediction:" + r.phaseFractions());
            alloySystemSeenByPrediction = r.alloySystem();
            if (!"dp-steel".equals(r.alloySystem())) {
              return PropertyPrediction.unavailable("hardness", "HV", "no phase hardness library for " + r.alloySystem());
            }
            return new PropertyPrediction("hardness", "HV", 250, 30, 30, 0, 191, 309, "rom@1", "linear",
                Map.of(), 0, FEATURES, null, rec("prediction"), null, "");
          }

          @Override
          public PropertyPrediction predictFromPhaseMap(PhaseMapPredictionRequest r) {
            calls.add("fracture-strain:" + r.labelPhases() + ":" + r.phaseMap().sha256().charAt(0));
            if (imagePredictionFails) {
              throw ApplicationFailure.newNonRetryableFailure("model file damaged", "BadInput");
            }
            return new PropertyPrediction("fracture-strain", "1", 0.21, 0.05, 0.046, 0.01, 0.11, 0.31,
                "fracture-strain-dp-cnn@1", "cnn", Map.of("martensite fraction", -0.02), 0.23, FEATURES,
                null, rec("fracture-strain-prediction"), rec("model-training"), "");
          }
        });
    env.newWorker(ProvenanceActivities.TASK_QUEUE).registerActivitiesImplementations(
        new ProvenanceActivities() {
          @Override
          public GraphCounts recordAnalysis(AnalysisProvenance p) {
            if (p.status().equals("RUNNING")) {
              stepWrites.add(p); // per-step writes: checked by their own tests
              return new GraphCounts(0, 0);
            }
            calls.add("provenance");
            recorded.add(p);
            return new GraphCounts(p.activities().size() * 3L, p.activities().size() * 4L);
          }

          @Override
          public void markRunning(String analysisId, String sampleId) {
            outcomes.add("RUNNING");
          }

          @Override
          public void recordOutcome(String analysisId, String sampleId, String status, String reason,
              String summaryJson) {
            outcomes.add(status + (reason.isEmpty() ? "" : ":" + reason));
            summaries.add(summaryJson);
          }
        });
    env.newWorker(IngestActivities.TASK_QUEUE).registerActivitiesImplementations(
        (IngestActivities) r -> {
          calls.add("ingest:" + r.micrograph().fileName());
          if (r.micrograph().fileName().startsWith("bad")) {
            throw ApplicationFailure.newNonRetryableFailure(
                "micrographPath: not a baseline TIFF file", AnalysisWorkflowImpl.BAD_INPUT);
          }
          return new IngestedInputs(MICRO, null, null, List.of(rec("ingest-micrograph")));
        });
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  AnalysisWorkflow stub(String id) {
    WorkflowClient client = env.getWorkflowClient();
    return client.newWorkflowStub(AnalysisWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(AnalysisWorkflow.TASK_QUEUE).setWorkflowId(id).build());
  }

  @Test
  void runsEveryStepInOrderAndRecordsAllProvenance() {
    AnalysisResult r = stub("a1").analyze(new AnalysisRequest("s1", Map.of(), "dp-steel", MICRO, EDS,
        "spectrum", "otsu", 2, 0, List.of(rec("ingest-micrograph"))));
    // segmentation and EDS run in parallel: either may be asked first
    assertEquals(java.util.Set.of("segmentation:otsu:2", "eds:spectrum"), java.util.Set.copyOf(calls.subList(0, 2)));
    assertEquals(List.of("fusion:[Fe]", "prediction:{ferrite=0.7, martensite=0.3}",
            "fracture-strain:[ferrite, martensite]:c", "provenance"),
        sortedPrediction(calls.subList(2, calls.size())));
    assertEquals(250, r.prediction().mean());
    assertEquals("hardness", r.prediction().property());
    assertEquals("", r.predictionUnavailable());
    AnalysisProvenance p = recorded.get(0);
    assertEquals("a1", p.analysisId());
    assertEquals(List.of("ingest-micrograph", "segmentation", "eds", "fusion", "prediction",
            "model-training", "fracture-strain-prediction"),
        p.activities().stream().map(ActivityRecord::step).toList());
    assertEquals("dp-steel", p.sampleProperties().get("alloySystem"));
    assertEquals(21, r.graph().nodes());
    assertEquals(0.21, r.imagePrediction().mean());
    assertEquals("fracture-strain", r.imagePrediction().property());
    assertEquals(List.of("RUNNING", "COMPLETED"), outcomes);
    assertTrue(summaries.get(0).contains("\"phaseFractions\""), summaries.toString());
  }

  static AnalysisRequest submitted(String id, String fileName, String method, int classes) {
    return new AnalysisRequest("s1", Map.of(), "dp-steel", null, null, null, method, classes, 0,
        List.of(), null, new IngestRequest(id, new InputSource("/data/" + fileName, null, fileName), null,
            Double.NaN));
  }

  @Test
  void aGatewaySubmissionIsIngestedFirstAndItsOutcomeRecorded() {
    AnalysisResult r = stub("g1").analyze(submitted("g1", "dp.tif", "otsu", 2));
    assertEquals("ingest:dp.tif", calls.get(0));
    assertEquals("segmentation:otsu:2", calls.get(1));
    assertEquals("ingest-micrograph", recorded.get(0).activities().get(0).step());
    assertEquals(List.of("RUNNING", "COMPLETED"), outcomes);
    assertEquals(250, r.prediction().mean());
  }

  @Test
  void aBadFileFailsAtOnceAndIsRecordedAsFailedWithItsReason() {
    WorkflowFailedException e = assertThrows(WorkflowFailedException.class,
        () -> stub("g2").analyze(submitted("g2", "bad.tif", "otsu", 2)));
    assertTrue(AnalysisRunner.describe(e).contains("not a baseline TIFF"), AnalysisRunner.describe(e));
    assertEquals(List.of("ingest:bad.tif"), calls);
    assertEquals(List.of("RUNNING", "FAILED:micrographPath: not a baseline TIFF file"), outcomes);
  }

  @Test
  void anInvalidParameterFailsTheAnalysisInsteadOfRetryingForever() {
    // classes = 1000 is refused by the segmentation request's own validation inside workflow code
    WorkflowFailedException e = assertThrows(WorkflowFailedException.class,
        () -> stub("g3").analyze(submitted("g3", "dp.tif", "multiotsu", 1000)));
    assertTrue(outcomes.get(outcomes.size() - 1).startsWith("FAILED"), outcomes.toString());
  }

  private static List<String> sortedPrediction(List<String> calls) {
    // map iteration order of the fractions is not part of the contract
    return calls.stream().map(c -> c.startsWith("prediction:{martensite=0.3, ferrite=0.7}")
        ? "prediction:{ferrite=0.7, martensite=0.3}" : c).toList();
  }

  /**
   * Replays a history recorded with this workflow's first version (committed under
   * src/test/resources/histories): a code change that breaks determinism for running workflows
   * fails here. Set -Dalloyflow.recordHistories=true to re-record after an intended, versioned change.
   */
  @Test
  void replaysRecordedHistories() throws Exception {
    Path dir = Path.of("src/test/resources/histories");
    if (Boolean.getBoolean("alloyflow.recordHistories")) {
      stub("replay-full").analyze(new AnalysisRequest("s1", Map.of(), "dp-steel", MICRO, EDS,
          "spectrum", "otsu", 2, 0, List.of(rec("ingest-micrograph"))));
      stub("replay-no-prediction").analyze(new AnalysisRequest("s1", Map.of(), "unknown", MICRO, null,
          null, "otsu", 2, 0, List.of()));
      stub("replay-v3-submitted").analyze(submitted("replay-v3-submitted", "dp.tif", "otsu", 2));
      stub("replay-v3-spectrum-image").analyze(new AnalysisRequest("s1", Map.of(), "dp-steel", MICRO, EDS,
          "spectrumImage", "otsu", 2, 0, List.of()));
      stub("replay-v4-fracture-strain").analyze(new AnalysisRequest("s1", Map.of(), "dp-steel", MICRO, EDS,
          "spectrum", "otsu", 2, 0, List.of()));
      Files.createDirectories(dir);
      for (String id : List.of("replay-full", "replay-no-prediction", "replay-v3-submitted",
          "replay-v3-spectrum-image", "replay-v4-fracture-strain")) {
        // a history already recorded stays: it is the record of an older version
        if (!Files.exists(dir.resolve(id + ".json"))) {
          Files.writeString(dir.resolve(id + ".json"),
              env.getWorkflowClient().fetchHistory(id).toJson(true));
        }
      }
    }
    try (var files = Files.list(dir)) {
      List<Path> histories = files.filter(f -> f.getFileName().toString().startsWith("replay-")
          && f.toString().endsWith(".json")).sorted().toList();
      // two histories of the first version (sequential, no ledger), two of the third (ledger,
      // ingest, parallel segmentation and EDS, spectrum-image fusion) and one of the fourth
      // (fracture strain from the phase map)
      assertEquals(5, histories.size(), "recorded histories in " + dir.toAbsolutePath());
      for (Path h : histories) {
        WorkflowReplayer.replayWorkflowExecution(Files.readString(h), AnalysisWorkflowImpl.class);
      }
    }
  }

  @Test
  void segmentationEdsAndSpectrumImageFusionRunInParallelAndAreRecordedInAFixedOrder() {
    AnalysisResult r = stub("si1").analyze(new AnalysisRequest("s1", Map.of(), "dp-steel", MICRO, EDS,
        "spectrumImage", "otsu", 2, 0, List.of()));
    assertEquals(java.util.Set.of("segmentation:otsu:2", "eds:spectrumImage", "fusion-spectrum-image:dp-steel"),
        java.util.Set.copyOf(calls.subList(0, 3)));
    assertTrue(calls.get(3).startsWith("fusion:"), calls.toString());
    assertEquals(0.2, r.spectrumImageFusion().rmsResidualPx());
    assertEquals(List.of("segmentation", "eds", "fusion-spectrum-image", "fusion", "prediction",
            "model-training", "fracture-strain-prediction"),
        recorded.get(0).activities().stream().map(ActivityRecord::step).toList());
  }

  @Test
  void aSpectrumImageThatCannotBeFusedLeavesTheAnalysisToFinishWithoutIt() {
    AnalysisResult r = stub("si2").analyze(new AnalysisRequest("s1", Map.of(), "unregistrable", MICRO, EDS,
        "spectrumImage", "otsu", 2, 0, List.of()));
    assertNull(r.spectrumImageFusion());
    assertEquals(List.of("segmentation", "eds", "fusion"),
        recorded.get(0).activities().stream().map(ActivityRecord::step).toList());
  }

  @Test
  void writesProvenanceBeforeEachNextStep() {
    stub("a5").analyze(new AnalysisRequest("s1", Map.of(), "dp-steel", MICRO, EDS,
        "spectrum", "otsu", 2, 0, List.of(rec("ingest-micrograph"))));
    // segmentation and EDS run in parallel, so they are written together before fusion
    assertEquals(List.of(List.of("ingest-micrograph"),
            List.of("ingest-micrograph", "segmentation", "eds"),
            List.of("ingest-micrograph", "segmentation", "eds", "fusion")),
        stepWrites.stream().map(p -> p.activities().stream().map(ActivityRecord::step).toList()).toList());
    assertEquals("COMPLETED", recorded.get(0).status());
  }

  @Test
  void aFailedStepIsRecordedAsFailedWithItsReason() {
    WorkflowFailedException e = assertThrows(WorkflowFailedException.class, () ->
        stub("a6").analyze(new AnalysisRequest("s1", Map.of(), "broken", MICRO, null, null, "otsu", 2, 0, List.of())));
    assertTrue(AnalysisRunner.describe(e).contains("differ in size"), AnalysisRunner.describe(e));
    assertEquals(1, recorded.size());
    AnalysisProvenance failed = recorded.get(0);
    assertEquals("FAILED", failed.status());
    assertEquals("fusion", failed.failedStep());
    assertEquals("fusion: phase map and micrograph differ in size", failed.failureReason());
    assertEquals(List.of("segmentation"), failed.activities().stream().map(ActivityRecord::step).toList());
  }

  @Test
  void skipsEdsWhenThereIsNone() {
    AnalysisResult r = stub("a2").analyze(new AnalysisRequest("s1", Map.of(), "dp-steel", MICRO, null,
        null, "otsu", 2, 0, List.of()));
    assertNull(r.eds());
    assertTrue(calls.stream().noneMatch(c -> c.startsWith("eds")));
    assertTrue(calls.contains("fusion:[]"));
  }

  @Test
  void noPhaseLibraryMeansNoPredictionButAFinishedAnalysis() {
    AnalysisResult r = stub("a3").analyze(new AnalysisRequest("s1", Map.of(), "unknown", MICRO, null,
        null, "otsu", 2, 0, List.of()));
    assertNull(r.prediction());
    assertTrue(r.predictionUnavailable().contains("no phase hardness library"), r.predictionUnavailable());
    assertEquals("unknown", alloySystemSeenByPrediction);
    assertNull(r.imagePrediction(), "no image model for an unknown alloy system");
    assertTrue(calls.stream().noneMatch(c -> c.startsWith("fracture-strain")), calls.toString());
    assertEquals(List.of("segmentation", "fusion"),
        recorded.get(0).activities().stream().map(ActivityRecord::step).toList());
  }

  @Test
  void aFailedFractureStrainPredictionLeavesTheAnalysisFinishedWithTheReason() {
    imagePredictionFails = true;
    AnalysisResult r = stub("fs1").analyze(new AnalysisRequest("s1", Map.of(), "dp-steel", MICRO, null,
        null, "otsu", 2, 0, List.of()));
    assertEquals(250, r.prediction().mean());
    assertTrue(!r.imagePrediction().available()
        && r.imagePrediction().unavailableReason().contains("model file damaged"),
        r.imagePrediction().unavailableReason());
    assertEquals(List.of("segmentation", "fusion", "prediction"),
        recorded.get(0).activities().stream().map(ActivityRecord::step).toList());
    assertEquals(List.of("RUNNING", "COMPLETED"), outcomes);
  }

  @Test
  void missingSampleIdIsANonRetryableBadInput() {
    WorkflowFailedException e = assertThrows(WorkflowFailedException.class, () ->
        stub("a4").analyze(new AnalysisRequest(" ", Map.of(), "dp-steel", MICRO, null, null, "otsu", 2, 0, List.of())));
    assertTrue(AnalysisRunner.describe(e).contains("sample id"), AnalysisRunner.describe(e));
    assertTrue(calls.isEmpty(), "no service activity may run on bad input: " + calls);
    assertEquals(2, outcomes.size(), outcomes.toString());
    assertTrue(outcomes.get(1).startsWith("FAILED:an analysis needs a sample id"), outcomes.toString());
  }
}
