package io.alloyflow.workflows.distributed;

import io.alloyflow.core.io.EmsaIO;
import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.synthetic.SyntheticWorld;
import io.alloyflow.workflows.analysis.AnalysisRequest;
import io.alloyflow.workflows.analysis.AnalysisWorkflow;
import io.alloyflow.workflows.embedded.AlloyflowStack;
import io.alloyflow.workflows.embedded.StackSettings;
import io.alloyflow.workflows.ingest.IngestRequest;
import io.alloyflow.workflows.ingest.InputSource;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Orchestration overhead of the analysis workflow (bench, not a test): the embedded stack in this
 * JVM (Temporal service on a loopback port, Neo4j child process, every worker), N analyses of a
 * 256 x 256 dual-phase micrograph with a bulk EDS spectrum one after the other, then N more with C
 * at once. From each workflow's Temporal history: the analysis latency (workflow started to
 * completed), every activity's own time (started to completed), its dispatch time (scheduled to
 * started), and the workflow time during which no activity ran (the orchestration overhead:
 * workflow tasks, event persistence, polling), also per activity executed. Usage: {@code
 * OrchestrationOverheadBench N C DIR}; run by {@code bench/distributed/run_overhead.sh}.
 */
public final class OrchestrationOverheadBench {
  private OrchestrationOverheadBench() {}

  record Activity(String type, long scheduled, long started, long completed) {}

