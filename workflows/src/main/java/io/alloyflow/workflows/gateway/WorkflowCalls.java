package io.alloyflow.workflows.gateway;

import io.alloyflow.workflows.embedded.WorkflowStatus;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The gateway's two calls into Temporal for workflows started by id (batches, candidates), with
 * their failures as problem answers: a start whose id is taken is 409, a start or status query
 * Temporal does not answer is 503, an id Temporal does not know is the caller's 404.
 */
final class WorkflowCalls {
  private WorkflowCalls() {}

  /**
   * Starts a workflow.
   *
   * @param start the {@code WorkflowClient.start(...)} call
   * @param kind what is started, for messages ("batch")
   * @param id its workflow id
   * @param field the request field that carries the id ("batchId")
   */
  static void start(Runnable start, String kind, String id, String field) {
    try {
      start.run();
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new ProblemException(new Problem(409, "conflict",
          kind + " '" + id + "' exists already; choose another " + field, field));
    } catch (RuntimeException e) {
      throw new ProblemException(new Problem(503, "service unavailable",
          "the workflow service did not accept the " + kind + "; nothing was started, retry later",
          null));
    }
  }

  /** Temporal's status of a workflow id; {@code notFound} when Temporal does not know it. */
  static WorkflowExecutionStatus status(WorkflowClient client, String id,
      Supplier<ProblemException> notFound) {
    Optional<WorkflowExecutionStatus> st;
    try {
      st = WorkflowStatus.of(client, id);
    } catch (RuntimeException e) {
      throw new ProblemException(new Problem(503, "service unavailable",
          "the workflow service did not answer", null));
    }
    return st.orElseThrow(notFound);
  }
}
