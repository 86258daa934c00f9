package io.alloyflow.workflows.campaign;

import io.alloyflow.workflows.campaign.opt.GpEnsemble;
import java.util.List;

/** Where a campaign's records go (the knowledge graph in a deployment; memory in tests). */
public interface CampaignRecorder {
  /** MERGE the campaign with its definition and status. */
  void campaign(CampaignSpec spec, String status);

  /** MERGE trials and their candidates. */
  void trials(String campaignId, List<Trial> trials);

  /**
   * MERGE the trials one ask proposed, with the ask's idempotency key ("" = none), so that a
   * campaign rebuilt from the records answers a retried ask as before.
   */
  default void asked(String campaignId, String key, List<Trial> trials) {
    trials(campaignId, trials);
  }

  /** A told trial and its measurements. */
  void told(CampaignSpec spec, Trial trial, String enteredBy);

  /** A retrained surrogate. */
  void model(String campaignId, GpEnsemble.Model model);
}
