package io.alloyflow.workflows.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.prediction.api.PropertyPrediction;
import io.alloyflow.segmentation.api.SegmentPhasesResult;
import io.alloyflow.workflows.analysis.AnalysisRequest;
import io.alloyflow.workflows.analysis.AnalysisResult;
import io.alloyflow.workflows.analysis.AnalysisWorkflow;
import io.alloyflow.workflows.analysis.AnalysisWorkflowImpl;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The batch workflow with a stand-in analysis child (the analysis itself is tested by the analysis
 * and end-to-end tests): bounded parallelism, continue-as-new, per-item failures with their
 * reasons, batch order, no item analysed twice, and the progress query.
 */
class BatchAnalysisWorkflowTest {
  static final AtomicInteger RUNNING = new AtomicInteger();
  static final AtomicInteger MAX_RUNNING = new AtomicInteger();
  static final Set<String> ANALYSED = ConcurrentHashMap.newKeySet();
  static final AtomicInteger ANALYSES = new AtomicInteger();
  TestWorkflowEnvironment env;
  io.alloyflow.workflows.MemoryGraph graph;

  /** The stand-in analysis' work: counts how many run at once. */
  @ActivityInterface
  public interface Work {
    double work(String sampleId);
  }

  public static class WorkImpl implements Work {
    @Override
    public double work(String sampleId) {
      int now = RUNNING.incrementAndGet();
      MAX_RUNNING.accumulateAndGet(now, Math::max);
      ANALYSED.add(sampleId);
      ANALYSES.incrementAndGet();
      try {
        Thread.sleep(40);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      RUNNING.decrementAndGet();
      return sampleId.hashCode() % 100 / 1000.0 + 0.3;
    }
  }

  /** Stand-in analysis: a file named bad* fails as the ingest step fails on a broken file. */
  public static class StandInAnalysis implements AnalysisWorkflow {
    @Override
    public AnalysisResult analyze(AnalysisRequest r) {
      if (r.pending().micrograph().fileName().startsWith("bad")) {
        throw ApplicationFailure.newNonRetryableFailure(
            "micrographPath: " + r.pending().micrograph().fileName() + " is not a TIFF or PNG image",
            AnalysisWorkflowImpl.BAD_INPUT);
      }
      double f = Workflow.newActivityStub(Work.class, ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30)).build()).work(r.sampleId());
      SegmentPhasesResult seg = new SegmentPhasesResult(null, null, null, List.of("ferrite", "martensite"),
          Map.of("ferrite", 1 - f, "martensite", f), Map.of(), null);
      PropertyPrediction p = new PropertyPrediction("hardness", "HV", 200 + 100 * f, 10, 10, 0, 180, 240, "m",
          "stand-in", Map.of(), 200, null, null, null, null, "");
      return new AnalysisResult(Workflow.getInfo().getWorkflowId(), "run", seg, null, null, p, "", null);
    }

