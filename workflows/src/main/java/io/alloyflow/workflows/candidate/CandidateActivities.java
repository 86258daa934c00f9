package io.alloyflow.workflows.candidate;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Turns a candidate into synthetic data, served on the campaign worker's queue. */
@ActivityInterface
public interface CandidateActivities {
  String TASK_QUEUE = io.alloyflow.workflows.campaign.CampaignActivities.TASK_QUEUE;

  /** Generates the candidate's micrograph and bulk EDS spectrum and stores them. */
  @ActivityMethod
  SynthesizedCandidate synthesize(CandidateRequest request);
}
