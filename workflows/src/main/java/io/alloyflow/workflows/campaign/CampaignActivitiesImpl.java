package io.alloyflow.workflows.campaign;

import io.alloyflow.workflows.campaign.opt.Acquisition;
import io.alloyflow.workflows.campaign.opt.BatchProposer;
import io.alloyflow.workflows.campaign.opt.GpEnsemble;
import io.alloyflow.workflows.campaign.opt.SearchSpace;
import java.util.ArrayList;
import java.util.List;

/** The campaign activities over the optimisation package and a recorder. */
public final class CampaignActivitiesImpl implements CampaignActivities {
  private final CampaignRecorder recorder;

  public CampaignActivitiesImpl(CampaignRecorder recorder) {
    this.recorder = recorder;
  }

  /** Completed trials as (unit coordinates, objective values signed for maximisation). */
  record Data(List<double[]> x, double[] y, List<double[]> pending) {}

  static Data data(CampaignSpec spec, List<Trial> trials) {
    SearchSpace space = spec.space();
    List<double[]> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    List<double[]> pending = new ArrayList<>();
    for (Trial t : trials) {
      double[] u = space.toUnit(t.parameters());
      if (t.status().equals(Trial.COMPLETED)) {
        x.add(u);
        y.add(spec.sign() * t.measurements().get(spec.objective()));
      } else {
        pending.add(u);
      }
    }
    double[] ys = new double[y.size()];
    for (int i = 0; i < ys.length; i++) {
      ys[i] = y.get(i);
    }
    return new Data(x, ys, pending);
  }

  @Override
  public GpEnsemble.Model train(CampaignSpec spec, List<Trial> trials) {
    Data d = data(spec, trials);
    return GpEnsemble.train(d.x(), d.y());
  }

  @Override
  public List<BatchProposer.Proposal> propose(CampaignSpec spec, List<Trial> trials, GpEnsemble.Model model,
      int n, long seed) {
    Data d = data(spec, trials);
    return BatchProposer.propose(spec.parameters().size(), model, d.x(), d.y(), d.pending(), n,
        Acquisition.parse(spec.acquisition()), seed);
  }

  @Override
  public void recordCampaign(CampaignSpec spec, String status) {
    recorder.campaign(spec, status);
  }

  @Override
  public void recordTrials(String campaignId, List<Trial> trials) {
    recorder.trials(campaignId, trials);
  }

  @Override
  public void recordAsk(String campaignId, String key, List<Trial> trials) {
    recorder.asked(campaignId, key, trials);
  }

  @Override
  public void recordTell(CampaignSpec spec, Trial trial, String enteredBy) {
    recorder.told(spec, trial, enteredBy);
  }

  @Override
  public void recordModel(String campaignId, GpEnsemble.Model model) {
    recorder.model(campaignId, model);
  }
}
