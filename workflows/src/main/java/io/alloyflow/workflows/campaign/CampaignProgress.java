package io.alloyflow.workflows.campaign;

/**
 * Where a campaign stands.
 *
 * @param campaignId the campaign
 * @param status {@code RUNNING} or {@code CLOSED}
 * @param trials trials proposed so far
 * @param completed trials told
 * @param pending trials proposed and not yet told (approved or awaiting approval)
 * @param bestTrialId the completed trial with the best objective ("" when none)
 * @param bestValue its objective value (NaN when none)
 * @param trainedOn measurements the surrogate was last trained on
 * @param runs workflow runs so far (1 + continue-as-new count)
 */
public record CampaignProgress(
    String campaignId, String status, int trials, int completed, int pending, String bestTrialId,
    double bestValue, int trainedOn, int runs) {}
