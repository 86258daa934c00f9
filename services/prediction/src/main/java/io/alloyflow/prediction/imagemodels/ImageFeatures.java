package io.alloyflow.prediction.imagemodels;

import java.util.ArrayList;
import java.util.List;

/**
 * Interpretable features of a periodic two-phase map (0 ferrite, 1 martensite): phase fraction,
 * interface density, mean chord lengths of both phases along x and y (island size and ferrite
 * spacing), island count and mean island area (4-connected, periodic), a banding index (spread of
 * the row-wise minus the column-wise martensite fraction), and normalised two-point correlations
 * (S2(r) - f^2) / (f - f^2) at lags 1, 2, 4, 8 along x and y (S. Torquato, "Random Heterogeneous
 * Materials", Springer 2002, ch. 2), and the largest, smallest and spread of the martensite
 * fraction in periodic windows of side n/4 (weakest-link measures of clustering).
 */
public final class ImageFeatures {

  /** Feature names, in column order. */
  public static final List<String> NAMES = List.of(
      "martensite_fraction", "interface_density", "martensite_chord_x", "martensite_chord_y",
      "ferrite_chord_x", "ferrite_chord_y", "island_count_per_kpx", "mean_island_area",
      "banding_index", "s2_x1", "s2_x2", "s2_x4", "s2_x8", "s2_y1", "s2_y2", "s2_y4", "s2_y8",
      "local_fraction_max", "local_fraction_min", "local_fraction_sd");

  private ImageFeatures() {}

  /** Features of map {@code m} of side n. */
  public static double[] of(int[] m, int n) {
    if (m.length != n * n) {
      throw new IllegalArgumentException("map of side " + n + " needs " + n * n + " pixels, found " + m.length);
    }
    double f = 0;
    for (int v : m) {
      if (v != 0 && v != 1) {
        throw new IllegalArgumentException("phase maps must hold 0 (ferrite) or 1 (martensite), found " + v);
      }
      f += v;
    }
    f /= m.length;
    int diff = 0;
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        int v = m[y * n + x];
        diff += v != m[y * n + (x + 1) % n] ? 1 : 0;
        diff += v != m[((y + 1) % n) * n + x] ? 1 : 0;
      }
    }
    double[] cx = chords(m, n, true);
    double[] cy = chords(m, n, false);
    int[] islands = islands(m, n);
    double rowVar = 0;
    double colVar = 0;
    for (int k = 0; k < n; k++) {
      double r = 0;
      double c = 0;
      for (int j = 0; j < n; j++) {
        r += m[k * n + j];
        c += m[j * n + k];
      }
      rowVar += Math.pow(r / n - f, 2) / n;
      colVar += Math.pow(c / n - f, 2) / n;
    }
    double norm = Math.max(f * (1 - f), 1e-12);
    List<Double> out = new ArrayList<>(List.of(
        f, diff / (2.0 * n * n), cx[1], cy[1], cx[0], cy[0], islands[0] * 1000.0 / (n * n),
        islands[0] == 0 ? 0 : islands[1] / (double) islands[0],
        (Math.sqrt(rowVar) - Math.sqrt(colVar)) / Math.sqrt(norm)));
    for (boolean alongX : new boolean[] {true, false}) {
      for (int lag : new int[] {1, 2, 4, 8}) {
        double s2 = 0;
        for (int y = 0; y < n; y++) {
          for (int x = 0; x < n; x++) {
            int o = alongX ? m[y * n + (x + lag) % n] : m[((y + lag) % n) * n + x];
            s2 += m[y * n + x] * o;
          }
        }
        s2 /= n * n;
        out.add(f > 0 && f < 1 ? (s2 - f * f) / norm : 0);
      }
    }
    // extremes of the martensite fraction in periodic windows of side n/4 (weakest-link measures)
    int w = Math.max(2, n / 4);
    double lmax = 0;
    double lmin = 1;
    double ls = 0;
    double ls2 = 0;
    for (int y0 = 0; y0 < n; y0++) {
      for (int x0 = 0; x0 < n; x0++) {
        double c = 0;
        for (int dy = 0; dy < w; dy++) {
          for (int dx = 0; dx < w; dx++) {
            c += m[((y0 + dy) % n) * n + (x0 + dx) % n];
          }
        }
        c /= w * w;
        lmax = Math.max(lmax, c);
        lmin = Math.min(lmin, c);
        ls += c;
        ls2 += c * c;
      }
    }
    int cells = n * n;
    out.add(lmax);
    out.add(lmin);
    out.add(Math.sqrt(Math.max(0, ls2 / cells - Math.pow(ls / cells, 2))));
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Mean chord lengths {ferrite, martensite} along x or y (periodic). */
  static double[] chords(int[] m, int n, boolean alongX) {
    double[] total = new double[2];
    int[] count = new int[2];
    for (int line = 0; line < n; line++) {
      int start = -1;
      for (int k = 0; k < n; k++) {
        if (at(m, n, line, k, alongX) != at(m, n, line, k - 1, alongX)) {
          start = k;
          break;
        }
      }
      if (start < 0) {
        int v = at(m, n, line, 0, alongX);
        total[v] += n;
        count[v]++;
        continue;
      }
      int run = 0;
      int cur = at(m, n, line, start, alongX);
      for (int k = 0; k < n; k++) {
        int v = at(m, n, line, start + k, alongX);
        if (v == cur) {
          run++;
        } else {
          total[cur] += run;
          count[cur]++;
          cur = v;
          run = 1;
        }
      }
      total[cur] += run;
      count[cur]++;
    }
    return new double[] {count[0] == 0 ? 0 : total[0] / count[0], count[1] == 0 ? 0 : total[1] / count[1]};
  }

  private static int at(int[] m, int n, int line, int k, boolean alongX) {
    int kk = Math.floorMod(k, n);
    return alongX ? m[line * n + kk] : m[kk * n + line];
  }

  /** {number of martensite islands, martensite pixels}; 4-connected, periodic. */
  static int[] islands(int[] m, int n) {
    int[] label = new int[m.length];
    int count = 0;
    int pixels = 0;
    int[] stack = new int[m.length];
    for (int i = 0; i < m.length; i++) {
      if (m[i] != 1 || label[i] != 0) {
        continue;
      }
      count++;
      int sp = 0;
      stack[sp++] = i;
      label[i] = count;
      while (sp > 0) {
        int p = stack[--sp];
        pixels++;
        int x = p % n;
        int y = p / n;
        int[] nb = {y * n + (x + 1) % n, y * n + (x + n - 1) % n, ((y + 1) % n) * n + x,
            ((y + n - 1) % n) * n + x};
        for (int q : nb) {
          if (m[q] == 1 && label[q] == 0) {
            label[q] = count;
            stack[sp++] = q;
          }
        }
      }
    }
    return new int[] {count, pixels};
  }

  /** One-channel float input (0/1) for the CNN. */
  public static float[] cnnInput(int[] m) {
    float[] x = new float[m.length];
    for (int i = 0; i < m.length; i++) {
      x[i] = m[i];
    }
    return x;
  }
}
