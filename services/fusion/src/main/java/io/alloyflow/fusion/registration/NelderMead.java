package io.alloyflow.fusion.registration;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * Nelder-Mead downhill simplex minimiser with the standard coefficients (reflection 1,
 * expansion 2, contraction 0.5, shrink 0.5): J. A. Nelder and R. Mead, "A simplex method for
 * function minimization", Computer Journal 7 (1965) 308.
 */
final class NelderMead {

  private NelderMead() {}

  /** Result: argmin, minimum and evaluations used. */
  record Result(double[] x, double value, int evaluations) {}

  static Result minimize(ToDoubleFunction<double[]> f, double[] x0, double[] step, double tol,
      int maxEval) {
    int n = x0.length;
    double[][] s = new double[n + 1][];
    double[] fv = new double[n + 1];
    s[0] = x0.clone();
    fv[0] = f.applyAsDouble(s[0]);
    int evals = 1;
    for (int i = 0; i < n; i++) {
      s[i + 1] = x0.clone();
      s[i + 1][i] += step[i];
      fv[i + 1] = f.applyAsDouble(s[i + 1]);
      evals++;
    }
    Integer[] order = new Integer[n + 1];
    while (evals < maxEval) {
      for (int i = 0; i <= n; i++) {
        order[i] = i;
      }
      final double[] fvv = fv;
      Arrays.sort(order, (p, q) -> Double.compare(fvv[p], fvv[q]));
      double[][] s2 = new double[n + 1][];
      double[] f2 = new double[n + 1];
      for (int i = 0; i <= n; i++) {
        s2[i] = s[order[i]];
        f2[i] = fv[order[i]];
      }
      s = s2;
      fv = f2;
      double size = 0;
      for (int i = 1; i <= n; i++) {
        for (int j = 0; j < n; j++) {
          size = Math.max(size, Math.abs(s[i][j] - s[0][j]));
        }
      }
      if (size < tol) {
        break;
      }
      double[] c = new double[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          c[j] += s[i][j] / n;
        }
      }
      double[] xr = lerp(c, s[n], -1);
      double fr = f.applyAsDouble(xr);
      evals++;
      if (fr < fv[0]) {
        double[] xe = lerp(c, s[n], -2);
        double fe = f.applyAsDouble(xe);
        evals++;
        if (fe < fr) {
          s[n] = xe;
          fv[n] = fe;
        } else {
          s[n] = xr;
          fv[n] = fr;
        }
      } else if (fr < fv[n - 1]) {
        s[n] = xr;
        fv[n] = fr;
      } else {
        boolean outside = fr < fv[n];
        double[] xc = outside ? lerp(c, s[n], -0.5) : lerp(c, s[n], 0.5);
        double fc = f.applyAsDouble(xc);
        evals++;
        if (fc < Math.min(fr, fv[n])) {
          s[n] = xc;
          fv[n] = fc;
        } else {
          for (int i = 1; i <= n; i++) {
            s[i] = lerp(s[0], s[i], 0.5);
            fv[i] = f.applyAsDouble(s[i]);
            evals++;
          }
        }
      }
    }
    int best = 0;
    for (int i = 1; i <= n; i++) {
      if (fv[i] < fv[best]) {
        best = i;
      }
    }
    return new Result(s[best], fv[best], evals);
  }

  /** c + t (p - c). */
  private static double[] lerp(double[] c, double[] p, double t) {
    double[] r = new double[c.length];
    for (int i = 0; i < c.length; i++) {
      r[i] = c[i] + t * (p[i] - c[i]);
    }
    return r;
  }
}
