package io.alloyflow.workflows.campaign;

import io.alloyflow.workflows.campaign.opt.GpEnsemble;
import java.util.List;

/** Where a campaign's records go (the knowledge graph in a deployment; memory in tests). */
public interface CampaignRecorder {
  /** MERGE the campaign with its definition and status. */
  void campaign(CampaignSpec spec, String status);

  /** MERGE trials and their candidates. */
  void trials(String campaignId, List<Trial> trials);

  /** A told trial and its measurements. */
  void told(CampaignSpec spec, Trial trial, String enteredBy);

  /** A retrained surrogate. */
  void model(String campaignId, GpEnsemble.Model model);
}
