package io.alloyflow.segmentation.measure;

import java.util.ArrayList;
import java.util.List;

/**
 * Phase area fractions with standard errors following ASTM E562-19 ("Standard Test Method for
 * Determining Volume Fraction by Systematic Manual Point Count"): the image is divided into n
 * fields (tiles), the point fraction P_P is measured in every field with a dense systematic grid
 * (every pixel, or every {@code step}-th pixel), and the standard error is s/sqrt(n) with s the
 * field-to-field standard deviation; the 95 % CI is t(n-1) s/sqrt(n) and %RA = 100 CI / P_P.
 * Delesse A., 1847 (A_A = V_V) links the area fraction to the volume fraction.
 */
public final class PhaseFractions {
  private PhaseFractions() {}

  /**
   * Fractions of classes 0..names.size()-1.
   *
   * @param tiles fields per side (tiles x tiles fields)
   * @param step grid step in pixels (1 = every pixel)
   */
  public static List<PhaseFraction> measure(
      int[] labels, int w, int h, List<String> names, int tiles, int step) {
    int k = names.size();
    if (tiles < 1 || step < 1) {
      throw new IllegalArgumentException("tiles and step must be >= 1, found " + tiles + ", " + step);
    }
    int nt = Math.min(tiles, Math.min(w, h));
    double[][] per = new double[k][nt * nt];
    long[] total = new long[k];
    long all = 0;
    for (int ty = 0; ty < nt; ty++) {
      int y0 = ty * h / nt;
      int y1 = (ty + 1) * h / nt;
      for (int tx = 0; tx < nt; tx++) {
        int x0 = tx * w / nt;
        int x1 = (tx + 1) * w / nt;
        long[] c = new long[k];
        long pts = 0;
        for (int y = y0; y < y1; y += step) {
          for (int x = x0; x < x1; x += step) {
            int l = labels[y * w + x];
            if (l >= 0 && l < k) {
              c[l]++;
            }
            pts++;
          }
        }
        for (int j = 0; j < k; j++) {
          per[j][ty * nt + tx] = pts > 0 ? c[j] / (double) pts : 0;
          total[j] += c[j];
        }
        all += pts;
      }
    }
    List<PhaseFraction> out = new ArrayList<>();
    int n = nt * nt;
    for (int j = 0; j < k; j++) {
      double f = all > 0 ? total[j] / (double) all : 0;
      double se = n > 1 ? Stats.sd(per[j]) / Math.sqrt(n) : Double.NaN;
      double ci = Stats.t975(n - 1) * se;
      out.add(new PhaseFraction(names.get(j), f, se, ci, f > 0 ? 100 * ci / f : Double.NaN, n));
    }
    return out;
  }
}