  record Run(String id, long clientMs, long workflowMs, List<Activity> activities, long uncoveredMs) {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int c = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    Path dir = Path.of(args.length > 2 ? args[2] : "target/overhead-bench").toAbsolutePath();
    Path lab = dir.resolve("lab");
    Files.createDirectories(lab);
    MicrographIO.writeTiff(SyntheticWorld.dualPhaseSteel(21, 256, 0.25e-6).bse(), lab.resolve("dp.tif"));
    EmsaIO.write(SyntheticWorld.simulateSpectrum(Map.of("Fe", 0.98, "C", 0.02), 20, 60, 1, 5), lab.resolve("fe.msa"));
    String root = System.getProperty("alloyflow.repoRoot");
    try (AlloyflowStack stack = AlloyflowStack.start(new StackSettings(dir.resolve("data-" + System.nanoTime()),
        null, null, null, root == null ? null : Path.of(root)).withDataRoots(List.of(lab)), m -> { }).startWorkers()) {
      for (int i = 0; i < 2; i++) {
        analyse(stack, "analysis-warm-" + i); // JIT, Neo4j page cache
      }
      List<Run> sequential = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        sequential.add(analyse(stack, "analysis-seq-" + i));
      }
      report("sequential (1 at a time)", sequential);
      ExecutorService pool = Executors.newFixedThreadPool(c);
      List<Future<Run>> futures = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        String id = "analysis-par-" + i;
        futures.add(pool.submit(() -> analyse(stack, id)));
      }
      List<Run> parallel = new ArrayList<>();
      for (Future<Run> f : futures) {
        parallel.add(f.get(30, TimeUnit.MINUTES));
      }
      double wall = (System.nanoTime() - t0) / 1e9;
      pool.shutdown();
      report(c + " at once", parallel);
      System.out.printf(Locale.ROOT, "  throughput %.2f analyses/s (%d in %.1f s)%n", n / wall, n, wall);
    }
  }

  static Run analyse(AlloyflowStack stack, String id) throws Exception {
    WorkflowClient client = stack.client();
    Path lab = stack.dataRoots().roots().get(0);
    AnalysisRequest req = new AnalysisRequest(id, Map.of("source", "dp.tif"), "dp-steel", null, null, null, "otsu", 2,
        2.0, List.of(), null, new IngestRequest(id, InputSource.ofPath(lab.resolve("dp.tif")),
            InputSource.ofPath(lab.resolve("fe.msa")), Double.NaN));
    AnalysisWorkflow wf = client.newWorkflowStub(AnalysisWorkflow.class, WorkflowOptions.newBuilder()
        .setTaskQueue(AnalysisWorkflow.TASK_QUEUE).setWorkflowId(id).build());
    long t0 = System.nanoTime();
    WorkflowClient.start(wf::analyze, req);
    WorkflowStub.fromTyped(wf).getResult(30, TimeUnit.MINUTES, io.alloyflow.workflows.analysis.AnalysisResult.class);
    long clientMs = (System.nanoTime() - t0) / 1_000_000;
    WorkflowExecutionHistory h = client.fetchHistory(id);
    long wfStart = 0;
    long wfEnd = 0;
    Map<Long, HistoryEvent> scheduled = new TreeMap<>();
    Map<Long, Long> startedAt = new TreeMap<>();
    List<Activity> acts = new ArrayList<>();
    for (HistoryEvent e : h.getEvents()) {
      long t = e.getEventTime().getSeconds() * 1000 + e.getEventTime().getNanos() / 1_000_000;
      if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED) {
        wfStart = t;
      } else if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED) {
        wfEnd = t;
      } else if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
        scheduled.put(e.getEventId(), e);
      } else if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
        startedAt.put(e.getActivityTaskStartedEventAttributes().getScheduledEventId(), t);
      } else if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
        long sid = e.getActivityTaskCompletedEventAttributes().getScheduledEventId();
        HistoryEvent s = scheduled.get(sid);
        long st = s.getEventTime().getSeconds() * 1000 + s.getEventTime().getNanos() / 1_000_000;
        acts.add(new Activity(s.getActivityTaskScheduledEventAttributes().getActivityType().getName(), st,
            startedAt.getOrDefault(sid, st), t));
      }
    }
    // workflow time during which no activity executed (union of [started, completed] removed)
    List<long[]> iv = new ArrayList<>();
    for (Activity a : acts) {
      iv.add(new long[] {a.started(), a.completed()});
    }
    iv.sort((x, y) -> Long.compare(x[0], y[0]));
    long covered = 0;
    long curS = -1;
    long curE = -1;
    for (long[] v : iv) {
      if (v[0] > curE) {
        covered += Math.max(0, curE - curS);
        curS = v[0];
        curE = v[1];
      } else {
        curE = Math.max(curE, v[1]);
      }
    }
    covered += Math.max(0, curE - curS);
    return new Run(id, clientMs, wfEnd - wfStart, acts, (wfEnd - wfStart) - covered);
  }

  static double pct(List<Long> v, double p) {
    List<Long> s = new ArrayList<>(v);
    Collections.sort(s);
    return s.get(Math.min(s.size() - 1, (int) Math.ceil(p * s.size()) - 1));
  }

  static void report(String label, List<Run> runs) {
    List<Long> client = runs.stream().map(Run::clientMs).toList();
    List<Long> wf = runs.stream().map(Run::workflowMs).toList();
    List<Long> over = runs.stream().map(Run::uncoveredMs).toList();
    double perAct = runs.stream().mapToDouble(r -> r.uncoveredMs() / (double) r.activities().size()).average().orElse(0);
    double acts = runs.stream().mapToInt(r -> r.activities().size()).average().orElse(0);
    System.out.printf(Locale.ROOT, "%s, %d analyses:%n", label, runs.size());
    System.out.printf(Locale.ROOT, "  client latency p50 %.0f ms, p95 %.0f ms; workflow p50 %.0f ms, p95 %.0f ms%n",
        pct(client, 0.5), pct(client, 0.95), pct(wf, 0.5), pct(wf, 0.95));
    System.out.printf(Locale.ROOT, "  no activity running: p50 %.0f ms, p95 %.0f ms per analysis; %.1f activities per"
        + " analysis; %.1f ms per activity%n", pct(over, 0.5), pct(over, 0.95), acts, perAct);
    Map<String, List<Activity>> byType = new TreeMap<>();
    for (Run r : runs) {
      for (Activity a : r.activities()) {
        byType.computeIfAbsent(a.type(), k -> new ArrayList<>()).add(a);
      }
    }
    System.out.printf(Locale.ROOT, "  %-28s %5s %12s %12s %14s%n", "activity", "n", "own p50 ms", "own p95 ms",
        "dispatch p50 ms");
    for (Map.Entry<String, List<Activity>> e : byType.entrySet()) {
      List<Long> own = e.getValue().stream().map(a -> a.completed() - a.started()).toList();
      List<Long> disp = e.getValue().stream().map(a -> a.started() - a.scheduled()).toList();
      System.out.printf(Locale.ROOT, "  %-28s %5d %12.0f %12.0f %14.0f%n", e.getKey(), e.getValue().size(),
          pct(own, 0.5), pct(own, 0.95), pct(disp, 0.5));
    }
  }
}