    @Override
    public String currentStep() {
      return "done";
    }
  }

  @BeforeEach
  void setUp() {
    RUNNING.set(0);
    MAX_RUNNING.set(0);
    ANALYSED.clear();
    ANALYSES.set(0);
    env = TestWorkflowEnvironment.newInstance();
    var w = env.newWorker(BatchAnalysisWorkflow.TASK_QUEUE);
    w.registerWorkflowImplementationTypes(BatchAnalysisWorkflowImpl.class, StandInAnalysis.class);
    w.registerActivitiesImplementations(new WorkImpl());
    graph = new io.alloyflow.workflows.MemoryGraph().register(env);
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  static List<BatchItem> items(int n, Set<Integer> bad) {
    List<BatchItem> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String name = (bad.contains(i) ? "bad-" : "tile-") + i + ".tif";
      items.add(new BatchItem("s" + i, "/lab/run/" + name));
    }
    return items;
  }

  BatchAnalysisWorkflow stub(String id) {
    return env.getWorkflowClient().newWorkflowStub(BatchAnalysisWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(BatchAnalysisWorkflow.TASK_QUEUE).setWorkflowId(id).build());
  }

  @Test
  void twentyFiveItemsTwoBadRunAtMostThreeAtOnceAcrossThreeRunsAndReportEachOutcome() {
    BatchRequest req = new BatchRequest("batch-t1", items(25, Set.of(4, 17)), "dp-steel", "otsu", 2, Double.NaN,
        3, 10);
    BatchProgress p = stub("batch-t1").run(req, null);
    assertEquals(25, p.total());
    assertEquals(23, p.completed());
    assertEquals(2, p.failed());
    assertEquals(0, p.running());
    assertEquals(3, p.runs(), "10 items per run: 3 runs for 25 items");
    assertEquals("DONE", p.status());
    assertEquals(25, p.items().size());
    for (int i = 0; i < 25; i++) {
      BatchItemResult r = p.items().get(i);
      assertEquals(i, r.index(), "batch order");
      assertEquals("s" + i, r.sampleId());
      assertEquals("analysis-batch-t1-" + String.format("%05d", i + 1), r.analysisId());
      if (i == 4 || i == 17) {
        assertEquals(BatchItemResult.FAILED, r.status());
        assertTrue(r.error().contains("bad-" + i + ".tif is not a TIFF or PNG image"), r.error());
        assertTrue(r.phaseFractions().isEmpty());
      } else {
        assertEquals(BatchItemResult.COMPLETED, r.status(), r.error());
        assertEquals(1.0, r.phaseFractions().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-12);
        assertEquals("hardness", r.prediction());
        assertTrue(r.predictionMean() > 200, String.valueOf(r.predictionMean()));
      }
    }
    assertTrue(MAX_RUNNING.get() <= 3, "at most 3 at once, saw " + MAX_RUNNING.get());
    assertTrue(MAX_RUNNING.get() >= 2, "analyses ran in parallel, saw at most " + MAX_RUNNING.get());
    assertEquals(23, ANALYSES.get(), "every good item analysed exactly once");
    assertEquals(23, ANALYSED.size());
    // the batch wrote its result into the submission ledger before it completed (a restart right
    // after the end reads it back instead of running the batch again)
    BatchProgress recorded = io.alloyflow.workflows.ledger.WorkflowLedger.fromJson(
        graph.results.get("batch-t1"), BatchProgress.class);
    assertEquals(p.completed(), recorded.completed());
    assertEquals(p.failed(), recorded.failed());
    assertEquals(p.items().stream().map(BatchItemResult::analysisId).toList(),
        recorded.items().stream().map(BatchItemResult::analysisId).toList());
    assertEquals(p.items().get(4).error(), recorded.items().get(4).error());
  }

  @Test
  void progressIsQueryableWhileTheBatchRuns() throws Exception {
    BatchRequest req = new BatchRequest("batch-t2", items(12, Set.of(1)), "dp-steel", "otsu", 2, Double.NaN, 2,
        100);
    BatchAnalysisWorkflow b = stub("batch-t2");
    WorkflowClient.start(b::run, req, null);
    BatchAnalysisWorkflow q = env.getWorkflowClient().newWorkflowStub(BatchAnalysisWorkflow.class, "batch-t2");
    int seenRunning = 0;
    BatchProgress p = q.progress();
    for (int i = 0; i < 200 && !p.status().equals("DONE"); i++) {
      assertTrue(p.running() <= 2, "running " + p.running());
      assertTrue(p.completed() + p.failed() + p.running() <= 12);
      if (p.status().equals("RUNNING") && p.completed() + p.failed() < 12) {
        seenRunning++;
      }
      Thread.sleep(20);
      p = q.progress();
    }
    BatchProgress end = WorkflowStub.fromTyped(q).getResult(BatchProgress.class);
    assertEquals(11, end.completed());
    assertEquals(1, end.failed());
    assertTrue(seenRunning > 0, "the query answered while the batch ran");
  }

  @Test
  void badRequestsAreRefusedWithTheirReason() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new BatchRequest("batch-x", List.of(), "dp-steel", "otsu", 2, Double.NaN, 3, 10));
    assertTrue(e.getMessage().contains("1..2000 micrographs"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new BatchRequest("batch-x", items(2, Set.of()), "dp-steel", "otsu", 2, Double.NaN, 65, 10));
    assertTrue(e.getMessage().contains("maxParallel must be 1..64"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new BatchItem("bad id", "/x.tif"));
    assertTrue(e.getMessage().contains("sampleId"), e.getMessage());
  }

  /**
   * Replays a recorded batch history (src/test/resources/histories/batch-v1.json: 6 items, one
   * bad, 2 at once); record it with -Dalloyflow.recordHistories=true when missing.
   */
  @Test
  void replaysARecordedHistory() throws Exception {
    java.nio.file.Path file = java.nio.file.Path.of("src/test/resources/histories/batch-v1.json");
    if (Boolean.getBoolean("alloyflow.recordHistories") && !java.nio.file.Files.exists(file)) {
      stub("batch-replay").run(new BatchRequest("batch-replay", items(6, Set.of(2)), "dp-steel", "otsu", 2,
          Double.NaN, 2, 100), null);
      java.nio.file.Files.writeString(file, env.getWorkflowClient().fetchHistory("batch-replay").toJson(true));
    }
    assertTrue(java.nio.file.Files.exists(file), "recorded history " + file.toAbsolutePath());
    io.alloyflow.workflows.Replay.replay(java.nio.file.Files.readString(file), BatchAnalysisWorkflowImpl.class);
  }
}
