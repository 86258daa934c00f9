package io.alloyflow.segmentation.pixelclassifier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Intensity statistics of a micrograph that say whether it looks like a model's training images:
 * the 1st, 50th and 99th intensity percentiles, the dynamic range (p99 - p1) and the relative
 * noise level sigma / (p99 - p1), where sigma is the robust noise estimate of Immerkaer J., 1996,
 * "Fast noise variance estimation", Computer Vision and Image Understanding 64(2):300-302,
 * taken as the median-absolute-deviation form: sigma = 1.4826 median|d| / sqrt(2) over the
 * horizontal neighbour differences d (edges move the median little).
 *
 * @param p1 1st percentile
 * @param p50 median
 * @param p99 99th percentile
 * @param relNoise noise sigma over the dynamic range
 */
public record IntensityStats(double p1, double p50, double p99, double relNoise) {

  public IntensityStats {
    if (!(Double.isFinite(p1) && Double.isFinite(p50) && Double.isFinite(p99)
        && Double.isFinite(relNoise) && relNoise >= 0)) {
      throw new IllegalArgumentException("intensity statistics must be finite with relNoise >= 0,"
          + " found p1=" + p1 + " p50=" + p50 + " p99=" + p99 + " relNoise=" + relNoise);
    }
  }

  /** Dynamic range p99 - p1. */
  public double range() {
    return p99 - p1;
  }

  /** Statistics of an image (subsampled to at most ~1 M pixels for the percentiles). */
  public static IntensityStats of(float[] px, int w, int h) {
    int step = Math.max(1, px.length / (1 << 20));
    float[] s = new float[(px.length + step - 1) / step];
    for (int i = 0, j = 0; i < px.length; i += step) {
      s[j++] = px[i];
    }
    Arrays.sort(s);
    double p1 = s[(int) (0.01 * (s.length - 1))];
    double p50 = s[(int) (0.50 * (s.length - 1))];
    double p99 = s[(int) (0.99 * (s.length - 1))];
    float[] d = new float[Math.max(1, (w - 1) * h / step)];
    int n = 0;
    for (int y = 0; y < h && n < d.length; y++) {
      for (int x = 0; x + 1 < w && n < d.length; x += step) {
        d[n++] = Math.abs(px[y * w + x + 1] - px[y * w + x]);
      }
    }
    Arrays.sort(d, 0, n);
    double sigma = n == 0 ? 0 : 1.4826 * d[n / 2] / Math.sqrt(2);
    double range = Math.max(p99 - p1, 1e-12);
    return new IntensityStats(p1, p50, p99, sigma / range);
  }

  /** Parameter entries (min and max over the training images) for a model's AlgorithmInfo. */
  public static void record(List<IntensityStats> training, Map<String, String> params) {
    params.put("trainingIntensity.p1", minMax(training, IntensityStats::p1));
    params.put("trainingIntensity.p50", minMax(training, IntensityStats::p50));
    params.put("trainingIntensity.p99", minMax(training, IntensityStats::p99));
    params.put("trainingIntensity.range", minMax(training, IntensityStats::range));
    params.put("trainingIntensity.relNoise", minMax(training, IntensityStats::relNoise));
  }

  private static String minMax(List<IntensityStats> l, java.util.function.ToDoubleFunction<IntensityStats> f) {
    double lo = l.stream().mapToDouble(f).min().orElse(Double.NaN);
    double hi = l.stream().mapToDouble(f).max().orElse(Double.NaN);
    return String.format(Locale.ROOT, "%.6g,%.6g", lo, hi);
  }

  private static double[] parse(Map<String, String> params, String key) {
    String v = params.get("trainingIntensity." + key);
    if (v == null) {
      return null;
    }
    String[] p = v.split(",");
    return new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1])};
  }

  /**
   * Why this image is far from the training images (empty when it is not, or when the model
   * recorded no statistics): median outside the training medians widened by half the largest
   * training range, dynamic range below half or above twice the training ranges, relative noise
   * above twice or below half the training values.
   */
  public List<String> farFrom(Map<String, String> params) {
    List<String> why = new ArrayList<>();
    double[] med = parse(params, "p50");
    double[] rng = parse(params, "range");
    double[] noise = parse(params, "relNoise");
    if (med == null || rng == null || noise == null) {
      return why;
    }
    double slack = 0.5 * rng[1];
    if (p50 < med[0] - slack || p50 > med[1] + slack) {
      why.add(String.format(Locale.ROOT, "median intensity %.4g outside the training medians"
          + " %.4g..%.4g", p50, med[0], med[1]));
    }
    if (range() < 0.5 * rng[0] || range() > 2 * rng[1]) {
      why.add(String.format(Locale.ROOT, "dynamic range (p99-p1) %.4g against %.4g..%.4g in"
          + " training", range(), rng[0], rng[1]));
    }
    if (relNoise > 2 * noise[1] || relNoise < 0.5 * noise[0]) {
      why.add(String.format(Locale.ROOT, "relative noise %.4f against %.4f..%.4f in training",
          relNoise, noise[0], noise[1]));
    }
    return why;
  }
}
