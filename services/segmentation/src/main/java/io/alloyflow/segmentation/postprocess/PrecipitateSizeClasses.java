package io.alloyflow.segmentation.postprocess;

import io.alloyflow.segmentation.morphology.ConnectedComponents;
import java.util.Locale;

/**
 * Splits the precipitates of a label map into a coarse and a fine size class by the size
 * distribution of this image's own particles.
 *
 * <p>Metallurgy: in Ni superalloys the secondary gamma-prime (precipitated on cooling from the
 * solution temperature) and the tertiary gamma-prime (precipitated late, in the matrix channels)
 * form two separate size populations (Reed R.C., 2006, "The Superalloys: Fundamentals and
 * Applications", Cambridge University Press, Sec. 3.3; Singh A.R.P. et al., 2011, "Mechanisms
 * related to different generations of gamma-prime precipitation during continuous cooling of a
 * nickel base superalloy", Acta Materialia 59:6419). Their sizes differ by about an order of
 * magnitude whatever the magnification, so the split is made in log equivalent diameter and its
 * threshold is this image's own.
 *
 * <p>Steps: the pixels of the two classes form the precipitates; their 8-connected particles are
 * measured (equivalent diameter {@code sqrt(4 A / pi)}); particles cut by the border and specks
 * below {@link SizeClassSettings#minAreaPx()} keep the model's class and are left out of the
 * distribution. A two-Gaussian mixture is fitted to the log diameters by EM (Dempster A.P., Laird
 * N.M. and Rubin D.B., 1977, J. R. Stat. Soc. B 39:1-38); the image counts as bimodal when the
 * mixture's Ashman D reaches {@link SizeClassSettings#minSeparation()} (Ashman K.M., Bird C.M. and
 * Zepf S.E., 1994, Astronomical Journal 108:2348) and the BIC prefers two Gaussians to one
 * (Schwarz G., 1978, Annals of Statistics 6:461; Fraley C. and Raftery A.E., 2002, JASA 97:611).
 * A last guard keeps the model's map when the model itself calls at least 5 measured particles
 * fine and most of them lie above the threshold (the small mode is then fragments of ragged
 * coarse particles, not a population the model missed). Only then is every measured particle
 * relabelled: log diameter at or below the Otsu threshold of
 * the log diameters (Otsu N., 1979, IEEE Trans. SMC 9:62; computed exactly on the sorted values and
 * placed mid-gap) is fine, above it coarse. Otherwise the
 * labels are returned unchanged, with the reason.
 */
public final class PrecipitateSizeClasses {
  private PrecipitateSizeClasses() {}

  /** Name, version and reference of the algorithm (for provenance). */
  public static final String NAME = "precipitate-size-classes";

  /** Version of the rule. */
  public static final String VERSION = "1.0";

  /** Literature reference. */
  public static final String REFERENCE = "bimodal gamma-prime sizes: Reed R.C. 2006, The"
      + " Superalloys, Sec. 3.3; Ashman K.M. et al. 1994, AJ 108:2348; Otsu N. 1979, IEEE Trans."
      + " SMC 9:62";

  /**
   * Fewest particles the model itself calls fine for the agreement guard to judge: when at least
   * this many exist and most of them lie above the size threshold, the image is left unchanged.
   */
  static final int MIN_MODEL_FINE = 5;

  /** Lower bound of a mixture component's standard deviation in log diameter (5 % in size). */
  static final double MIN_SD = 0.05;

  /**
   * Two-Gaussian fit of the log equivalent diameters.
   *
   * @param mean component means (log px), the smaller first
   * @param sd component standard deviations
   * @param weight component weights (sum 1)
   * @param ashmanD {@code sqrt(2) |m1 - m2| / sqrt(s1^2 + s2^2)}
   * @param deltaBic BIC of one Gaussian minus BIC of the mixture (> 0: two are preferred)
   */
  public record Mixture(double[] mean, double[] sd, double[] weight, double ashmanD,
      double deltaBic) {
    public Mixture {
      if (mean.length != 2 || sd.length != 2 || weight.length != 2) {
        throw new IllegalArgumentException("a two-Gaussian mixture needs 2 means, 2 sds and 2"
            + " weights, found " + mean.length + ", " + sd.length + ", " + weight.length);
      }
    }
  }

