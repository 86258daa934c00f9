package io.alloyflow.segmentation.unet;

import java.util.SplittableRandom;

/**
 * Draws augmented random training crops from a normalised image (values about [0, 1]) and its
 * class-index mask ({@code -1} = unlabelled, ignored by the loss), following {@link
 * AugmentationSettings}. Reads outside the image are mirrored (reflect-101), so crops larger than
 * the image are allowed. Deterministic for a given {@link SplittableRandom}.
 */
public final class Augmenter {

  private final AugmentationSettings settings;

  public Augmenter(AugmentationSettings settings) {
    this.settings = settings;
  }

  /** One training sample: crop pixels and labels, row-major, side {@code crop}. */
  public record Sample(float[] pixels, int[] labels, int side) {}

  /** Mirror index into [0, n). */
  static int reflect(int i, int n) {
    if (n == 1) {
      return 0;
    }
    int period = 2 * (n - 1);
    i = Math.floorMod(i, period);
    return i < n ? i : period - i;
  }

  /**
   * A random augmented crop.
   *
   * @param img normalised pixels of a {@code w x h} image
   * @param mask class indices (or -1) of the same size
   */
  public Sample sample(float[] img, int[] mask, int w, int h, int crop, SplittableRandom rnd) {
    double s = 1;
    if (settings.scaleMax() > settings.scaleMin()) {
      double a = Math.log(settings.scaleMin());
      double b = Math.log(settings.scaleMax());
      s = Math.exp(a + (b - a) * rnd.nextDouble());
    } else {
      s = settings.scaleMin();
    }
    // s > 1 magnifies: the crop covers crop / s source pixels
    double span = crop / s;
    double x0 = w > span ? rnd.nextDouble() * (w - span) : -(span - w) / 2;
    double y0 = h > span ? rnd.nextDouble() * (h - span) : -(span - h) / 2;
    int rot = settings.rotate90() ? rnd.nextInt(4) : 0;
    boolean flipX = settings.flips() && rnd.nextBoolean();
    boolean flipY = settings.flips() && rnd.nextBoolean();
    float[] px = new float[crop * crop];
    int[] lb = new int[crop * crop];
    double step = span / crop;
    for (int v = 0; v < crop; v++) {
      for (int u = 0; u < crop; u++) {
        // output (u, v) <- transformed (p, q) in the unrotated crop
        int p = flipX ? crop - 1 - u : u;
        int q = flipY ? crop - 1 - v : v;
        for (int r = 0; r < rot; r++) {
          int t = p;
          p = q;
          q = crop - 1 - t;
        }
        double sx = x0 + (p + 0.5) * step - 0.5;
        double sy = y0 + (q + 0.5) * step - 0.5;
        int ix = (int) Math.floor(sx);
        int iy = (int) Math.floor(sy);
        double fx = sx - ix;
        double fy = sy - iy;
        int xa = reflect(ix, w);
        int xb = reflect(ix + 1, w);
        int ya = reflect(iy, h);
        int yb = reflect(iy + 1, h);
        double val =
            (1 - fy) * ((1 - fx) * img[ya * w + xa] + fx * img[ya * w + xb])
                + fy * ((1 - fx) * img[yb * w + xa] + fx * img[yb * w + xb]);
        int nx = reflect((int) Math.round(sx), w);
        int ny = reflect((int) Math.round(sy), h);
        px[v * crop + u] = (float) val;
        lb[v * crop + u] = mask[ny * w + nx];
      }
    }
    photometric(px, rnd);
    return new Sample(px, lb, crop);
  }

  private void photometric(float[] px, SplittableRandom rnd) {
    AugmentationSettings a = settings;
    double c = a.contrastMin() + (a.contrastMax() - a.contrastMin()) * rnd.nextDouble();
    double b = a.brightness() * (2 * rnd.nextDouble() - 1);
    for (int i = 0; i < px.length; i++) {
      px[i] = (float) ((px[i] - 0.5) * c + 0.5 + b);
    }
    if (a.poissonProbability() > 0 && rnd.nextDouble() < a.poissonProbability()) {
      double lmin = Math.log(a.poissonPeakMin());
      double lmax = Math.log(a.poissonPeakMax());
      double peak = Math.exp(lmin + (lmax - lmin) * rnd.nextDouble());
      for (int i = 0; i < px.length; i++) {
        double mean = Math.max(px[i], 0) * peak;
        px[i] = (float) (poisson(mean, rnd) / peak);
      }
    }
    if (a.gaussianSigmaMax() > 0) {
      double sigma = a.gaussianSigmaMax() * rnd.nextDouble();
      for (int i = 0; i < px.length; i++) {
        px[i] += (float) (sigma * gaussian(rnd));
      }
    }
  }

  static double gaussian(SplittableRandom rnd) {
    double u1 = 1 - rnd.nextDouble();
    double u2 = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Poisson deviate: Knuth's product method for small means, normal approximation above 30. */
  static double poisson(double mean, SplittableRandom rnd) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 30) {
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(rnd)));
    }
    double l = Math.exp(-mean);
    int k = 0;
    double p = 1;
    do {
      k++;
      p *= rnd.nextDouble();
    } while (p > l);
    return k - 1;
  }
}
