package io.alloyflow.workflows.batch;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Hundreds of micrographs (or tiles) through the analysis: every item is a child {@code
 * AnalysisWorkflow}, at most {@code maxParallel} at once; a failed item is reported with its
 * reason and does not stop the others; the batch continues as new every {@code itemsPerRun}
 * items so its history stays small however long it is.
 */
@WorkflowInterface
public interface BatchAnalysisWorkflow {
  String TASK_QUEUE = io.alloyflow.workflows.analysis.AnalysisWorkflow.TASK_QUEUE;

  /**
   * Analyses every item.
   *
   * @param request the batch
   * @param carried state carried over by continue-as-new (null when the batch starts)
   * @return every item's outcome, in batch order
   */
  @WorkflowMethod
  BatchProgress run(BatchRequest request, BatchState carried);

  /** Counts, and the failed items and the last completed ones. */
  @QueryMethod
  BatchProgress progress();
}
