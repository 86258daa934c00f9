package io.alloyflow.workflows.ledger;

import io.alloyflow.workflows.analysis.AnalysisWorkflowImpl;
import io.alloyflow.workflows.provenance.ProvenanceActivities;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.workflow.Workflow;

/**
 * The last step of a batch, candidate or inclusion-scan workflow: its result goes into the
 * {@link WorkflowLedger} before the workflow completes, so a restart of {@code serve} right after
 * the end reads the result back instead of running the workflow again (the resumer only settles
 * what is still {@code SUBMITTED}). Served by the knowledge-graph worker.
 */
@ActivityInterface
public interface SubmissionActivities {
  /** Change id of the workflows that record their own end (older histories replay without it). */
  String CHANGE = "result-in-ledger";

  /**
   * Records that the submission {@code id} completed with {@code resultJson} (as {@link
   * WorkflowLedger#json} writes it). No effect when the ledger has no such submission (a CLI run
   * without the gateway) or when it has ended already (the first end wins).
   */
  @ActivityMethod(name = "RecordSubmissionResult")
  void recordResult(String id, String resultJson);

  /**
   * From workflow code: records the running workflow's result when the workflow's version has the
   * change (a graph write: retried with backoff through an outage of Neo4j).
   */
  static void recordFromWorkflow(Object result) {
    if (Workflow.getVersion(CHANGE, Workflow.DEFAULT_VERSION, 1) < 1) {
      return;
    }
    SubmissionActivities ledger = Workflow.newActivityStub(SubmissionActivities.class,
        AnalysisWorkflowImpl.graphWriteOptions(ProvenanceActivities.TASK_QUEUE));
    ledger.recordResult(Workflow.getInfo().getWorkflowId(), WorkflowLedger.json(result));
  }
}
