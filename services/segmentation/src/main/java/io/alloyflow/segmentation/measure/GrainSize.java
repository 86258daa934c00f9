package io.alloyflow.segmentation.measure;

import io.alloyflow.segmentation.morphology.ConnectedComponents;

/**
 * ASTM grain size from a grain label map (grains 1..n, 0 = boundary or unassigned pixels).
 *
 * <p>ASTM E112-13, "Standard Test Methods for Determining Average Grain Size": the Heyn lineal
 * intercept procedure (Heyn E., 1904, Metallographist 5:39-64) counts grain-boundary intersections
 * P along test lines of total length L; P_L = P/L, l = 1/P_L and G = -6.643856 log10(l[mm]) - 3.288.
 * The Jeffries planimetric procedure (Jeffries Z., Kline A.H. and Zimmer E.B., 1916, Trans. AIME
 * 57:594) counts grains inside a rectangle (N_inside) and cut by it (N_intercepted):
 * N_A = (N_inside + N_intercepted/2 + 1) / A (the four corner grains, scored 1/4 each, are the
 * +1 and are not part of N_intercepted) and G = 3.321928 log10(N_A[mm^-2]) - 2.954. 95 %
 * confidence intervals are t s / sqrt(n) over fields (disjoint tiles of the image), mapped
 * through the G formula. ASTM E1382-97 (automated image analysis) uses the mean area of the
 * grains that do not touch the frame: N_A = 1 / mean area, with the CI from the grain-to-grain spread.
 */
public final class GrainSize {
  private GrainSize() {}

  /** Grains (4-connected non-boundary regions) of a mask of boundary pixels. */
  public static int[] grainsFromBoundaries(byte[] boundary, int w, int h, int minGrainPx) {
    byte[] inside = new byte[boundary.length];
    for (int i = 0; i < inside.length; i++) {
      inside[i] = boundary[i] == 0 ? (byte) 1 : 0;
    }
    int[] lab = ConnectedComponents.label(inside, w, h, false);
    if (minGrainPx > 1) {
      int n = ConnectedComponents.count(lab);
      int[] area = new int[n + 1];
      for (int l : lab) {
        area[l]++;
      }
      int[] map = new int[n + 1];
      int next = 0;
      for (int l = 1; l <= n; l++) {
        map[l] = area[l] >= minGrainPx ? ++next : 0;
      }
      for (int i = 0; i < lab.length; i++) {
        lab[i] = map[lab[i]];
      }
    }
    return lab;
  }

