package io.alloyflow.prediction.shap;

import io.alloyflow.prediction.model.FlatBatchModel;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Kernel SHAP (Lundberg and Lee, NeurIPS 2017): coalitions are sampled with the Shapley kernel's
 * size distribution {@code p(s) ~ (M-1) / (s (M-s))}, in complementary pairs, and the Shapley
 * values solve the weighted least-squares problem with the efficiency constraint {@code sum phi =
 * f(x) - base} eliminated exactly, so additivity holds by construction. For more players than
 * {@link ExactShap} handles.
 */
public final class KernelShap {
  private KernelShap() {}

  /**
   * Explains every row of {@code x}.
   *
   * @param samples coalitions sampled per row (rounded up to an even number)
   * @param seed sampling seed
   */
  public static ShapValues explain(
      FlatBatchModel model, double[][] x, double[][] background, double[] weights,
      int[][] players, List<String> names, int samples, long seed) {
    int m = players.length;
    if (m < 2) {
      throw new IllegalArgumentException("Kernel SHAP needs at least 2 players, found " + m);
    }
    int d = background[0].length;
    int nb = background.length;
    double[] w = Background.normalisedWeights(weights, nb);
    int k = samples + (samples & 1);
    double[] sizeCdf = new double[m];
    double tot = 0;
    for (int s = 1; s < m; s++) {
      tot += (m - 1.0) / (s * (double) (m - s));
      sizeCdf[s] = tot;
    }
    double[] fx = model.predict(x);
    double[] bgPred = model.predictFlat(flatten(background, d), nb, d);
    double base = 0;
    for (int b = 0; b < nb; b++) {
      base += w[b] * bgPred[b];
    }
    double[][] out = new double[x.length][m];
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] buf = new double[k * nb * d];
    for (int i = 0; i < x.length; i++) {
      boolean[][] masks = new boolean[k][m];
      for (int s = 0; s < k; s += 2) {
        double u = rnd.nextDouble() * tot;
        int size = 1;
        while (size < m - 1 && sizeCdf[size] < u) {
          size++;
        }
        int[] perm = new int[m];
        for (int j = 0; j < m; j++) {
          perm[j] = j;
        }
        for (int j = m - 1; j > 0; j--) {
          int q = rnd.nextInt(j + 1);
          int t = perm[j];
          perm[j] = perm[q];
          perm[q] = t;
        }
        for (int j = 0; j < size; j++) {
          masks[s][perm[j]] = true;
        }
        for (int j = 0; j < m; j++) {
          masks[s + 1][j] = !masks[s][j];
        }
      }
      int r = 0;
      for (int s = 0; s < k; s++) {
        for (int b = 0; b < nb; b++) {
          System.arraycopy(background[b], 0, buf, r * d, d);
          for (int j = 0; j < m; j++) {
            if (masks[s][j]) {
              for (int c : players[j]) {
                buf[r * d + c] = x[i][c];
              }
            }
          }
          r++;
        }
      }
      double[] pred = model.predictFlat(buf, r, d);
      double delta = fx[i] - base;
      // unknowns phi_0..phi_{m-2}; phi_{m-1} = delta - sum(others)
      int p = m - 1;
      double[][] a = new double[p][p];
      double[] rhs = new double[p];
      for (int s = 0; s < k; s++) {
        double v = 0;
        for (int b = 0; b < nb; b++) {
          v += w[b] * pred[s * nb + b];
        }
        double zl = masks[s][m - 1] ? 1 : 0;
        double yv = v - base - zl * delta;
        double[] zr = new double[p];
        for (int j = 0; j < p; j++) {
          zr[j] = (masks[s][j] ? 1 : 0) - zl;
        }
        for (int j = 0; j < p; j++) {
          rhs[j] += zr[j] * yv;
          for (int q = 0; q < p; q++) {
            a[j][q] += zr[j] * zr[q];
          }
        }
      }
      for (int j = 0; j < p; j++) {
        a[j][j] += 1e-9 * k;
      }
      double[] phi = solve(a, rhs);
      double sum = 0;
      for (int j = 0; j < p; j++) {
        out[i][j] = phi[j];
        sum += phi[j];
      }
      out[i][m - 1] = delta - sum;
    }
    double err = ShapValues.checkAdditivity(base, out, fx);
    return new ShapValues(names, base, out, fx, "kernel-shap", err);
  }

  static double[] flatten(double[][] rows, int d) {
    double[] f = new double[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, f, i * d, d);
    }
    return f;
  }

  /** Gaussian elimination with partial pivoting. */
  static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][];
    for (int i = 0; i < n; i++) {
      m[i] = a[i].clone();
    }
    double[] x = b.clone();
    for (int c = 0; c < n; c++) {
      int piv = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) {
          piv = r;
        }
      }
      double[] t = m[c];
      m[c] = m[piv];
      m[piv] = t;
      double tb = x[c];
      x[c] = x[piv];
      x[piv] = tb;
      if (Math.abs(m[c][c]) < 1e-300) {
        continue;
      }
      for (int r = c + 1; r < n; r++) {
        double f = m[r][c] / m[c][c];
        for (int q = c; q < n; q++) {
          m[r][q] -= f * m[c][q];
        }
        x[r] -= f * x[c];
      }
    }
    for (int c = n - 1; c >= 0; c--) {
      double s = x[c];
      for (int q = c + 1; q < n; q++) {
        s -= m[c][q] * x[q];
      }
      x[c] = Math.abs(m[c][c]) < 1e-300 ? 0 : s / m[c][c];
    }
    return x;
  }
}
