package io.alloyflow.synthetic.micromech;

import io.alloyflow.synthetic.random.RandomFields;
import java.util.SplittableRandom;

/** Correlated Gaussian random fields on periodic grids (white noise, periodic Gaussian blur). */
final class PeriodicField {

  private PeriodicField() {}

  /** Standardised periodic field on an n x n grid with Gaussian correlation sigmaX, sigmaY (px). */
  static double[] gaussian2d(int n, double sigmaX, double sigmaY, SplittableRandom rng) {
    double[] f = new double[n * n];
    for (int i = 0; i < f.length; i++) {
      f[i] = RandomFields.gaussian(rng);
    }
    double[] kx = kernel(sigmaX, n);
    double[] ky = kernel(sigmaY, n);
    int rx = kx.length / 2;
    int ry = ky.length / 2;
    double[] t = new double[f.length];
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        double s = 0;
        for (int d = -rx; d <= rx; d++) {
          s += kx[d + rx] * f[y * n + Math.floorMod(x + d, n)];
        }
        t[y * n + x] = s;
      }
    }
    double[] o = new double[f.length];
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        double s = 0;
        for (int d = -ry; d <= ry; d++) {
          s += ky[d + ry] * t[Math.floorMod(y + d, n) * n + x];
        }
        o[y * n + x] = s;
      }
    }
    double mean = 0;
    for (double v : o) {
      mean += v / o.length;
    }
    double var = 0;
    for (double v : o) {
      var += (v - mean) * (v - mean) / o.length;
    }
    double sd = Math.sqrt(Math.max(var, 1e-300));
    for (int i = 0; i < o.length; i++) {
      o[i] = (o[i] - mean) / sd;
    }
    return o;
  }

  private static double[] kernel(double sigma, int n) {
    int r = (int) Math.min(Math.ceil(3 * sigma), (n - 1) / 2);
    double[] k = new double[2 * r + 1];
    double s = 0;
    for (int d = -r; d <= r; d++) {
      k[d + r] = Math.exp(-0.5 * d * d / (sigma * sigma));
      s += k[d + r];
    }
    for (int i = 0; i < k.length; i++) {
      k[i] /= s;
    }
    return k;
  }
}