  /**
   * Heyn lineal intercept on {@code linesPerDirection} horizontal and as many vertical test lines,
   * evenly spaced. An intersection is scored wherever the grain label changes along a line
   * (boundary pixels in between are skipped) and is assigned to the position of the first pixel
   * of the new grain.
   *
   * <p>The 95 % confidence interval follows E112 section 15: t s / sqrt(n) over n <em>fields</em>,
   * each field being one application of the test pattern. Neighbouring test lines closer than a
   * few intercept lengths cut the same grains, so treating every line as an independent field
   * understates the spread. The fields here are therefore disjoint square tiles of the image
   * (2x2 up to 5x5), each at least {@value #MIN_INTERCEPTS_PER_FIELD_SIDE} mean intercepts
   * across; P_L of a field counts the intersections that fall inside it over the test-line length
   * inside it. When the image is too small for two tiles per side the interval is not defined
   * (NaN) and {@code fields} is 1.
   */
  public static GrainSizeResult heynIntercept(
      int[] grains, int w, int h, double pixelSizeM, int linesPerDirection) {
    int nl = Math.max(1, linesPerDirection);
    // per line: the positions along it where an intersection is scored
    int[][] hits = new int[2 * nl][];
    int[] across = new int[2 * nl];
    long totalP = 0;
    double totalLen = 0;
    int f = 0;
    for (int dir = 0; dir < 2; dir++) {
      int acrossN = dir == 0 ? h : w;
      int along = dir == 0 ? w : h;
      for (int k = 0; k < nl; k++) {
        int c = (int) ((k + 0.5) * acrossN / nl);
        int last = 0;
        int[] pos = new int[8];
        int p = 0;
        for (int t = 0; t < along; t++) {
          int l = dir == 0 ? grains[c * w + t] : grains[t * w + c];
          if (l == 0) {
            continue;
          }
          if (last != 0 && l != last) {
            if (p == pos.length) {
              pos = java.util.Arrays.copyOf(pos, 2 * p);
            }
            pos[p++] = t;
          }
          last = l;
        }
        hits[f] = java.util.Arrays.copyOf(pos, p);
        across[f] = c;
        f++;
        totalP += p;
        totalLen += along;
      }
    }
    double plMean = totalLen > 0 ? totalP / totalLen : 0;
    // fields: nt x nt disjoint tiles, each side >= MIN_INTERCEPTS_PER_FIELD_SIDE intercepts
    double interceptPx = plMean > 0 ? 1 / plMean : Double.POSITIVE_INFINITY;
    int nt = (int) Math.min(5, Math.floor(Math.min(w, h)
        / (MIN_INTERCEPTS_PER_FIELD_SIDE * interceptPx)));
    double ci = Double.NaN;
    int fields = 1;
    if (nt >= 2) {
      double[] p = new double[nt * nt];
      double[] len = new double[nt * nt];
      for (int li = 0; li < 2 * nl; li++) {
        boolean horizontal = li < nl;
        int along = horizontal ? w : h;
        int acrossN = horizontal ? h : w;
        int tAcross = Math.min(nt - 1, across[li] * nt / acrossN);
        for (int ta = 0; ta < nt; ta++) {
          int field = horizontal ? tAcross * nt + ta : ta * nt + tAcross;
          len[field] += (ta + 1) * along / nt - ta * along / nt;
        }
        for (int pos : hits[li]) {
          int ta = Math.min(nt - 1, pos * nt / along);
          p[horizontal ? tAcross * nt + ta : ta * nt + tAcross]++;
        }
      }
      double[] pl = new double[nt * nt];
      int used = 0;
      for (int t = 0; t < pl.length; t++) {
        if (len[t] > 0) {
          pl[used++] = p[t] / len[t];
        }
      }
      pl = java.util.Arrays.copyOf(pl, used);
      if (used >= 2) {
        ci = Stats.t975(used - 1) * Stats.sd(pl) / Math.sqrt(used);
        fields = used;
      }
    }
    double pxMm = pixelSizeM * 1e3;
    double lMm = plMean > 0 ? pxMm / plMean : Double.NaN;
    double g = gFromIntercept(lMm);
    double gLo = plMean - ci > 0 ? gFromIntercept(pxMm / (plMean - ci)) : Double.NaN;
    double gHi = gFromIntercept(pxMm / (plMean + ci));
    return new GrainSizeResult(
        "E112-heyn-intercept",
        g,
        gLo,
        gHi,
        lMm * 1e3,
        Double.NaN,
        plMean > 0 ? 100 * ci / plMean : Double.NaN,
        totalP,
        fields);
  }

  /** Smallest side of a Heyn confidence field, in mean intercept lengths. */
  public static final int MIN_INTERCEPTS_PER_FIELD_SIDE = 8;

