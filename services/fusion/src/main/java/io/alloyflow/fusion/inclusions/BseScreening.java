package io.alloyflow.fusion.inclusions;

import io.alloyflow.fusion.classify.PixelClassifier;
import java.util.List;

/**
 * BSE-first screening: a classifier on BSE-only particle features ({@link ParticleDetector})
 * whose probabilities are calibrated by temperature scaling on held-back particles (Guo et al.,
 * "On calibration of modern neural networks", ICML 2017: p_T(c) proportional to p(c)^(1/T), T
 * chosen to minimise the negative log-likelihood); a particle whose calibrated top probability
 * reaches the threshold keeps its BSE label, the others are sent to EDS.
 */
public final class BseScreening {
  private final PixelClassifier model;
  private final List<String> classes;
  private double temperature = 1;

  /**
   * @param model untrained classifier
   * @param classes class names (index = label)
   */
  public BseScreening(PixelClassifier model, List<String> classes) {
    this.model = model;
    this.classes = List.copyOf(classes);
  }

  /** Class names. */
  public List<String> classes() {
    return classes;
  }

  /** Calibration temperature. */
  public double temperature() {
    return temperature;
  }

  /** Trains on x (rows of BSE features) and labels; calibrates on xc/yc. */
  public void fit(float[] x, int m, int[] y, float[] xc, int[] yc) {
    model.fit(x, m, y, classes.size());
    float[] p = model.predictProba(xc, m);
    int k = classes.size();
    double best = Double.POSITIVE_INFINITY;
    for (double t = 0.25; t <= 8.0001; t *= 1.05) {
      double nll = 0;
      for (int r = 0; r < yc.length; r++) {
        double[] q = scaled(p, r, k, t);
        nll -= Math.log(Math.max(1e-12, q[yc[r]]));
      }
      if (nll < best) {
        best = nll;
        temperature = t;
      }
    }
  }

  /** Calibrated probabilities per row. */
  public double[][] predict(float[] x, int m) {
    float[] p = model.predictProba(x, m);
    int k = classes.size();
    int n = x.length / m;
    double[][] out = new double[n][];
    for (int r = 0; r < n; r++) {
      out[r] = scaled(p, r, k, temperature);
    }
    return out;
  }

  private static double[] scaled(float[] p, int r, int k, double t) {
    double[] q = new double[k];
    double s = 0;
    for (int c = 0; c < k; c++) {
      q[c] = Math.pow(Math.max(1e-6, p[r * k + c]), 1 / t);
      s += q[c];
    }
    for (int c = 0; c < k; c++) {
      q[c] /= s;
    }
    return q;
  }
}
