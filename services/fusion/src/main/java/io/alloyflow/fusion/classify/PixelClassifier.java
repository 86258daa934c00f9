package io.alloyflow.fusion.classify;

/**
 * A probabilistic classifier of feature rows (row-major {@code float[rows * features]}) into
 * classes 0..k-1.
 */
public interface PixelClassifier {

  /** Short method name (rf, xgb, knn, lr, svm). */
  String name();

  /** Trains on rows x with labels y in 0..k-1. */
  void fit(float[] x, int features, int[] y, int k);

  /** Class probabilities (or normalised scores) per row, {@code [row * k + c]}. */
  float[] predictProba(float[] x, int features);

  /** Most probable class per row. */
  default int[] predict(float[] x, int features) {
    float[] p = predictProba(x, features);
    int n = x.length / features;
    int k = p.length / Math.max(1, n);
    int[] out = new int[n];
    for (int r = 0; r < n; r++) {
      int best = 0;
      for (int c = 1; c < k; c++) {
        if (p[r * k + c] > p[r * k + best]) {
          best = c;
        }
      }
      out[r] = best;
    }
    return out;
  }

  /** Per-feature mean and standard deviation of the training rows. */
  final class Standardiser {
    final double[] mean;
    final double[] sd;

    Standardiser(float[] x, int m) {
      int n = x.length / m;
      mean = new double[m];
      sd = new double[m];
      for (int r = 0; r < n; r++) {
        for (int f = 0; f < m; f++) {
          mean[f] += x[r * m + f];
        }
      }
      for (int f = 0; f < m; f++) {
        mean[f] /= n;
      }
      for (int r = 0; r < n; r++) {
        for (int f = 0; f < m; f++) {
          double d = x[r * m + f] - mean[f];
          sd[f] += d * d;
        }
      }
      for (int f = 0; f < m; f++) {
        sd[f] = Math.sqrt(sd[f] / n);
        if (!(sd[f] > 1e-12)) {
          sd[f] = 1;
        }
      }
    }

    double[] row(float[] x, int r, int m) {
      double[] out = new double[m];
      for (int f = 0; f < m; f++) {
        out[f] = (x[r * m + f] - mean[f]) / sd[f];
      }
      return out;
    }
  }
}
