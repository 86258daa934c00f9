package io.alloyflow.workflows.ledger;

import io.alloyflow.graph.AnalysisLedger;
import io.alloyflow.workflows.analysis.AnalysisSummary;
import io.alloyflow.workflows.batch.BatchAnalysisWorkflow;
import io.alloyflow.workflows.batch.BatchItem;
import io.alloyflow.workflows.batch.BatchItemResult;
import io.alloyflow.workflows.batch.BatchProgress;
import io.alloyflow.workflows.batch.BatchRequest;
import io.alloyflow.workflows.batch.BatchState;
import io.alloyflow.workflows.candidate.CandidateEvaluationWorkflow;
import io.alloyflow.workflows.candidate.CandidateRequest;
import io.alloyflow.workflows.candidate.CandidateResult;
import io.alloyflow.workflows.embedded.WorkflowStatus;
import io.alloyflow.workflows.inclusion.InclusionScanReport;
import io.alloyflow.workflows.inclusion.InclusionScanRequest;
import io.alloyflow.workflows.inclusion.InclusionScanWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the {@link WorkflowLedger} and Temporal in step: a submission Temporal does not know (the
 * embedded service forgot it in a restart) is started again from its stored request; one that
 * Temporal reports ended gets its result (or reason) in the ledger, so it can be read after a
 * later restart. A batch starts again after its leading items whose analyses the analysis ledger
 * holds as ended (their outcomes are carried), so finished analyses are not run twice.
 */
public final class WorkflowResumer {
  private final WorkflowClient client;
  private final WorkflowLedger ledger;
  private final AnalysisLedger analyses;

  public WorkflowResumer(WorkflowClient client, WorkflowLedger ledger, AnalysisLedger analyses) {
    this.client = client;
    this.ledger = ledger;
    this.analyses = analyses;
  }

  /**
   * Settles every unfinished submission.
   *
   * @return the ids started again
   */
  public List<String> resumeAll() {
    List<String> started = new ArrayList<>();
    for (WorkflowLedger.Entry e : ledger.unfinished()) {
      try {
        if (settle(e)) {
          started.add(e.id());
        }
      } catch (RuntimeException ex) {
        System.err.println("warning: " + e.kind() + " " + e.id() + " cannot be resumed: "
            + ex.getMessage());
      }
    }
    return started;
  }

  /** Settles one submission by id; true when it was started again. */
  public boolean resume(String id) {
    Optional<WorkflowLedger.Entry> e = ledger.find(id);
    return e.isPresent() && !e.get().ended() && settle(e.get());
  }

  /**
   * Whether an analysis without a stored request (a batch's or candidate's child) belongs to a
   * submission that is not finished: its parent starts it again, the analysis resumer must not
   * close it.
   */
  public boolean ownsChild(String analysisId) {
    for (WorkflowLedger.Entry e : ledger.unfinished()) {
      if (e.kind().equals("batch") && analysisId.startsWith("analysis-" + e.id() + "-")
          || e.kind().equals("candidate") && analysisId.equals("analysis-" + e.id())) {
        return true;
      }
    }
    return false;
  }

  private boolean settle(WorkflowLedger.Entry e) {
    Optional<WorkflowExecutionStatus> st = WorkflowStatus.of(client, e.id());
    if (st.isEmpty()) {
      return start(e);
    }
    switch (st.get()) {
      case WORKFLOW_EXECUTION_STATUS_RUNNING, WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW -> {
        return false;
      }
      case WORKFLOW_EXECUTION_STATUS_COMPLETED -> {
        Object r;
        try {
          r = client.newUntypedWorkflowStub(e.id()).getResult(10, TimeUnit.SECONDS,
              resultType(e.kind()));
        } catch (java.util.concurrent.TimeoutException x) {
          return false; // next time
        }
        ledger.ended(e.id(), "COMPLETED", WorkflowLedger.json(r), "", System.currentTimeMillis());
        return false;
      }
      default -> {
        String reason = st.get().name().replace("WORKFLOW_EXECUTION_STATUS_", "")
            .toLowerCase(java.util.Locale.ROOT);
        try {
          client.newUntypedWorkflowStub(e.id()).getResult(10, TimeUnit.SECONDS,
              resultType(e.kind()));
        } catch (WorkflowFailedException f) {
          reason = rootMessage(f);
        } catch (RuntimeException | java.util.concurrent.TimeoutException f) {
          // keep the status name
        }
        ledger.ended(e.id(), "FAILED", "", reason, System.currentTimeMillis());
        return false;
      }
    }
  }

