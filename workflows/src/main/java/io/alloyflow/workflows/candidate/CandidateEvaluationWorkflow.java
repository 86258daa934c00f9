package io.alloyflow.workflows.candidate;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A designer's candidate (composition + microstructure parameters) through the synthetic world
 * (micrograph and bulk EDS spectrum) and the full analysis (child {@code AnalysisWorkflow}) to
 * predictions with uncertainty and a Shapley explanation.
 */
@WorkflowInterface
public interface CandidateEvaluationWorkflow {
  String TASK_QUEUE = io.alloyflow.workflows.analysis.AnalysisWorkflow.TASK_QUEUE;

  @WorkflowMethod
  CandidateResult evaluate(CandidateRequest request);

  /** {@code synthesis}, {@code analysis} or {@code done}. */
  @QueryMethod
  String currentStep();
}
