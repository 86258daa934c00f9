package io.alloyflow.workflows.analysis;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** Client side of the analysis workflow: start, follow progress, return the result. */
public final class AnalysisRunner {
  private AnalysisRunner() {}

  /** A fresh analysis id. */
  public static String newAnalysisId() {
    return "analysis-" + UUID.randomUUID();
  }

  /** Starts an analysis and returns without waiting. */
  public static AnalysisWorkflow start(WorkflowClient client, String analysisId, AnalysisRequest request) {
    AnalysisWorkflow wf =
        client.newWorkflowStub(
            AnalysisWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(AnalysisWorkflow.TASK_QUEUE)
                .setWorkflowId(analysisId)
                .setWorkflowExecutionTimeout(Duration.ofHours(2))
                .build());
    WorkflowClient.start(wf::analyze, request);
    return wf;
  }

  /**
   * Runs an analysis to completion, reporting each step as it starts.
   *
   * @throws AnalysisFailedException with the root cause's message when the workflow fails
   */
  public static AnalysisResult run(
      WorkflowClient client, String analysisId, AnalysisRequest request, Consumer<String> progress)
      throws AnalysisFailedException {
    AnalysisWorkflow wf = start(client, analysisId, request);
    CompletableFuture<AnalysisResult> result =
        WorkflowStub.fromTyped(wf).getResultAsync(AnalysisResult.class);
    String last = "";
    long t0 = System.nanoTime();
    while (true) {
      try {
        return result.get(250, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        try {
          String step = wf.currentStep();
          if (!step.equals(last)) {
            progress.accept(
                String.format("[%6.1f s] %s", (System.nanoTime() - t0) / 1e9, step));
            last = step;
          }
        } catch (RuntimeException queryFailed) {
          // the workflow may not have started its first task yet; keep waiting
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AnalysisFailedException("interrupted while waiting for " + analysisId, e);
      } catch (ExecutionException e) {
        throw new AnalysisFailedException(describe(e.getCause()), e.getCause());
      }
    }
  }

  /** The most specific message of a Temporal failure chain. */
  public static String describe(Throwable t) {
    Throwable c = t;
    String msg = t.getMessage();
    while (c != null) {
      if (c instanceof ApplicationFailure af) {
        msg = af.getOriginalMessage();
      } else if (c instanceof TemporalFailure tf
          && !(c instanceof ActivityFailure)
          && !(c instanceof WorkflowFailedException)) {
        msg = tf.getOriginalMessage();
      }
      c = c.getCause();
    }
    return msg;
  }

  /** The analysis workflow failed; the message says why. */
  public static final class AnalysisFailedException extends Exception {
    public AnalysisFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
