package io.alloyflow.workflows.campaign;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * A closed-loop campaign (ask/tell): {@code ask} proposes the next candidates ranked by the
 * acquisition over a surrogate of the told measurements, aware of pending trials; {@code tell}
 * stores a trial's measurements and retrains the surrogate when enough new data arrived. Trial ids
 * are stable; asks with the same key and repeated tells are idempotent. A campaign runs for as
 * long as it is not closed, continuing as new when its history grows long.
 */
@WorkflowInterface
public interface CampaignWorkflow {
  /** Campaigns run on the workflows' task queue. */
  String TASK_QUEUE = io.alloyflow.workflows.analysis.AnalysisWorkflow.TASK_QUEUE;

  /**
   * Runs the campaign until closed.
   *
   * @param spec the campaign's definition
   * @param carried state carried over by continue-as-new (null when the campaign starts)
   */
  @WorkflowMethod
  CampaignProgress run(CampaignSpec spec, CampaignState carried);

  /** Proposes new trials. */
  @UpdateMethod
  Trials ask(AskRequest request);

  @UpdateValidatorMethod(updateName = "ask")
  void validateAsk(AskRequest request);

  /** Tells a trial's measurements. */
  @UpdateMethod
  Trial tell(TellRequest request);

  @UpdateValidatorMethod(updateName = "tell")
  void validateTell(TellRequest request);

  /** A human approves trials awaiting approval (campaigns created with requireApproval). */
  @SignalMethod
  void approve(List<String> trialIds);

  /** Ends the campaign: its workflow completes after handlers in flight finish. */
  @SignalMethod
  void close();

  @QueryMethod
  CampaignProgress progress();

  @QueryMethod
  Trials trials();
}
