package io.alloyflow.workflows.training;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** (Re)trains a property model: stage the table, train with heartbeats, register, record. */
@WorkflowInterface
public interface ModelTrainingWorkflow {
  String TASK_QUEUE = io.alloyflow.workflows.analysis.AnalysisWorkflow.TASK_QUEUE;

  @WorkflowMethod
  ModelTrainingResult train(ModelTrainingRequest request);

  /** {@code staging}, {@code training}, {@code recording}, {@code done} or {@code cancelled}. */
  @QueryMethod
  String progress();
}
