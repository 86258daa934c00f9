package io.alloyflow.synthetic.random;

import io.alloyflow.synthetic.raster.Raster;
import java.util.SplittableRandom;

/**
 * Smooth Gaussian random fields and common distributions drawn from a seeded
 * {@link SplittableRandom}.
 *
 * <p>A correlated Gaussian field is white Gaussian noise convolved with an anisotropic Gaussian
 * kernel (the "moving average" construction of a stationary Gaussian random field; e.g. Lantuéjoul,
 * Geostatistical Simulation, Springer 2002, ch. 15), renormalised to zero mean and unit variance.
 * Thresholding such a field at a quantile gives a two-phase structure whose area fraction equals
 * the quantile exactly (excursion-set model of Teubner 1991, Europhys. Lett. 14, 403).
 */
public final class RandomFields {

  private RandomFields() {}

  /** Standard normal variate (Marsaglia polar method, SIAM Review 6, 1964). */
  public static double gaussian(SplittableRandom rng) {
    while (true) {
      double u = 2 * rng.nextDouble() - 1;
      double v = 2 * rng.nextDouble() - 1;
      double s = u * u + v * v;
      if (s > 0 && s < 1) {
        return u * Math.sqrt(-2 * Math.log(s) / s);
      }
    }
  }

  /**
   * Log-normal variate with the given arithmetic mean and coefficient of variation (sd / mean).
   */
  public static double logNormal(SplittableRandom rng, double mean, double cv) {
    if (!(mean > 0) || !(cv >= 0)) {
      throw new IllegalArgumentException(
          "log-normal needs mean > 0 and cv >= 0, found mean=" + mean + " cv=" + cv);
    }
    double s2 = Math.log(1 + cv * cv);
    double mu = Math.log(mean) - s2 / 2;
    return Math.exp(mu + Math.sqrt(s2) * gaussian(rng));
  }

  /**
   * A zero-mean, unit-variance correlated Gaussian field.
   *
   * @param width field width
   * @param height field height
   * @param sigmaX correlation length (Gaussian kernel sigma) along x, in pixels (> 0)
   * @param sigmaY correlation length along y, in pixels (> 0)
   * @param rng seeded generator
   */
  public static float[] gaussianField(
      int width, int height, double sigmaX, double sigmaY, SplittableRandom rng) {
    float[] f = new float[width * height];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) gaussian(rng);
    }
    float[] g = Raster.gaussianBlur(f, width, height, sigmaX, sigmaY);
    return standardise(g);
  }

  /** Shifts and scales a field in place to zero mean and unit variance; returns it. */
  public static float[] standardise(float[] g) {
    double s = 0;
    double s2 = 0;
    for (float v : g) {
      s += v;
      s2 += (double) v * v;
    }
    double mean = s / g.length;
    double sd = Math.sqrt(Math.max(s2 / g.length - mean * mean, 1e-30));
    for (int i = 0; i < g.length; i++) {
      g[i] = (float) ((g[i] - mean) / sd);
    }
    return g;
  }

  /** A generator derived deterministically from a seed and a stream index (for parallel rows). */
  public static SplittableRandom stream(long seed, long index) {
    long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return new SplittableRandom(z ^ (z >>> 31));
  }
}