  /**
   * What the relabelling did.
   *
   * @param labels the relabelled map (a new array; the input is not changed)
   * @param applied whether the image was found bimodal and relabelled
   * @param reason why it was or was not applied
   * @param measured particles in the distribution (not specks, not cut by the border)
   * @param thresholdDiameterPx equivalent diameter (px) between fine and coarse (NaN when not
   *     applied because of too few particles)
   * @param mixture the two-Gaussian fit (null with too few particles)
   * @param fineParticles measured particles put in the fine class
   * @param coarseParticles measured particles put in the coarse class
   * @param changedPixels pixels whose class changed
   */
  public record Result(int[] labels, boolean applied, String reason, int measured,
      double thresholdDiameterPx, Mixture mixture, int fineParticles, int coarseParticles,
      long changedPixels) {
    public Result {
      if (labels == null || reason == null) {
        throw new IllegalArgumentException("a size-class result needs labels and a reason");
      }
    }
  }

  /**
   * Relabels the particles made of classes {@code coarse} and {@code fine} of a {@code w x h}
   * label map into {@code coarse} (large) or {@code fine} (small). Other classes, and negative
   * (ignored) labels, are left as they are; {@code fine} need not occur in the map (a model with
   * one precipitate class gains the second).
   */
  public static Result apply(int[] labels, int w, int h, int coarse, int fine,
      SizeClassSettings s) {
    if (labels == null || w < 1 || h < 1 || (long) w * h != labels.length) {
      throw new IllegalArgumentException("size classes: expected a " + w + "x" + h
          + " label map, found " + (labels == null ? "none" : labels.length + " labels"));
    }
    if (coarse < 0 || fine < 0 || coarse == fine) {
      throw new IllegalArgumentException("size classes: the coarse and fine classes must be two"
          + " different class indices >= 0, found " + coarse + " and " + fine);
    }
    byte[] mask = new byte[labels.length];
    for (int i = 0; i < labels.length; i++) {
      mask[i] = (byte) (labels[i] == coarse || labels[i] == fine ? 1 : 0);
    }
    int[] comp = ConnectedComponents.label(mask, w, h, true);
    int n = ConnectedComponents.count(comp);
    long[] area = new long[n + 1];
    boolean[] border = new boolean[n + 1];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int c = comp[y * w + x];
        if (c > 0) {
          area[c]++;
          if (x == 0 || y == 0 || x == w - 1 || y == h - 1) {
            border[c] = true;
          }
        }
      }
    }
    boolean[] measured = new boolean[n + 1];
    double[] logD = new double[n + 1];
    int m = 0;
    for (int c = 1; c <= n; c++) {
      logD[c] = Math.log(Math.sqrt(4.0 * area[c] / Math.PI));
      measured[c] = area[c] >= s.minAreaPx() && !(s.excludeBorder() && border[c]);
      if (measured[c]) {
        m++;
      }
    }
    int[] out = labels.clone();
    if (m < s.minComponents()) {
      return new Result(out, false, String.format(Locale.ROOT,
          "too few particles to see a size distribution (%d measured, %d needed)", m,
          s.minComponents()), m, Double.NaN, null, 0, 0, 0);
    }
    double[] x = new double[m];
    int k = 0;
    for (int c = 1; c <= n; c++) {
      if (measured[c]) {
        x[k++] = logD[c];
      }
    }
    double t = otsuSplit(x);
    Mixture mix = fitMixture(x, t);
    double tD = Math.exp(t);
    if (mix.ashmanD() < s.minSeparation() || mix.deltaBic() <= 0) {
      return new Result(out, false, String.format(Locale.ROOT,
          "one size population (Ashman D %.2f, needed %.2f; BIC gain of two Gaussians %.1f)",
          mix.ashmanD(), s.minSeparation(), mix.deltaBic()), m, tD, mix, 0, 0, 0);
    }
    // agreement guard: the model's own fine particles (most pixels in the fine class) must not
    // mostly lie above the threshold, else the small mode is something else (fragments, specks)
    long[] finePx = new long[n + 1];
    for (int i = 0; i < labels.length; i++) {
      if (comp[i] > 0 && labels[i] == fine) {
        finePx[comp[i]]++;
      }
    }
    int modelFine = 0;
    int modelFineAbove = 0;
    for (int c = 1; c <= n; c++) {
      if (measured[c] && 2 * finePx[c] > area[c]) {
        modelFine++;
        if (logD[c] > t) {
          modelFineAbove++;
        }
      }
    }
    if (modelFine >= MIN_MODEL_FINE && 2 * modelFineAbove > modelFine) {
      return new Result(out, false, String.format(Locale.ROOT,
          "the size threshold (%.1f px) contradicts the model: %d of its %d fine particles are"
              + " larger", tD, modelFineAbove, modelFine), m, tD, mix, 0, 0, 0);
    }
    boolean[] isFine = new boolean[n + 1];
    int nf = 0;
    for (int c = 1; c <= n; c++) {
      if (measured[c] && logD[c] <= t) {
        isFine[c] = true;
        nf++;
      }
    }
    long changed = 0;
    for (int i = 0; i < out.length; i++) {
      int c = comp[i];
      if (c > 0 && measured[c]) {
        int to = isFine[c] ? fine : coarse;
        if (out[i] != to) {
          changed++;
          out[i] = to;
        }
      }
    }
    return new Result(out, true, String.format(Locale.ROOT,
        "two size populations (Ashman D %.2f, BIC gain %.1f): particles up to %.1f px equivalent"
            + " diameter are fine", mix.ashmanD(), mix.deltaBic(), tD),
        m, tD, mix, nf, m - nf, changed);
  }

  /**
   * Otsu's threshold of a sample, exact (no histogram): the split of the sorted values that
   * maximises the between-class variance, placed midway between the two values it separates
   * (so a gap between two populations is cut in its middle). The lower class is {@code <= t}.
   */
  public static double otsuSplit(double[] values) {
    double[] x = values.clone();
    java.util.Arrays.sort(x);
    int n = x.length;
    if (n < 2 || x[0] == x[n - 1]) {
      return n == 0 ? Double.NaN : x[n - 1];
    }
    double total = 0;
    for (double v : x) {
      total += v;
    }
    double best = -1;
    int bestI = 1;
    double low = 0;
    for (int i = 1; i < n; i++) {
      low += x[i - 1];
      if (x[i] == x[i - 1]) {
        continue; // equal values stay on one side
      }
      double m0 = low / i;
      double m1 = (total - low) / (n - i);
      double v = (double) i * (n - i) * (m0 - m1) * (m0 - m1);
      if (v > best) {
        best = v;
        bestI = i;
      }
    }
    return 0.5 * (x[bestI - 1] + x[bestI]);
  }

  /**
   * EM fit of two Gaussians to {@code x}, started from the split of {@code x} at {@code split}
   * (the Otsu threshold); with the BIC comparison against one Gaussian.
   */
  public static Mixture fitMixture(double[] x, double split) {
    int n = x.length;
    if (n < 4) {
      throw new IllegalArgumentException("a two-Gaussian fit needs at least 4 values, found " + n);
    }
    double[] mu = new double[2];
    double[] var = new double[2];
    double[] wt = new double[2];
    double[] cnt = new double[2];
    for (double v : x) {
      int g = v <= split ? 0 : 1;
      cnt[g]++;
      mu[g] += v;
    }
    if (cnt[0] == 0 || cnt[1] == 0) {
      double[] sorted = x.clone();
      java.util.Arrays.sort(sorted);
      if (sorted[0] == sorted[n - 1]) {
        // every particle the same size: one population
        return new Mixture(new double[] {sorted[0], sorted[0]}, new double[] {MIN_SD, MIN_SD},
            new double[] {0.5, 0.5}, 0, Double.NEGATIVE_INFINITY);
      }
      // the split left one side empty: start from the midpoint of the range instead
      return fitMixture(x, 0.5 * (sorted[0] + sorted[n - 1]));
    }
    for (int g = 0; g < 2; g++) {
      mu[g] /= cnt[g];
      wt[g] = cnt[g] / n;
    }
    for (double v : x) {
      int g = v <= split ? 0 : 1;
      var[g] += (v - mu[g]) * (v - mu[g]);
    }
    for (int g = 0; g < 2; g++) {
      var[g] = Math.max(var[g] / cnt[g], MIN_SD * MIN_SD);
    }
    double[] r0 = new double[n];
    double ll = Double.NEGATIVE_INFINITY;
    for (int it = 0; it < 1000; it++) {
      double newLl = 0;
      for (int i = 0; i < n; i++) {
        double p0 = wt[0] * gauss(x[i], mu[0], var[0]);
        double p1 = wt[1] * gauss(x[i], mu[1], var[1]);
        double p = p0 + p1;
        if (p <= 0) {
          // far from both means: give it to the nearer one
          r0[i] = Math.abs(x[i] - mu[0]) <= Math.abs(x[i] - mu[1]) ? 1 : 0;
          newLl += -745; // log of the smallest double, a finite stand-in
        } else {
          r0[i] = p0 / p;
          newLl += Math.log(p);
        }
      }
      double s0 = 0;
      double s1 = 0;
      double m0 = 0;
      double m1 = 0;
      for (int i = 0; i < n; i++) {
        s0 += r0[i];
        s1 += 1 - r0[i];
        m0 += r0[i] * x[i];
        m1 += (1 - r0[i]) * x[i];
      }
      if (s0 < 1e-9 || s1 < 1e-9) {
        break; // one component emptied: keep the last two-component estimate
      }
      mu[0] = m0 / s0;
      mu[1] = m1 / s1;
      double v0 = 0;
      double v1 = 0;
      for (int i = 0; i < n; i++) {
        v0 += r0[i] * (x[i] - mu[0]) * (x[i] - mu[0]);
        v1 += (1 - r0[i]) * (x[i] - mu[1]) * (x[i] - mu[1]);
      }
      var[0] = Math.max(v0 / s0, MIN_SD * MIN_SD);
      var[1] = Math.max(v1 / s1, MIN_SD * MIN_SD);
      wt[0] = s0 / n;
      wt[1] = s1 / n;
      if (Math.abs(newLl - ll) < 1e-10 * Math.max(1, Math.abs(newLl))) {
        ll = newLl;
        break;
      }
      ll = newLl;
    }
    // final log-likelihood of the mixture and of one Gaussian
    double ll2 = 0;
    double mean = 0;
    for (double v : x) {
      ll2 += Math.log(Math.max(wt[0] * gauss(v, mu[0], var[0]) + wt[1] * gauss(v, mu[1], var[1]),
          Double.MIN_NORMAL));
      mean += v;
    }
    mean /= n;
    double var1 = 0;
    for (double v : x) {
      var1 += (v - mean) * (v - mean);
    }
    var1 = Math.max(var1 / n, MIN_SD * MIN_SD);
    double ll1 = 0;
    for (double v : x) {
      ll1 += Math.log(Math.max(gauss(v, mean, var1), Double.MIN_NORMAL));
    }
    double deltaBic = (-2 * ll1 + 2 * Math.log(n)) - (-2 * ll2 + 5 * Math.log(n));
    int lo = mu[0] <= mu[1] ? 0 : 1;
    int hi = 1 - lo;
    double d = Math.sqrt(2) * Math.abs(mu[1] - mu[0]) / Math.sqrt(var[0] + var[1]);
    return new Mixture(new double[] {mu[lo], mu[hi]},
        new double[] {Math.sqrt(var[lo]), Math.sqrt(var[hi])}, new double[] {wt[lo], wt[hi]}, d,
        deltaBic);
  }

  private static double gauss(double x, double mu, double var) {
    double z = x - mu;
    return Math.exp(-0.5 * z * z / var) / Math.sqrt(2 * Math.PI * var);
  }
}
