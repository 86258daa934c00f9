package io.alloyflow.workflows.campaign.opt;

import java.util.Locale;

/**
 * Acquisition functions over the surrogate's mean and standard deviation, for maximisation.
 *
 * <ul>
 *   <li>{@code EI}: expected improvement over the best observed value (Jones, Schonlau and Welch
 *       1998, J. Global Optim. 13:455, eq. 15).
 *   <li>{@code UCB}: upper confidence bound {@code mean + beta * std} with {@code beta = 2}
 *       (Srinivas, Krause, Kakade and Seeger, ICML 2010).
 * </ul>
 */
public enum Acquisition {
  EI,
  UCB;

  /** UCB's exploration weight. */
  public static final double BETA = 2.0;

  /** Parses {@code ei} / {@code ucb} (any case). */
  public static Acquisition parse(String s) {
    if (s == null || s.isBlank()) {
      return EI;
    }
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("acquisition must be 'ei' or 'ucb', found '" + s + "'");
    }
  }

  /**
   * The acquisition value.
   *
   * @param mean predictive mean
   * @param std predictive standard deviation
   * @param best best observed value (EI's incumbent)
   */
  public double value(double mean, double std, double best) {
    return switch (this) {
      case UCB -> mean + BETA * std;
      case EI -> expectedImprovement(mean, std, best);
    };
  }

  static double expectedImprovement(double mean, double std, double best) {
    double d = mean - best;
    if (std < 1e-12) {
      return Math.max(0, d);
    }
    double z = d / std;
    return d * normalCdf(z) + std * normalPdf(z);
  }

  static double normalPdf(double z) {
    return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  }

  /**
   * Standard normal CDF through the complementary error function of Numerical Recipes (Press et
   * al. 2007, 3rd ed., section 6.2.2, erfc by Chebyshev fit, fractional error below 1.2e-7).
   */
  static double normalCdf(double z) {
    return 0.5 * erfc(-z / Math.sqrt(2));
  }

  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
        + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }
}