  /**
   * Jeffries planimetric count on tiles x tiles rectangular fields (the whole image when tiles is
   * 1). Grains touching a field edge count one half, corner grains one quarter.
   */
  public static GrainSizeResult jeffriesPlanimetric(
      int[] grains, int w, int h, double pixelSizeM, int tiles) {
    int nt = Math.max(1, tiles);
    int n = ConnectedComponents.count(grains);
    // per grain: which tile it lies in (-1 = several) and whether it touches a field edge
    int[] tileOf = new int[n + 1];
    java.util.Arrays.fill(tileOf, -2);
    boolean[] cut = new boolean[n + 1];
    int[] tx0 = new int[nt + 1];
    int[] ty0 = new int[nt + 1];
    for (int t = 0; t <= nt; t++) {
      tx0[t] = t * w / nt;
      ty0[t] = t * h / nt;
    }
    int[] colTile = new int[w];
    int[] rowTile = new int[h];
    for (int t = 0; t < nt; t++) {
      for (int x = tx0[t]; x < tx0[t + 1]; x++) {
        colTile[x] = t;
      }
      for (int y = ty0[t]; y < ty0[t + 1]; y++) {
        rowTile[y] = t;
      }
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int l = grains[y * w + x];
        if (l == 0) {
          continue;
        }
        int t = rowTile[y] * nt + colTile[x];
        if (tileOf[l] == -2) {
          tileOf[l] = t;
        } else if (tileOf[l] != t) {
          tileOf[l] = -1;
        }
        if (x == 0 || y == 0 || x == w - 1 || y == h - 1) {
          cut[l] = true;
        }
      }
    }
    double[] inside = new double[nt * nt];
    double[] inter = new double[nt * nt];
    // grains spanning several tiles count as intercepted in each tile they touch
    boolean[][] touches = new boolean[n + 1][];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int l = grains[y * w + x];
        if (l == 0 || tileOf[l] != -1) {
          continue;
        }
        if (touches[l] == null) {
          touches[l] = new boolean[nt * nt];
        }
        touches[l][rowTile[y] * nt + colTile[x]] = true;
      }
    }
    long counted = 0;
    for (int l = 1; l <= n; l++) {
      if (tileOf[l] == -2) {
        continue;
      }
      counted++;
      if (tileOf[l] >= 0) {
        if (cut[l]) {
          inter[tileOf[l]]++;
        } else {
          inside[tileOf[l]]++;
        }
      } else {
        for (int t = 0; t < nt * nt; t++) {
          if (touches[l][t]) {
            inter[t]++;
          }
        }
      }
    }
    double pxMm2 = Math.pow(pixelSizeM * 1e3, 2);
    double[] na = new double[nt * nt];
    double sumCount = 0;
    double sumArea = 0;
    for (int ty = 0; ty < nt; ty++) {
      for (int tx = 0; tx < nt; tx++) {
        int t = ty * nt + tx;
        double areaMm2 = (tx0[tx + 1] - tx0[tx]) * (double) (ty0[ty + 1] - ty0[ty]) * pxMm2;
        // E112 scores the four corner grains 1/4 each (N_inside + N_intercepted/2 + 1 with the
        // corner grains left out of N_intercepted); here they were counted as intercepted (1/2
        // each), so 4 * 1/2 - 1 = 1 is removed.
        double c = Math.max(0, inside[t] + 0.5 * inter[t] - 1);
        na[t] = c / areaMm2;
        sumCount += c;
        sumArea += areaMm2;
      }
    }
    double naMean = sumCount / sumArea;
    double ci = nt > 1 ? Stats.t975(na.length - 1) * Stats.sd(na) / Math.sqrt(na.length) : Double.NaN;
    double g = gFromNa(naMean);
    return new GrainSizeResult(
        "E112-jeffries-planimetric",
        g,
        naMean - ci > 0 ? gFromNa(naMean - ci) : Double.NaN,
        gFromNa(naMean + ci),
        Double.NaN,
        naMean,
        100 * ci / naMean,
        counted,
        na.length);
  }

  /** ASTM E1382 automated variant: mean area of grains not touching the frame. */
  public static GrainSizeResult e1382GrainArea(int[] grains, int w, int h, double pixelSizeM) {
    int n = ConnectedComponents.count(grains);
    long[] area = new long[n + 1];
    boolean[] border = new boolean[n + 1];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int l = grains[y * w + x];
        if (l == 0) {
          continue;
        }
        area[l]++;
        if (x == 0 || y == 0 || x == w - 1 || y == h - 1) {
          border[l] = true;
        }
      }
    }
    int m = 0;
    for (int l = 1; l <= n; l++) {
      if (area[l] > 0 && !border[l]) {
        m++;
      }
    }
    double pxMm2 = Math.pow(pixelSizeM * 1e3, 2);
    double[] a = new double[m];
    int k = 0;
    for (int l = 1; l <= n; l++) {
      if (area[l] > 0 && !border[l]) {
        a[k++] = area[l] * pxMm2;
      }
    }
    // boundary pixels belong to the grains: spread them evenly over all grains
    long gp = 0;
    for (int l : grains) {
      if (l != 0) {
        gp++;
      }
    }
    double scale = gp > 0 ? (double) grains.length / gp : 1;
    for (int i = 0; i < m; i++) {
      a[i] *= scale;
    }
    double meanA = Stats.mean(a);
    double ci = Stats.t975(m - 1) * Stats.sd(a) / Math.sqrt(m);
    double na = 1 / meanA;
    return new GrainSizeResult(
        "E1382-grain-area",
        gFromNa(na),
        gFromNa(1 / (meanA + ci)),
        meanA - ci > 0 ? gFromNa(1 / (meanA - ci)) : Double.NaN,
        Double.NaN,
        na,
        100 * ci / meanA,
        m,
        m);
  }

  /** G from the mean lineal intercept in millimetres (E112 Eq. 8 form). */
  public static double gFromIntercept(double lMm) {
    return -6.643856 * Math.log10(lMm) - 3.288;
  }

  /** G from grains per square millimetre (E112 planimetric relation). */
  public static double gFromNa(double naPerMm2) {
    return 3.321928 * Math.log10(naPerMm2) - 2.954;
  }
}
