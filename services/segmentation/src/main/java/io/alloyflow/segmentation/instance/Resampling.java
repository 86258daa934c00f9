package io.alloyflow.segmentation.instance;

import io.alloyflow.core.image.Micrograph;

/**
 * Integer-factor resampling for instance models that run at reduced resolution: box-average
 * downsampling of the micrograph (the anti-aliased decimation of Gonzalez and Woods, "Digital Image
 * Processing", 4th ed., 2018, sec. 2.4), centre-sample downsampling of instance maps, and bilinear
 * upsampling of class-probability planes back to the full grid (pixel centres aligned, so a
 * {@code f x f} block's centre maps onto the coarse pixel's centre). Predicting at 1/f resolution
 * costs ~1/f^2 of the network time; the instances are then decoded on the full-resolution grid.
 */
public final class Resampling {

  private Resampling() {}

  /** Coarse size of a {@code n}-pixel side at factor {@code f} (at least one pixel). */
  public static int coarse(int n, int f) {
    return Math.max(1, n / f);
  }

  /** Box-average downsampling by {@code f}; the pixel size grows by {@code f}. */
  public static Micrograph downsample(Micrograph m, int f) {
    checkFactor(f);
    if (f == 1) {
      return m;
    }
    int w = coarse(m.width(), f);
    int h = coarse(m.height(), f);
    float[] src = m.pixels();
    float[] px = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double s = 0;
        int c = 0;
        for (int dy = 0; dy < f && y * f + dy < m.height(); dy++) {
          for (int dx = 0; dx < f && x * f + dx < m.width(); dx++) {
            s += src[(y * f + dy) * m.width() + x * f + dx];
            c++;
          }
        }
        px[y * w + x] = (float) (s / c);
      }
    }
    return new Micrograph(w, h, px, m.bitDepth(), m.pixelSizeM() * f, m.signal());
  }

  /** Instance map downsampled by {@code f}: each coarse pixel takes its block's centre label. */
  public static int[] downsampleLabels(int[] labels, int width, int height, int f) {
    checkFactor(f);
    if ((long) width * height != labels.length) {
      throw new IllegalArgumentException("label map of " + width + "x" + height + " needs "
          + ((long) width * height) + " labels, found " + labels.length);
    }
    if (f == 1) {
      return labels.clone();
    }
    int w = coarse(width, f);
    int h = coarse(height, f);
    int[] out = new int[w * h];
    for (int y = 0; y < h; y++) {
      int yy = Math.min(height - 1, y * f + f / 2);
      for (int x = 0; x < w; x++) {
        out[y * w + x] = labels[yy * width + Math.min(width - 1, x * f + f / 2)];
      }
    }
    return out;
  }

  /**
   * Bilinear upsampling of probability planes {@code probs[c][y * cw + x]} from {@code cw x ch}
   * to {@code w x h}, the full-resolution pixel {@code (x, y)} sampling the coarse grid at
   * {@code ((x + 0.5) * cw / w - 0.5, (y + 0.5) * ch / h - 0.5)}, clamped at the edges.
   */
  public static float[][] upsample(float[][] probs, int cw, int ch, int w, int h) {
    float[][] out = new float[probs.length][w * h];
    int[] x0 = new int[w];
    float[] fx = new float[w];
    for (int x = 0; x < w; x++) {
      double sx = Math.max(0, Math.min(cw - 1, (x + 0.5) * cw / w - 0.5));
      x0[x] = Math.min(cw - 2 < 0 ? 0 : cw - 2, (int) Math.floor(sx));
      fx[x] = (float) (sx - x0[x]);
    }
    for (int y = 0; y < h; y++) {
      double sy = Math.max(0, Math.min(ch - 1, (y + 0.5) * ch / h - 0.5));
      int y0 = Math.min(ch - 2 < 0 ? 0 : ch - 2, (int) Math.floor(sy));
      float fy = (float) (sy - y0);
      int y1 = Math.min(ch - 1, y0 + 1);
      for (int c = 0; c < probs.length; c++) {
        float[] p = probs[c];
        float[] o = out[c];
        for (int x = 0; x < w; x++) {
          int xa = x0[x];
          int xb = Math.min(cw - 1, xa + 1);
          float top = p[y0 * cw + xa] * (1 - fx[x]) + p[y0 * cw + xb] * fx[x];
          float bot = p[y1 * cw + xa] * (1 - fx[x]) + p[y1 * cw + xb] * fx[x];
          o[y * w + x] = top * (1 - fy) + bot * fy;
        }
      }
    }
    return out;
  }

  private static void checkFactor(int f) {
    if (f < 1 || f > 16) {
      throw new IllegalArgumentException("resampling factor must be in 1..16, found " + f);
    }
  }
}
