package io.alloyflow.workflows.candidate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.io.ArrowIO;
import io.alloyflow.core.io.EmsaIO;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.store.FileSystemArtifactStore;
import io.alloyflow.eds.api.EdsSpectrumResult;
import io.alloyflow.prediction.api.PropertyPrediction;
import io.alloyflow.segmentation.api.SegmentPhasesResult;
import io.alloyflow.synthetic.mpea.MpeaHardness;
import io.alloyflow.workflows.analysis.AnalysisRequest;
import io.alloyflow.workflows.analysis.AnalysisResult;
import io.alloyflow.workflows.analysis.AnalysisWorkflow;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Candidate evaluation with the real synthesis activity and a stand-in analysis child that checks
 * what it was given (the analysis itself is tested by the analysis tests and the end-to-end test).
 */
class CandidateEvaluationWorkflowTest {
  @TempDir Path tmp;
  TestWorkflowEnvironment env;
  io.alloyflow.workflows.MemoryGraph graph;
  static FileSystemArtifactStore store;
  static AnalysisRequest seen;

  /** Stand-in analysis: reads back the synthetic micrograph and spectrum from the store. */
  public static class StandInAnalysis implements AnalysisWorkflow {
    @Override
    public AnalysisResult analyze(AnalysisRequest r) {
      seen = r;
      try {
        Micrograph m = ArrowIO.micrographFromArrow(Files.readAllBytes(store.localPath(r.micrograph())));
        double counts = EmsaIO.read(store.localPath(r.eds())).channels();
        PropertyPrediction p = new PropertyPrediction("hardness", "HV", 300, 20, 20, 0, 261, 339, "m@1",
            "stand-in", Map.of("Al", 40.0), 260, null, null, null, null, "");
        SegmentPhasesResult seg = new SegmentPhasesResult(r.micrograph(), r.micrograph(), r.micrograph(),
            List.of("FCC", "BCC"), Map.of("size", (double) m.width(), "channels", counts), Map.of(), r.ingest().get(0));
        return new AnalysisResult("analysis-" + r.sampleId(), "run", seg,
            new EdsSpectrumResult(r.eds(), 0, 10, List.of(), r.ingest().get(0)), null, p, "", null);
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String currentStep() {
      return "done";
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    store = new FileSystemArtifactStore(tmp.resolve("store"));
    env = TestWorkflowEnvironment.newInstance();
    env.newWorker(CandidateEvaluationWorkflow.TASK_QUEUE).registerWorkflowImplementationTypes(
        CandidateEvaluationWorkflowImpl.class, StandInAnalysis.class);
    env.newWorker(CandidateActivities.TASK_QUEUE).registerActivitiesImplementations(new CandidateActivitiesImpl(store));
    graph = new io.alloyflow.workflows.MemoryGraph().register(env);
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  CandidateEvaluationWorkflow stub(String id) {
    return env.getWorkflowClient().newWorkflowStub(CandidateEvaluationWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(CandidateEvaluationWorkflow.TASK_QUEUE).setWorkflowId(id).build());
  }

  @Test
  void aCandidateIsSynthesisedAnalysedAndPredictedWithItsTruth() {
    CandidateRequest r = new CandidateRequest("candidate-a07",
        Map.of("Al", 0.7, "Co", 1.0, "Cr", 1.0, "Fe", 1.0, "Ni", 1.0), 20, 96, 0.5, 3);
    CandidateResult res = stub("eval-a07").evaluate(r);
    assertEquals("analysis-candidate-a07", res.analysisId());
    assertEquals(96.0, res.phaseFractions().get("size"));
    assertTrue(res.phaseFractions().get("channels") > 100, "the stored spectrum has channels");
    assertEquals(MpeaHardness.hardnessHv(0.7, 20), res.truth().get("hardnessHv"), 1e-9);
    assertEquals(300, res.prediction().mean());
    ActivityRecord synth = seen.ingest().get(0);
    assertEquals("candidate-synthesis", synth.step());
    assertEquals(2, synth.generated().size());
    assertEquals("candidate-a07", seen.sampleId());
    // the result is in the submission ledger before the workflow completes
    CandidateResult recorded = io.alloyflow.workflows.ledger.WorkflowLedger.fromJson(
        graph.results.get("eval-a07"), CandidateResult.class);
    assertEquals(res.analysisId(), recorded.analysisId());
    assertEquals(res.prediction().mean(), recorded.prediction().mean());
    assertEquals(res.phaseFractions(), recorded.phaseFractions());
  }

  @Test
  void aCandidateOutsideTheSyntheticWorldIsRefusedWithItsReason() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CandidateRequest(
        "candidate-x", Map.of("Al", 1.5, "Co", 1.0, "Cr", 1.0, "Fe", 1.0, "Ni", 1.0), 20, 96, 0.5, 3));
    assertTrue(e.getMessage().contains("Al/Co must be within 0.2..1.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new CandidateRequest(
        "candidate-x", Map.of("Al", 0.5, "Ti", 1.0), 20, 96, 0.5, 3));
  }

  /**
   * Replays a recorded candidate history (src/test/resources/histories/candidate-v1.json); record
   * it with -Dalloyflow.recordHistories=true when missing.
   */
  @Test
  void replaysARecordedHistory() throws Exception {
    Path file = Path.of("src/test/resources/histories/candidate-v1.json");
    if (Boolean.getBoolean("alloyflow.recordHistories") && !Files.exists(file)) {
      stub("candidate-replay").evaluate(new CandidateRequest("candidate-replay",
          Map.of("Al", 0.5, "Co", 1.0, "Cr", 1.0, "Fe", 1.0, "Ni", 1.0), 30, 64, 0.5, 1));
      Files.writeString(file, env.getWorkflowClient().fetchHistory("candidate-replay").toJson(true));
    }
    assertTrue(Files.exists(file), "recorded history " + file.toAbsolutePath());
    io.alloyflow.workflows.Replay.replay(Files.readString(file), CandidateEvaluationWorkflowImpl.class);
  }
}
