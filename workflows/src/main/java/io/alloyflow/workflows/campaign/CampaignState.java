package io.alloyflow.workflows.campaign;

import io.alloyflow.workflows.campaign.opt.GpEnsemble;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a campaign knows, carried from one workflow run to the next by continue-as-new.
 *
 * @param trials every trial so far, in number order
 * @param askKeys ask idempotency key to the trial ids that ask returned
 * @param asks asks answered so far
 * @param model the surrogate as last trained
 * @param runs workflow runs so far
 * @param closed whether the campaign was closed
 */
public record CampaignState(
    List<Trial> trials, Map<String, List<String>> askKeys, int asks, GpEnsemble.Model model, int runs,
    boolean closed) {
  public CampaignState {
    trials = List.copyOf(trials);
    askKeys = Map.copyOf(askKeys);
  }

  /** A new campaign's state. */
  public static CampaignState start() {
    return new CampaignState(List.of(), Map.of(), 0, GpEnsemble.Model.prior(), 1, false);
  }

  /** The state at the start of the next run. */
  public CampaignState nextRun() {
    return new CampaignState(trials, askKeys, asks, model, runs + 1, closed);
  }

  /** The trial with an id, or null. */
  public Trial trial(String id) {
    for (Trial t : trials) {
      if (t.trialId().equals(id)) {
        return t;
      }
    }
    return null;
  }

  /** After an ask. */
  public CampaignState asked(List<Trial> added, String key) {
    List<Trial> all = new ArrayList<>(trials);
    all.addAll(added);
    Map<String, List<String>> keys = new LinkedHashMap<>(askKeys);
    if (!key.isEmpty()) {
      keys.put(key, added.stream().map(Trial::trialId).toList());
    }
    return new CampaignState(all, keys, asks + 1, model, runs, closed);
  }

  /** With one trial replaced (same id). */
  public CampaignState with(Trial t) {
    List<Trial> all = new ArrayList<>(trials);
    all.replaceAll(x -> x.trialId().equals(t.trialId()) ? t : x);
    return new CampaignState(all, askKeys, asks, model, runs, closed);
  }

  /** With a newly trained surrogate. */
  public CampaignState withModel(GpEnsemble.Model m) {
    return new CampaignState(trials, askKeys, asks, m, runs, closed);
  }

  /** Closed. */
  public CampaignState close() {
    return new CampaignState(trials, askKeys, asks, model, runs, true);
  }

  /** Completed trials. */
  public List<Trial> completed() {
    return trials.stream().filter(t -> t.status().equals(Trial.COMPLETED)).toList();
  }
}
