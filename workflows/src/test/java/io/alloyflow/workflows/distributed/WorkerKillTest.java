package io.alloyflow.workflows.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.synthetic.SyntheticWorld;
import io.alloyflow.workflows.analysis.AnalysisInputs;
import io.alloyflow.workflows.analysis.AnalysisRequest;
import io.alloyflow.workflows.analysis.AnalysisResult;
import io.alloyflow.workflows.analysis.AnalysisRunner;
import io.alloyflow.workflows.analysis.AnalysisWorkflow;
import io.alloyflow.workflows.embedded.AlloyflowStack;
import io.alloyflow.workflows.embedded.ServiceWorkers;
import io.alloyflow.workflows.embedded.StackSettings;
import io.alloyflow.workflows.ingest.Ingest;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;

/**
 * The distributed topology as separate processes on this machine: the test JVM holds Temporal,
 * Neo4j and every worker but segmentation; the segmentation worker runs as its own process
 * ({@code alloyflow worker --service segmentation}), as a container would. In the middle of a
 * segmentation the worker process gets SIGKILL and is started again; the analysis must complete,
 * once, with exactly one segmentation activity in the graph (its attempt number showing the retry).
 * {@code -Dalloyflow.workerKillRuns=N} repeats it (bench/distributed/run_worker_kill.sh runs 20).
 */
class WorkerKillTest {
  @TempDir Path tmp;

  @Test
  void segmentationWorkerKilledMidActivityIsRetriedOnItsSuccessorExactlyOnce() throws Exception {
    int runs = Integer.getInteger("alloyflow.workerKillRuns", 1);
    String root = System.getProperty("alloyflow.repoRoot");
    Path data = tmp.resolve("data");
    List<String> here = new ArrayList<>(ServiceWorkers.NAMES);
    here.remove("segmentation");
    try (AlloyflowStack stack = AlloyflowStack.start(
        new StackSettings(data, null, null, null, root == null ? null : Path.of(root)), m -> { })) {
      stack.startWorkers(here);
      WorkerProcess worker = new WorkerProcess(stack, data, tmp.resolve("worker.log")).start();
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporalTarget()).build());
      try {
        Path tif = tmp.resolve("large.tif");
        // large enough that k-means segmentation takes a few seconds on two cores
        MicrographIO.writeTiff(SyntheticWorld.dualPhaseSteel(41, 1536, 0.1e-6).bse(), tif);
        int killedMidActivity = 0;
        for (int run = 0; run < runs; run++) {
          String id = AnalysisRunner.newAnalysisId();
          AnalysisInputs in = Ingest.ingest(stack.store(), id, tif, Double.NaN, null);
          AnalysisWorkflow wf = AnalysisRunner.start(stack.client(), id, new AnalysisRequest(
              "kill-" + run, Map.of(), "dp-steel", in.micrographRef(), null, null, "kmeans", 2, 2.0,
              in.ingest()));
          boolean killed = false;
          long deadline = System.currentTimeMillis() + 120_000;
          while (!killed && System.currentTimeMillis() < deadline) {
            if (segmentationRunning(stubs, id)) {
              Thread.sleep(300); // well inside the computation
              worker.kill();
              killed = true;
            } else {
              Thread.sleep(50);
            }
          }
          assertTrue(killed, "run " + run + ": segmentation never started: " + worker.tail());
          worker.start();
          AnalysisResult r = WorkflowStub.fromTyped(wf).getResultAsync(AnalysisResult.class)
              .get(300, TimeUnit.SECONDS);
          assertTrue(r.graph().nodes() > 0, "run " + run);
          try (Session s = stack.graph().driver().session()) {
            List<Record> seg = s.run("MATCH (a:Activity)-[:PART_OF]->(:Analysis {key: $id}) "
                + "WHERE a.step = 'segmentation' RETURN a.attempt AS attempt", Map.of("id", id)).list();
            assertEquals(1, seg.size(), "run " + run + ": exactly one segmentation activity in the graph");
            long attempt = seg.get(0).get("attempt").asLong();
            if (attempt >= 2) {
              killedMidActivity++;
            }
            List<Record> analyses = s.run("MATCH (an:Analysis {key: $id}) RETURN an.status AS st",
                Map.of("id", id)).list();
            assertEquals(1, analyses.size());
            assertEquals("COMPLETED", analyses.get(0).get("st").asString());
          }
        }
        System.out.printf("worker kill: %d of %d runs completed exactly once; %d killed mid-activity%n",
            runs, runs, killedMidActivity);
        assertTrue(killedMidActivity >= Math.max(1, runs * 3 / 4),
            "the kill must have hit a running segmentation in most runs (" + killedMidActivity + " of " + runs + ")");
      } finally {
        worker.close();
        stubs.shutdownNow();
      }
    }
  }

  /** Whether the analysis' segmentation activity has been picked up by a worker and runs. */
  static boolean segmentationRunning(WorkflowServiceStubs stubs, String workflowId) {
    try {
      var d = stubs.blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
          .setNamespace("default")
          .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId).build()).build());
      for (PendingActivityInfo p : d.getPendingActivitiesList()) {
        if (p.getActivityType().getName().toLowerCase().contains("segment")
            && p.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED) {
          return true;
        }
      }
    } catch (RuntimeException e) {
      // not visible yet
    }
    return false;
  }

  /** {@code alloyflow worker --service segmentation} in a child JVM against the test's services. */
  static final class WorkerProcess implements AutoCloseable {
    private final AlloyflowStack stack;
    private final Path data;
    private final Path log;
    private Process process;

    WorkerProcess(AlloyflowStack stack, Path data, Path log) {
      this.stack = stack;
      this.data = data;
      this.log = log;
    }

    WorkerProcess start() throws Exception {
      String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      List<String> cmd = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx768m", "-XX:+UseSerialGC", "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "-Dai.djl.offline=true", "-cp", cp, "io.alloyflow.workflows.cli.AlloyflowCli",
          "worker", "--service", "segmentation", "--data-dir", data.toString()));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().put("ALLOYFLOW_TEMPORAL_TARGET", stack.temporalTarget());
      pb.environment().put("ALLOYFLOW_NEO4J_URI", stack.graphConfig().uri());
      pb.environment().put("ALLOYFLOW_NEO4J_USER", "neo4j");
      pb.environment().put("ALLOYFLOW_NEO4J_PASSWORD", stack.embeddedNeo4j().password());
      pb.environment().remove("ALLOYFLOW_S3_BUCKET");
      long before = Files.exists(log) ? Files.readAllLines(log).size() : 0;
      process = pb.start();
      long deadline = System.currentTimeMillis() + 180_000;
      while (System.currentTimeMillis() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("worker exited with " + process.exitValue() + ": " + tail());
        }
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        if (lines.stream().skip(before).anyMatch(l -> l.contains("polling"))) {
          return this;
        }
        Thread.sleep(200);
      }
      throw new IllegalStateException("worker did not start polling within 180 s: " + tail());
    }

    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor();
    }

    String tail() {
      try {
        List<String> l = Files.readAllLines(log);
        return String.join("\n", l.subList(Math.max(0, l.size() - 30), l.size()));
      } catch (Exception e) {
        return "(no log)";
      }
    }

    @Override
    public void close() throws InterruptedException {
      if (process != null && process.isAlive()) {
        kill();
      }
    }
  }
}
