package io.alloyflow.synthetic.random;

import java.util.SplittableRandom;

/**
 * Poisson random variates from a seeded {@link SplittableRandom}.
 *
 * <p>For a mean below 10 the multiplication method of Knuth (The Art of Computer Programming,
 * vol. 2, 1969, sec. 3.4.1) is used; for larger means the transformed rejection method PTRS of
 * W. Hörmann, "The transformed rejection method for generating Poisson random variables",
 * Insurance: Mathematics and Economics 12 (1993) 39-45. Both are exact samplers (no normal
 * approximation), so count statistics of simulated spectra and images are truly Poisson.
 */
public final class PoissonSampler {

  private static final double[] LOG_FACTORIAL = new double[256];

  static {
    double s = 0;
    LOG_FACTORIAL[0] = 0;
    for (int k = 1; k < LOG_FACTORIAL.length; k++) {
      s += Math.log(k);
      LOG_FACTORIAL[k] = s;
    }
  }

  private PoissonSampler() {}

  /**
   * Draws one Poisson variate.
   *
   * @param rng seeded generator (advanced by this call)
   * @param mean the Poisson mean, finite and non-negative
   * @return a non-negative integer count
   */
  public static long sample(SplittableRandom rng, double mean) {
    if (!(mean >= 0) || Double.isInfinite(mean)) {
      throw new IllegalArgumentException(
          "Poisson mean must be finite and non-negative, found " + mean);
    }
    if (mean == 0) {
      return 0;
    }
    if (mean < 10) {
      return knuth(rng, mean);
    }
    return ptrs(rng, mean);
  }

  private static long knuth(SplittableRandom rng, double mean) {
    double limit = Math.exp(-mean);
    double p = rng.nextDouble();
    long k = 0;
    while (p > limit) {
      k++;
      p *= rng.nextDouble();
    }
    return k;
  }

  private static long ptrs(SplittableRandom rng, double lam) {
    double slam = Math.sqrt(lam);
    double loglam = Math.log(lam);
    double b = 0.931 + 2.53 * slam;
    double a = -0.059 + 0.02483 * b;
    double invalpha = 1.1239 + 1.1328 / (b - 3.4);
    double vr = 0.9277 - 3.6224 / (b - 2);
    while (true) {
      double u = rng.nextDouble() - 0.5;
      double v = rng.nextDouble();
      double us = 0.5 - Math.abs(u);
      long k = (long) Math.floor((2 * a / us + b) * u + lam + 0.43);
      if (us >= 0.07 && v <= vr) {
        return k;
      }
      if (k < 0 || (us < 0.013 && v > us)) {
        continue;
      }
      if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b)
          <= -lam + k * loglam - logFactorial(k)) {
        return k;
      }
    }
  }

  /** ln(k!) from a table for small k and the Stirling series beyond. */
  static double logFactorial(long k) {
    if (k < LOG_FACTORIAL.length) {
      return LOG_FACTORIAL[(int) k];
    }
    double x = k + 1.0;
    double inv = 1.0 / x;
    double inv2 = inv * inv;
    return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI)
        + inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 / 1260));
  }
}
