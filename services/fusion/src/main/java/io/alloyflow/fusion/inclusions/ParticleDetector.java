package io.alloyflow.fusion.inclusions;

import io.alloyflow.core.image.Micrograph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Detects non-metallic inclusions as dark particles in a BSE image of steel: the image is
 * smoothed (Gaussian, sigma 1 px), the matrix level and noise are taken robustly (median and
 * 1.4826 x median absolute deviation), pixels darker than the matrix by more than {@code kSigma}
 * noise levels and by at least {@code minContrast} of the matrix level form particles by 8-connected
 * component labelling; particles smaller than {@code minAreaPx} are dropped. Oxides, sulfides and
 * nitrides all have a lower mean atomic number than iron and so a lower backscatter coefficient
 * (Reuter 1972), which is why automated inclusion analysers threshold dark features in BSE
 * (ASTM E2142, "Standard test methods for rating and classifying inclusions in steel
 * using the scanning electron microscope").
 *
 * <p>BSE-only features per particle, for the screening classifier: area, equivalent diameter,
 * aspect ratio, solidity proxy (area over bounding-box area), mean, standard deviation, minimum,
 * 10th and 90th percentile of the particle's grey level relative to the matrix (0 = matrix
 * level, 1 = zero signal) and the mean relative level of the particle's core (pixels at least 2
 * px from its edge; the mean when there are none).
 */
public final class ParticleDetector {

  /** Names of {@link Particle#bseFeatures()}. */
  public static final List<String> FEATURE_NAMES = List.of("areaPx", "ecdUm", "aspect",
      "extent", "meanDark", "sdDark", "maxDark", "p10Dark", "p90Dark", "coreDark");

  /**
   * Options.
   *
   * @param kSigma threshold in noise levels below the matrix
   * @param minContrast least relative darkness (0..1) of a particle pixel
   * @param minAreaPx least particle area
   * @param offset detector black level subtracted before relative levels (grey levels)
   */
  public record Options(double kSigma, double minContrast, int minAreaPx, double offset) {
    public Options {
      if (!(kSigma > 0) || !(minContrast >= 0 && minContrast < 1) || minAreaPx < 1) {
        throw new IllegalArgumentException("need kSigma > 0, minContrast in [0,1), minArea >= 1");
      }
    }

    /** 4 noise levels, 8 % darker than the matrix, 4 pixels, black level 1000. */
    public static Options defaults() {
      return new Options(4, 0.08, 4, 1000);
    }
  }

  private ParticleDetector() {}

  /** Detects the particles. */
  public static List<Particle> detect(Micrograph bse, Options o) {
    int w = bse.width();
    int h = bse.height();
    int n = w * h;
    float[] g = io.alloyflow.fusion.classify.ImageFilters.gaussian(bse.pixels(), w, h, 1);
    float[] sorted = g.clone();
    Arrays.sort(sorted);
    double med = sorted[n / 2];
    float[] dev = new float[n];
    for (int i = 0; i < n; i++) {
      dev[i] = (float) Math.abs(g[i] - med);
    }
    Arrays.sort(dev);
    double sigma = Math.max(1e-6, 1.4826 * dev[n / 2]);
    double level = med - o.offset();
    if (!(level > 0)) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "matrix level %.1f is not above the detector offset %.1f: expected a BSE image of a"
              + " steel matrix", med, o.offset()));
    }
    double thr = Math.min(med - o.kSigma() * sigma, med - o.minContrast() * level);
    boolean[] fg = new boolean[n];
    for (int i = 0; i < n; i++) {
      fg[i] = g[i] < thr;
    }
    int[] lab = new int[n];
    List<Particle> out = new ArrayList<>();
    int[] stack = new int[n];
    int next = 0;
    for (int s = 0; s < n; s++) {
      if (!fg[s] || lab[s] != 0) {
        continue;
      }
      next++;
      int top = 0;
      stack[top++] = s;
      lab[s] = next;
      List<Integer> pix = new ArrayList<>();
      while (top > 0) {
        int p = stack[--top];
        pix.add(p);
        int x = p % w;
        int y = p / w;
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int xx = x + dx;
            int yy = y + dy;
            if (xx >= 0 && yy >= 0 && xx < w && yy < h) {
              int q = yy * w + xx;
              if (fg[q] && lab[q] == 0) {
                lab[q] = next;
                stack[top++] = q;
              }
            }
          }
        }
      }
      if (pix.size() < o.minAreaPx()) {
        continue;
      }
      int[] px = pix.stream().mapToInt(Integer::intValue).sorted().toArray();
      out.add(measure(out.size() + 1, px, lab, next, bse, med, level, w, h));
    }
    return out;
  }

  private static Particle measure(int id, int[] px, int[] lab, int label, Micrograph bse,
      double med, double level, int w, int h) {
    double sx = 0;
    double sy = 0;
    int x0 = Integer.MAX_VALUE;
    int x1 = -1;
    int y0 = Integer.MAX_VALUE;
    int y1 = -1;
    boolean border = false;
    for (int p : px) {
      int x = p % w;
      int y = p / w;
      sx += x + 0.5;
      sy += y + 0.5;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
      border |= x == 0 || y == 0 || x == w - 1 || y == h - 1;
    }
    int a = px.length;
    double cx = sx / a;
    double cy = sy / a;
    double mxx = 1.0 / 12;
    double myy = 1.0 / 12;
    double mxy = 0;
    for (int p : px) {
      double dx = p % w + 0.5 - cx;
      double dy = p / w + 0.5 - cy;
      mxx += dx * dx / a;
      myy += dy * dy / a;
      mxy += dx * dy / a;
    }
    double tr = mxx + myy;
    double disc = Math.sqrt(Math.max(0, (mxx - myy) * (mxx - myy) / 4 + mxy * mxy));
    double l1 = tr / 2 + disc;
    double l2 = Math.max(1e-9, tr / 2 - disc);
    double aspect = Math.sqrt(l1 / l2);
    double orient = Math.toDegrees(0.5 * Math.atan2(2 * mxy, mxx - myy));
    float[] dark = new float[a];
    double mean = 0;
    double core = 0;
    int coreN = 0;
    for (int i = 0; i < a; i++) {
      int p = px[i];
      dark[i] = (float) ((med - bse.pixels()[p]) / level);
      mean += dark[i];
      int x = p % w;
      int y = p / w;
      boolean inner = true;
      for (int dy = -2; dy <= 2 && inner; dy++) {
        for (int dx = -2; dx <= 2; dx++) {
          int xx = x + dx;
          int yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= w || yy >= h || lab[yy * w + xx] != label) {
            inner = false;
            break;
          }
        }
      }
      if (inner) {
        core += dark[i];
        coreN++;
      }
    }
    mean /= a;
    double var = 0;
    for (float d : dark) {
      var += (d - mean) * (d - mean);
    }
    float[] s = dark.clone();
    Arrays.sort(s);
    double px2 = bse.pixelSizeM();
    double ecd = Math.sqrt(4 * a / Math.PI) * px2;
    float[] f = {a, (float) (ecd * 1e6), (float) aspect,
        (float) (a / ((double) (x1 - x0 + 1) * (y1 - y0 + 1))), (float) mean,
        (float) Math.sqrt(var / a), s[a - 1], s[(int) (0.1 * (a - 1))], s[(int) (0.9 * (a - 1))],
        (float) (coreN > 0 ? core / coreN : mean)};
    return new Particle(id, px, a, ecd, cx, cy, aspect, orient, border, f);
  }
}