  private static Class<?> resultType(String kind) {
    return switch (kind) {
      case "batch" -> BatchProgress.class;
      case "candidate" -> CandidateResult.class;
      case "inclusion-scan" -> InclusionScanReport.class;
      case "model-training" -> io.alloyflow.workflows.training.ModelTrainingResult.class;
      default -> throw new IllegalArgumentException("unknown submission kind " + kind);
    };
  }

  private boolean start(WorkflowLedger.Entry e) {
    try {
      switch (e.kind()) {
        case "batch" -> {
          BatchRequest req = WorkflowLedger.fromJson(e.request(), BatchRequest.class);
          BatchAnalysisWorkflow wf = client.newWorkflowStub(BatchAnalysisWorkflow.class,
              options(BatchAnalysisWorkflow.TASK_QUEUE, e.id(), Duration.ofDays(7)));
          WorkflowClient.start(wf::run, req, carried(req));
        }
        case "candidate" -> {
          CandidateRequest req = WorkflowLedger.fromJson(e.request(), CandidateRequest.class);
          CandidateEvaluationWorkflow wf = client.newWorkflowStub(
              CandidateEvaluationWorkflow.class,
              options(CandidateEvaluationWorkflow.TASK_QUEUE, e.id(), Duration.ofHours(2)));
          WorkflowClient.start(wf::evaluate, req);
        }
        case "inclusion-scan" -> {
          InclusionScanRequest req = WorkflowLedger.fromJson(e.request(),
              InclusionScanRequest.class);
          InclusionScanWorkflow wf = client.newWorkflowStub(InclusionScanWorkflow.class,
              options(InclusionScanWorkflow.TASK_QUEUE, e.id(), Duration.ofDays(2)));
          WorkflowClient.start(wf::scan, req);
        }
        case "model-training" -> {
          var req = WorkflowLedger.fromJson(e.request(), io.alloyflow.workflows.training.ModelTrainingRequest.class);
          var wf = client.newWorkflowStub(io.alloyflow.workflows.training.ModelTrainingWorkflow.class,
              options(io.alloyflow.workflows.training.ModelTrainingWorkflow.TASK_QUEUE, e.id(), Duration.ofHours(6)));
          WorkflowClient.start(wf::train, req);
        }
        default -> {
          ledger.ended(e.id(), "FAILED", "", "unknown submission kind '" + e.kind() + "'",
              System.currentTimeMillis());
          return false;
        }
      }
      return true;
    } catch (WorkflowExecutionAlreadyStarted x) {
      return false; // another resumer was quicker
    }
  }

  private static WorkflowOptions options(String queue, String id, Duration runTimeout) {
    return WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId(id)
        .setWorkflowRunTimeout(runTimeout).build();
  }

  /**
   * The outcomes of a batch's leading items whose analyses ended (from the analysis ledger), as
   * the state a new run carries; null when the first item has not ended.
   */
  BatchState carried(BatchRequest req) {
    List<BatchItemResult> done = new ArrayList<>();
    for (int i = 0; i < req.items().size(); i++) {
      String id = req.analysisId(i);
      Optional<AnalysisLedger.Entry> a = analyses.find(id);
      BatchItem item = req.items().get(i);
      if (a.isEmpty()) {
        break;
      }
      AnalysisLedger.Entry en = a.get();
      if (en.status() == AnalysisLedger.Status.COMPLETED && !en.summary().isEmpty()) {
        Map<String, Object> s = AnalysisSummary.fromJson(en.summary());
        Map<String, Double> fractions = new LinkedHashMap<>();
        if (s.get("phaseFractions") instanceof Map<?, ?> m) {
          m.forEach((k, v) -> fractions.put(String.valueOf(k), ((Number) v).doubleValue()));
        }
        String prop = "";
        double mean = Double.NaN;
        double std = Double.NaN;
        if (s.get("prediction") instanceof Map<?, ?> p && p.get("property") != null
            && p.get("mean") instanceof Number mn) {
          prop = String.valueOf(p.get("property"));
          mean = mn.doubleValue();
          std = p.get("std") instanceof Number sd ? sd.doubleValue() : Double.NaN;
        }
        done.add(new BatchItemResult(i, item.sampleId(), item.fileName(), id,
            BatchItemResult.COMPLETED, "", fractions, prop, mean, std));
      } else if (en.status() == AnalysisLedger.Status.FAILED && !en.reason().isEmpty()) {
        done.add(new BatchItemResult(i, item.sampleId(), item.fileName(), id,
            BatchItemResult.FAILED, en.reason(), Map.of(), "", Double.NaN, Double.NaN));
      } else {
        break;
      }
    }
    return done.isEmpty() ? null : new BatchState(done.size(), done, 1);
  }

  static String rootMessage(Throwable e) {
    String msg = e.getMessage();
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof ApplicationFailure af) {
        msg = af.getOriginalMessage();
      }
    }
    return msg;
  }
}
