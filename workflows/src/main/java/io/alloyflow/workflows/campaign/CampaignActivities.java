package io.alloyflow.workflows.campaign;

import io.alloyflow.workflows.campaign.opt.BatchProposer;
import io.alloyflow.workflows.campaign.opt.GpEnsemble;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * The campaign's computations (surrogate training, batch proposals) and its records in the
 * knowledge graph, served on {@link #TASK_QUEUE}.
 */
@ActivityInterface
public interface CampaignActivities {
  String TASK_QUEUE = "alloyflow-campaign";

  /** Trains the surrogate on the completed trials' objective values. */
  @ActivityMethod
  GpEnsemble.Model train(CampaignSpec spec, List<Trial> trials);

  /** Proposes n candidates given every trial (completed ones as data, the others as pending). */
  @ActivityMethod
  List<BatchProposer.Proposal> propose(CampaignSpec spec, List<Trial> trials, GpEnsemble.Model model,
      int n, long seed);

  /** Records (MERGE) the campaign node with its definition and status. */
  @ActivityMethod
  void recordCampaign(CampaignSpec spec, String status);

  /** Records (MERGE) trials and their candidates, linked to the campaign. */
  @ActivityMethod
  void recordTrials(String campaignId, List<Trial> trials);

  /** Records (MERGE) the trials an ask proposed and the ask's idempotency key ("" = none). */
  @ActivityMethod
  void recordAsk(String campaignId, String key, List<Trial> trials);

  /** Records a told trial: its status, measurements (as Measurement nodes of its sample). */
  @ActivityMethod
  void recordTell(CampaignSpec spec, Trial trial, String enteredBy);

  /** Records a retraining of the surrogate on the campaign node. */
  @ActivityMethod
  void recordModel(String campaignId, GpEnsemble.Model model);
}
