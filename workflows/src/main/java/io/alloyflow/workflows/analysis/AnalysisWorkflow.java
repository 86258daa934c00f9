package io.alloyflow.workflows.analysis;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Integrated analysis of one micrograph and its optional EDS data. */
@WorkflowInterface
public interface AnalysisWorkflow {
  String TASK_QUEUE = "alloyflow-workflows";

  @WorkflowMethod
  AnalysisResult analyze(AnalysisRequest request);

  /** The step running now ({@code segmentation}, {@code eds}, ..., {@code done}). */
  @QueryMethod
  String currentStep();
}
