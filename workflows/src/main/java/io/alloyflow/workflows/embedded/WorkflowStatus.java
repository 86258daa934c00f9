package io.alloyflow.workflows.embedded;

import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What Temporal knows of a workflow id (the resumers ask it before they start a workflow again). */
public final class WorkflowStatus {
  private WorkflowStatus() {}

  /**
   * Temporal's status of the latest run of a workflow id, empty when Temporal does not know the id
   * (the embedded Temporal service forgets everything when its process stops).
   *
   * @throws StatusRuntimeException when Temporal does not answer within 5 s or refuses otherwise
   */
  public static Optional<WorkflowExecutionStatus> of(WorkflowClient client, String workflowId) {
    try {
      return Optional.of(client.getWorkflowServiceStubs().blockingStub()
          .withDeadlineAfter(5, TimeUnit.SECONDS)
          .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
              .setNamespace(client.getOptions().getNamespace())
              .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId).build())
              .build())
          .getWorkflowExecutionInfo().getStatus());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
