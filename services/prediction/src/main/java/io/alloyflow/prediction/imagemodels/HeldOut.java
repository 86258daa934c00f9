package io.alloyflow.prediction.imagemodels;

import io.alloyflow.prediction.model.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A seeded train/test split and the held-out metrics table. */
public final class HeldOut {

  /**
   * One model's held-out scores.
   *
   * @param model model name
   * @param r2 coefficient of determination on the test rows
   * @param mae mean absolute error
   * @param rmse root mean squared error
   * @param trainSeconds training wall time
   */
  public record Score(String model, double r2, double mae, double rmse, double trainSeconds) {}

  private HeldOut() {}

  /** Indices {train, test}: a seeded permutation, the last {@code testFraction} held out. */
  public static int[][] split(int n, double testFraction, long seed) {
    if (n < 5 || !(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException(
          "a split needs >= 5 samples and a test fraction in (0, 1), found " + n + " and " + testFraction);
    }
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    SplittableRandom r = new SplittableRandom(seed);
    io.alloyflow.prediction.data.Shuffle.inPlace(p, r);
    int nt = Math.max(1, (int) Math.round(n * testFraction));
    int[] train = java.util.Arrays.copyOfRange(p, 0, n - nt);
    int[] test = java.util.Arrays.copyOfRange(p, n - nt, n);
    java.util.Arrays.sort(train);
    java.util.Arrays.sort(test);
    return new int[][] {train, test};
  }

  /** Scores predictions. */
  public static Score score(String model, double[] y, double[] p, double seconds) {
    return new Score(model, Metrics.r2(y, p), Metrics.mae(y, p), Metrics.rmse(y, p), seconds);
  }

  /** A Markdown table. */
  public static String table(String title, String unit, List<Score> scores, int nTrain, int nTest) {
    StringBuilder sb = new StringBuilder();
    sb.append("### ").append(title).append(" (").append(nTrain).append(" train / ").append(nTest)
        .append(" held out)\n\n| model | R2 | MAE (").append(unit).append(") | RMSE (")
        .append(unit).append(") | train s |\n|---|---|---|---|---|\n");
    for (Score s : scores) {
      sb.append(String.format(java.util.Locale.ROOT, "| %s | %.3f | %.4g | %.4g | %.1f |%n",
          s.model(), s.r2(), s.mae(), s.rmse(), s.trainSeconds()));
    }
    return sb.toString();
  }

  static <T> List<T> pick(List<T> all, int[] idx) {
    List<T> out = new ArrayList<>();
    for (int i : idx) {
      out.add(all.get(i));
    }
    return out;
  }

  static double[] pick(double[] all, int[] idx) {
    double[] out = new double[idx.length];
    for (int k = 0; k < idx.length; k++) {
      out[k] = all[idx[k]];
    }
    return out;
  }
}
