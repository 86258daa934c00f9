package io.alloyflow.workflows.batch;

import io.alloyflow.workflows.analysis.AnalysisRequest;
import io.alloyflow.workflows.analysis.AnalysisResult;
import io.alloyflow.workflows.analysis.AnalysisWorkflow;
import io.alloyflow.workflows.ingest.IngestRequest;
import io.alloyflow.workflows.ingest.InputSource;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.alloyflow.workflows.ledger.SubmissionActivities;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Orchestration only: see {@link BatchAnalysisWorkflow}. Items start in order; while {@code
 * maxParallel} analyses run, the workflow waits until one ends. After {@code itemsPerRun} starts
 * (or a long history) it waits for the running ones and continues as new with the outcomes so far.
 * Child ids derive from the batch id and the item's index, so no item is analysed twice.
 */
public class BatchAnalysisWorkflowImpl implements BatchAnalysisWorkflow {
  /** Continue as new at this history length even before itemsPerRun starts. */
  static final int MAX_HISTORY_EVENTS = 10_000;

  private BatchRequest request;
  private final List<BatchItemResult> results = new ArrayList<>();
  private final Map<Integer, Promise<AnalysisResult>> running = new LinkedHashMap<>();
  private final Map<Integer, BatchItemResult> finished = new java.util.TreeMap<>();
  private int runs = 1;
  private boolean done;

  @Override
  public BatchProgress run(BatchRequest request, BatchState carried) {
    this.request = request;
    int next = 0;
    if (carried != null) {
      results.addAll(carried.results());
      next = carried.next();
      runs = carried.runs() + 1;
    }
    int startedThisRun = 0;
    while (next < request.items().size()) {
      if (startedThisRun >= request.itemsPerRun()
          || Workflow.getInfo().getHistoryLength() > MAX_HISTORY_EVENTS) {
        awaitAll();
        Workflow.continueAsNew(request, new BatchState(next, results, runs));
      }
      if (running.size() >= request.maxParallel()) {
        Workflow.await(() -> running.values().stream().anyMatch(Promise::isCompleted));
        collect();
      }
      start(next);
      next++;
      startedThisRun++;
    }
    awaitAll();
    done = true;
    BatchProgress end = progressOf(results, true);
    SubmissionActivities.recordFromWorkflow(end);
    return end;
  }

  private void start(int i) {
    BatchItem item = request.items().get(i);
    String id = request.analysisId(i);
    AnalysisWorkflow child = Workflow.newChildWorkflowStub(AnalysisWorkflow.class,
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(id)
            .setTaskQueue(AnalysisWorkflow.TASK_QUEUE)
            .setWorkflowExecutionTimeout(Duration.ofHours(2))
            .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .build());
    AnalysisRequest req = new AnalysisRequest(item.sampleId(),
        Map.of("source", item.fileName(), "batch", request.batchId()), request.alloySystem(), null, null, null,
        request.method(), request.classes(), 2.0, List.of(), null,
        new IngestRequest(id, new InputSource(item.path(), null, item.fileName()), null, request.pixelSizeUm()));
    running.put(i, Async.function(child::analyze, req));
  }

  /** Moves ended analyses from running to the outcomes, keeping batch order in the results. */
  private void collect() {
    List<Integer> ended = new ArrayList<>();
    for (Map.Entry<Integer, Promise<AnalysisResult>> e : running.entrySet()) {
      if (e.getValue().isCompleted()) {
        ended.add(e.getKey());
      }
    }
    for (int i : ended) {
      finished.put(i, outcome(i, running.remove(i)));
    }
    // results hold items 0..k-1 in order; an item that ended early waits for those before it
    while (finished.containsKey(results.size())) {
      results.add(finished.remove(results.size()));
    }
  }

  private void awaitAll() {
    Workflow.await(() -> running.values().stream().allMatch(Promise::isCompleted));
    collect();
  }

  private BatchItemResult outcome(int i, Promise<AnalysisResult> p) {
    BatchItem item = request.items().get(i);
    String id = request.analysisId(i);
    RuntimeException failure = p.getFailure();
    if (failure != null) {
      return new BatchItemResult(i, item.sampleId(), item.fileName(), id, BatchItemResult.FAILED,
          reason(failure), Map.of(), "", Double.NaN, Double.NaN);
    }
    AnalysisResult a = p.get();
    var pred = a.prediction();
    boolean has = pred != null && pred.available();
    return new BatchItemResult(i, item.sampleId(), item.fileName(), id, BatchItemResult.COMPLETED, "",
        a.segmentation().phaseFractions(), has ? pred.property() : "", has ? pred.mean() : Double.NaN,
        has ? pred.std() : Double.NaN);
  }

  /** The innermost application failure's own message: what went wrong with the item. */
  static String reason(Throwable t) {
    String msg = t.getMessage();
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ApplicationFailure af) {
        msg = af.getOriginalMessage();
      }
    }
    return msg == null ? t.getClass().getSimpleName() : msg;
  }

  private BatchProgress progressOf(List<BatchItemResult> items, boolean all) {
    int completed = 0;
    int failed = 0;
    List<BatchItemResult> shown = new ArrayList<>();
    List<BatchItemResult> every = new ArrayList<>(items);
    every.addAll(finished.values());
    for (BatchItemResult r : every) {
      if (r.status().equals(BatchItemResult.COMPLETED)) {
        completed++;
      } else {
        failed++;
      }
    }
    if (all) {
      shown = every;
    } else {
      List<BatchItemResult> ok = new ArrayList<>();
      for (BatchItemResult r : every) {
        if (r.status().equals(BatchItemResult.FAILED)) {
          shown.add(r);
        } else {
          ok.add(r);
        }
      }
      shown.addAll(ok.subList(Math.max(0, ok.size() - 20), ok.size()));
      shown.sort(java.util.Comparator.comparingInt(BatchItemResult::index));
    }
    return new BatchProgress(request.batchId(), done ? "DONE" : "RUNNING", request.items().size(), completed,
        failed, running.size(), runs, shown);
  }

  @Override
  public BatchProgress progress() {
    if (request == null) {
      return new BatchProgress("", "STARTING", 0, 0, 0, 0, runs, List.of());
    }
    return progressOf(results, false);
  }
}
