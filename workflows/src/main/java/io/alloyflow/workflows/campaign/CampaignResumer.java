package io.alloyflow.workflows.campaign;

import io.alloyflow.workflows.embedded.WorkflowStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.util.Optional;

/**
 * Brings campaigns back after Temporal forgot them. The embedded Temporal service keeps its state
 * in memory, so a restart of {@code serve} loses every campaign workflow while the campaign's
 * trials and measurements stay in the knowledge graph. For every campaign the graph holds as
 * running and Temporal does not know, the resumer rebuilds its {@link CampaignState} from the
 * graph ({@link CampaignGraph#load}) and starts a new run under the campaign's id with that state
 * as the carried state, exactly as continue-as-new would: asks after the restart see every earlier
 * trial (completed ones as data, the others as pending), trial numbers continue, a retried ask key
 * returns its trials, and tells of trials proposed before the restart are accepted. A campaign that
 * Temporal still knows (a real Temporal server keeps it) is left alone.
 */
public final class CampaignResumer {
  private final WorkflowClient client;
  private final CampaignGraph graph;

  public CampaignResumer(WorkflowClient client, CampaignGraph graph) {
    this.client = client;
    this.graph = graph;
  }

  /**
   * Resumes every open campaign Temporal does not know.
   *
   * @return the ids started again
   */
  public java.util.List<String> resumeAll() {
    java.util.List<String> started = new java.util.ArrayList<>();
    for (String id : graph.openCampaigns()) {
      try {
        if (resume(id)) {
          started.add(id);
        }
      } catch (IllegalStateException e) {
        System.err.println("warning: campaign " + id + " cannot be resumed: " + e.getMessage());
      }
    }
    return started;
  }

  /**
   * Resumes one campaign if the graph holds it as running and Temporal does not know it.
   *
   * @return true when a new run was started
   * @throws IllegalStateException when the graph's records do not make a consistent campaign
   */
  public boolean resume(String campaignId) {
    if (WorkflowStatus.of(client, campaignId).isPresent()) {
      return false;
    }
    Optional<CampaignGraph.Stored> stored = graph.load(campaignId);
    if (stored.isEmpty() || !stored.get().status().equals("RUNNING")) {
      return false;
    }
    CampaignWorkflow stub = client.newWorkflowStub(CampaignWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(CampaignWorkflow.TASK_QUEUE).setWorkflowId(campaignId).build());
    try {
      WorkflowClient.start(stub::run, stored.get().spec(), stored.get().state());
      return true;
    } catch (WorkflowExecutionAlreadyStarted e) {
      return false; // another resumer was quicker
    }
  }
}
