package io.alloyflow.prediction.trained;

import io.alloyflow.prediction.features.AlloySample;
import io.alloyflow.prediction.features.Composition;
import io.alloyflow.prediction.features.HardnessFeatures;
import io.alloyflow.prediction.model.FlatBatchModel;
import io.alloyflow.prediction.shap.ExactShap;
import io.alloyflow.prediction.shap.KernelShap;
import io.alloyflow.prediction.shap.ShapValues;
import io.alloyflow.prediction.shap.TreeShap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Batch prediction with a {@link PropertyModel}: ensemble mean, model standard deviation
 * (calibrated), input standard deviation propagated by Monte Carlo from the composition's
 * standard uncertainties (e.g. from EDS quantification; JCGM 101:2008, propagation of
 * distributions), combined intervals and Shapley values per candidate.
 */
public final class Predictor {
  private Predictor() {}

  /**
   * One candidate's result.
   *
   * @param mean ensemble mean at the nominal input
   * @param modelStd calibrated model standard deviation (68 % conformal half-width)
   * @param inputStd standard deviation from input (composition) uncertainty, 0 when none given
   * @param std combined standard deviation {@code sqrt(modelStd^2 + inputStd^2)}
   * @param lo95 lower end of the 95 % interval
   * @param hi95 upper end
   * @param shap Shapley value per player, null when not explained
   * @param domainWarning why the candidate is outside the model's training domain ("" inside):
   *     the prediction is an extrapolation its cross-validation says nothing about
   */
  public record Candidate(
      double mean, double modelStd, double inputStd, double std, double lo95, double hi95, double[] shap,
      String domainWarning) {}

  /**
   * A batch's results.
   *
   * @param candidates per input sample
   * @param players Shapley players
   * @param base Shapley base value (expected output over the background)
   * @param shapMethod exact-interventional or kernel-shap ("" when not explained)
   * @param maxAdditivityError largest relative additivity error seen
   */
  public record Batch(
      List<Candidate> candidates, List<String> players, double base, String shapMethod,
      double maxAdditivityError) {}

  /** Which Shapley values a batch gets. */
  public enum Explain {
    /** None. */
    NONE,
    /** One player per feature group of the schema (descriptors, route, phases, temperature). */
    FEATURES,
    /**
     * One player per input of the sample (composition, route, phases, temperature; {@link
     * HardnessFeatures#inputPlayers}): exact and cheap enough for large batches.
     */
    INPUTS;

    /** Parses {@code none|features|inputs} (case-insensitive), failing with the choices. */
    public static Explain parse(String s) {
      for (Explain e : values()) {
        if (e.name().equalsIgnoreCase(s == null ? "" : s.trim())) {
          return e;
        }
      }
      throw new IllegalArgumentException("Shapley players must be one of none, features, inputs; found '" + s + "'");
    }
  }

  /** As {@link #predict(PropertyModel, List, List, Explain, int, long)} with feature-level players when explaining. */
  public static Batch predict(
      PropertyModel model, List<AlloySample> samples, List<Map<String, Double>> sigmas,
      boolean explain, int mcSamples, long seed) {
    return predict(model, samples, sigmas, explain ? Explain.FEATURES : Explain.NONE, mcSamples, seed);
  }

  /**
   * Predicts a batch.
   *
   * @param sigmas per sample, standard uncertainty of each element's atomic fraction (null or
   *     empty map for none)
   * @param explain which Shapley values to compute
   * @param mcSamples Monte Carlo draws for input uncertainty
   */
  public static Batch predict(
      PropertyModel model, List<AlloySample> samples, List<Map<String, Double>> sigmas,
      Explain explain, int mcSamples, long seed) {
    int n = samples.size();
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      x[i] = HardnessFeatures.vector(samples.get(i));
    }
    FlatBatchModel ens = model.function();
    double[][] ms = model.meanStd(x);
    double[] inputStd = new double[n];
    if (sigmas != null) {
      SplittableRandom rnd = new SplittableRandom(seed);
      for (int i = 0; i < n; i++) {
        Map<String, Double> sg = i < sigmas.size() ? sigmas.get(i) : null;
        if (sg == null || sg.isEmpty()) {
          continue;
        }
        AlloySample s = samples.get(i);
        double[][] draws = new double[mcSamples][];
        for (int k = 0; k < mcSamples; k++) {
          Map<String, Double> c = new TreeMap<>();
          for (Map.Entry<String, Double> e : s.composition().atomicFractions().entrySet()) {
            double sd = sg.getOrDefault(e.getKey(), 0.0);
            double v = e.getValue() + sd * gaussian(rnd);
            c.put(e.getKey(), Math.max(1e-6, v));
          }
          draws[k] = HardnessFeatures.vector(
              new AlloySample(new Composition(c), s.processing(), s.phases(), s.testTemperatureC()));
        }
        double[] p = ens.predict(draws);
        double m = 0;
        for (double v : p) {
          m += v;
        }
        m /= p.length;
        double var = 0;
        for (double v : p) {
          var += (v - m) * (v - m);
        }
        inputStd[i] = Math.sqrt(var / Math.max(1, p.length - 1));
      }
    }
    ShapValues sv = null;
    Map<String, int[]> groups = explain == Explain.INPUTS
        ? HardnessFeatures.inputPlayers(model.schema()) : model.schema().groups();
    List<String> players = new ArrayList<>(groups.keySet());
    if (explain != Explain.NONE && n > 0) {
      int[][] pl = groups.values().toArray(int[][]::new);
      double[][] bg = model.background().rows();
      double[] w = model.background().weights();
      if (pl.length > ExactShap.MAX_PLAYERS) {
        sv = KernelShap.explain(ens, x, bg, w, pl, players, 2048, seed);
      } else if (model.trees() != null && model.treeWeight() > 0) {
        // the blend's values are the weighted sum of its members' exact values (linearity): the
        // MLP ensemble's by coalition enumeration, the trees' by path traversal
        sv = ShapValues.blend(ExactShap.explain(model.ensemble(), x, bg, w, pl, players),
            TreeShap.explain(model.trees(), x, bg, w, pl, players), model.treeWeight());
      } else {
        sv = ExactShap.explain(ens, x, bg, w, pl, players);
      }
    }
    List<Candidate> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double mean = sv != null ? sv.predictions()[i] : ms[i][0];
      double mstd = model.calibration().sigma(ms[i][1]);
      double hw = model.calibration().halfWidth95(ms[i][1]);
      double tot = Math.hypot(mstd, inputStd[i]);
      double hwTot = Math.hypot(hw, 1.959964 * inputStd[i]);
      out.add(new Candidate(mean, mstd, inputStd[i], tot, mean - hwTot, mean + hwTot,
          sv == null ? null : sv.values()[i], model.outsideDomain(x[i])));
    }
    return new Batch(out, players, sv == null ? Double.NaN : sv.base(),
        sv == null ? "" : sv.method(), sv == null ? 0 : sv.maxAdditivityError());
  }

  private static double gaussian(SplittableRandom r) {
    double u1 = r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }
}
