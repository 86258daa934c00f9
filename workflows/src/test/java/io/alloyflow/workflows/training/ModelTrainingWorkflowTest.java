package io.alloyflow.workflows.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.workflows.MemoryGraph;
import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.store.FileSystemArtifactStore;
import io.alloyflow.graph.AnalysisProvenance;
import io.alloyflow.graph.GraphCounts;
import io.alloyflow.prediction.activity.ModelTrainingActivitiesImpl;
import io.alloyflow.prediction.api.PredictionActivities;
import io.alloyflow.prediction.registry.ModelRegistry;
import io.alloyflow.prediction.trained.Training;
import io.alloyflow.workflows.analysis.AnalysisWorkflow;
import io.alloyflow.workflows.ingest.DataRoots;
import io.alloyflow.workflows.ingest.IngestActivities;
import io.alloyflow.workflows.provenance.ProvenanceActivities;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model-training workflow with the real staging and training activities (a tiny ensemble on a
 * small synthetic table): the model is trained, registered as current and recorded with the
 * training table's hash; a bad path fails at once; a cancelled training registers nothing; a
 * recorded history replays.
 */
public class ModelTrainingWorkflowTest {
  MemoryGraph graph;
  @TempDir Path tmp;
  Path data;
  ModelRegistry registry;
  TestWorkflowEnvironment env;

  /** A table in the MPEA layout whose hardness grows with aluminium (30 rows, 3 per alloy). */
  public static void table(Path file) throws Exception {
    SplittableRandom r = new SplittableRandom(3);
    List<String> lines = new ArrayList<>();
    lines.add("FORMULA,PROPERTY: Processing method,PROPERTY: Microstructure,PROPERTY: HV");
    for (int a = 0; a < 10; a++) {
      double al = 0.1 + 0.1 * a;
      String f = String.format(Locale.ROOT, "Al%.2f Co1 Cr1 Fe1 Ni%.2f", al, r.nextDouble(0.8, 1.2));
      for (int k = 0; k < 3; k++) {
        lines.add(f + ",CAST,BCC," + String.format(Locale.ROOT, "%.1f",
            150 + 350 * al + r.nextDouble(-10, 10)));
      }
    }
    Files.write(file, lines);
  }

  @BeforeEach
  void setUp() throws Exception {
    data = Files.createDirectories(tmp.resolve("lab")).toRealPath();
    table(data.resolve("hv.csv"));
    FileSystemArtifactStore store = new FileSystemArtifactStore(tmp.resolve("store"));
    registry = new ModelRegistry(store, tmp.resolve("registry/index.json"), tmp.resolve("none"));
    env = TestWorkflowEnvironment.newInstance();
    env.newWorker(AnalysisWorkflow.TASK_QUEUE)
        .registerWorkflowImplementationTypes(ModelTrainingWorkflowImpl.class);
    env.newWorker(IngestActivities.TASK_QUEUE).registerActivitiesImplementations(
        new TrainingDataActivitiesImpl(store, new DataRoots(List.of(data)), 1 << 20));
    env.newWorker(PredictionActivities.TASK_QUEUE).registerActivitiesImplementations(
        new ModelTrainingActivitiesImpl(store, () -> registry));
    graph = new MemoryGraph().register(env);
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  ModelTrainingWorkflow stub(String id) {
    return env.getWorkflowClient().newWorkflowStub(ModelTrainingWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(ModelTrainingWorkflow.TASK_QUEUE)
            .setWorkflowId(id).build());
  }

  ModelTrainingWorkflow running(String id) {
    return env.getWorkflowClient().newWorkflowStub(ModelTrainingWorkflow.class, id);
  }

  @Test
  void trainsRegistersAndRecordsTheModelWithItsTrainingDataHash() throws Exception {
    ModelTrainingResult r = stub("training-t1").train(new ModelTrainingRequest("training-t1",
        "hardness", "hv.csv", 1, 30, 2, 7, true));
    String sha = Training.sha256(data.resolve("hv.csv"));
    assertEquals(sha, r.model().trainingDataSha256());
    assertTrue(r.model().registered());
    assertTrue(r.model().version().startsWith("hardness-"), r.model().version());
    assertEquals(r.model().version(), registry.read().current().get("hardness"));
    AnalysisProvenance p = graph.records.get(graph.records.size() - 1);
    assertEquals("COMPLETED", p.status());
    assertEquals(List.of("stage-training-data", "train-model"),
        p.activities().stream().map(ActivityRecord::step).toList());
    ActivityRecord train = p.activities().get(1);
    assertEquals(sha, train.used().get(0).ref().sha256(), "model <- training data, by hash");
    assertEquals("Model", train.generated().get(0).kind());
    assertEquals(r.model().model().sha256(), train.generated().get(0).ref().sha256());
    assertEquals("done", running("training-t1").progress());
    // a path outside the data roots fails at once, not retried
    WorkflowFailedException e = assertThrows(WorkflowFailedException.class,
        () -> stub("training-bad").train(new ModelTrainingRequest("training-bad", "hardness",
            "../etc/passwd", 1, 5, 2, 7, false)));
    assertTrue(String.valueOf(e.getCause().getCause().getMessage()).contains("dataPath"),
        String.valueOf(e.getCause().getCause()));
  }

  @Test
  void aCancelledTrainingRegistersNothing() throws Exception {
    ModelTrainingWorkflow wf = stub("training-c1");
    WorkflowClient.start(wf::train, new ModelTrainingRequest("training-c1", "hardness", "hv.csv",
        3, 3000, 2, 7, true));
    for (int i = 0; i < 600 && !"training".equals(running("training-c1").progress()); i++) {
      Thread.sleep(100);
    }
    assertEquals("training", running("training-c1").progress());
    WorkflowStub.fromTyped(running("training-c1")).cancel();
    WorkflowFailedException e = assertThrows(WorkflowFailedException.class,
        () -> WorkflowStub.fromTyped(running("training-c1")).getResult(ModelTrainingResult.class));
    assertTrue(e.getCause() instanceof CanceledFailure, String.valueOf(e.getCause()));
    assertFalse(registry.read().current().containsKey("hardness"), "nothing registered");
    assertTrue(graph.records.isEmpty(), "nothing recorded");
  }

  /**
   * Replays a recorded training history (src/test/resources/histories/training-v1.json); record
   * it with -Dalloyflow.recordHistories=true when missing.
   */
  @Test
  void replaysARecordedHistory() throws Exception {
    Path file = Path.of("src/test/resources/histories/training-v1.json");
    if (Boolean.getBoolean("alloyflow.recordHistories") && !Files.exists(file)) {
      stub("training-replay").train(new ModelTrainingRequest("training-replay", "hardness",
          "hv.csv", 1, 10, 2, 7, false));
      Files.writeString(file, env.getWorkflowClient().fetchHistory("training-replay").toJson(true));
    }
    assertTrue(Files.exists(file), "recorded history " + file.toAbsolutePath());
    io.alloyflow.workflows.Replay.replay(Files.readString(file), ModelTrainingWorkflowImpl.class);
  }
}
