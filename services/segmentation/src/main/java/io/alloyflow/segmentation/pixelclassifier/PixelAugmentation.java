package io.alloyflow.segmentation.pixelclassifier;

import io.alloyflow.segmentation.filters.Filters;
import java.util.SplittableRandom;

/**
 * Whole-image training-time augmentation for the pixel classifier: seeded copies of a training
 * image as another microscope, detector or magnification would have recorded it, so that the
 * trained classifier does not depend on this data set's contrast, noise, sharpness or scale
 * (Shorten C. and Khoshgoftaar T.M., 2019, "A survey on image data augmentation for deep
 * learning", Journal of Big Data 6:60; photometric and scale jitter as in Ronneberger O. et al.,
 * 2015, U-Net, MICCAI).
 *
 * <p>Each copy draws, on the image scaled to its own 1st..99th percentile ({@link
 * FeatureBank#normalise}): a magnification change s (log-uniform in [{@code scaleMin}, {@code
 * scaleMax}], bilinear for the pixels, nearest neighbour for the labels; a magnified copy is
 * cropped back to the original size at a random position so that the cost per copy stays that
 * of the original); a gamma (log-uniform in [1/{@code gammaMax}, {@code gammaMax}]) applied to
 * the [0, 1] range; with probability 1/2 a Gaussian blur (sigma uniform up to {@code blurMax} px);
 * and additive Gaussian noise (sigma uniform up to {@code noiseMax} of the 1..99 % range).
 * Linear contrast and brightness changes need no copies: the feature bank's percentile scaling
 * removes them.
 *
 * @param copies augmented copies per training image (0 = off)
 * @param scaleMin smallest magnification factor (> 0)
 * @param scaleMax largest magnification factor (>= scaleMin)
 * @param gammaMax largest gamma (>= 1); gammas lie in [1/gammaMax, gammaMax]
 * @param blurMax largest blur sigma in pixels (>= 0)
 * @param noiseMax largest noise sigma relative to the 1..99 % range (>= 0)
 */
public record PixelAugmentation(
    int copies, double scaleMin, double scaleMax, double gammaMax, double blurMax,
    double noiseMax) {
  public PixelAugmentation {
    if (copies < 0 || copies > 10) {
      throw new IllegalArgumentException("augmented copies must be 0..10, found " + copies);
    }
    if (!(scaleMin > 0 && scaleMax >= scaleMin && gammaMax >= 1 && blurMax >= 0
        && noiseMax >= 0)) {
      throw new IllegalArgumentException("augmentation needs 0 < scaleMin <= scaleMax, gammaMax"
          + " >= 1, blurMax >= 0, noiseMax >= 0; found scale " + scaleMin + ".." + scaleMax
          + ", gamma " + gammaMax + ", blur " + blurMax + ", noise " + noiseMax);
    }
  }

  /** No augmentation. */
  public static final PixelAugmentation NONE = new PixelAugmentation(0, 1, 1, 1, 0, 0);

  /** The default: two copies, scale 0.6-1.6, gamma 0.6-1.7, blur up to 1.5 px, noise up to 8 %. */
  public static PixelAugmentation defaults() {
    return new PixelAugmentation(2, 0.6, 1.6, 1.7, 1.5, 0.08);
  }

  /** A copy with another number of augmented copies per image. */
  public PixelAugmentation withCopies(int n) {
    return new PixelAugmentation(n, scaleMin, scaleMax, gammaMax, blurMax, noiseMax);
  }

  /** Short description for a model's parameters. */
  public String describe() {
    return copies == 0 ? "none"
        : copies + " copies per image: scale " + scaleMin + ".." + scaleMax + ", gamma 1/"
            + gammaMax + ".." + gammaMax + ", blur sigma <= " + blurMax + " px (p = 0.5),"
            + " noise sigma <= " + noiseMax + " of the 1..99 % range";
  }

  /** One augmented copy of {@code im} (scribble and ignore labels are carried along). */
  public TrainingImage apply(TrainingImage im, int copyIndex, SplittableRandom rnd) {
    int w = im.width();
    int h = im.height();
    float[] x = FeatureBank.normalise(im.pixels());
    int[] lab = im.labels();
    double s = Math.exp(Math.log(scaleMin) + (Math.log(scaleMax) - Math.log(scaleMin))
        * rnd.nextDouble());
    int nw = Math.max(8, (int) Math.round(w * s));
    int nh = Math.max(8, (int) Math.round(h * s));
    int ow = Math.min(nw, w);
    int oh = Math.min(nh, h);
    int cx = rnd.nextInt(nw - ow + 1);
    int cy = rnd.nextInt(nh - oh + 1);
    float[] px = new float[ow * oh];
    int[] lb = new int[ow * oh];
    for (int v = 0; v < oh; v++) {
      double sy = Math.min(h - 1.0, Math.max(0, (v + cy + 0.5) / s - 0.5));
      int y0 = (int) sy;
      int y1 = Math.min(h - 1, y0 + 1);
      double fy = sy - y0;
      for (int u = 0; u < ow; u++) {
        double sx = Math.min(w - 1.0, Math.max(0, (u + cx + 0.5) / s - 0.5));
        int x0 = (int) sx;
        int x1 = Math.min(w - 1, x0 + 1);
        double fx = sx - x0;
        double a = x[y0 * w + x0] * (1 - fx) + x[y0 * w + x1] * fx;
        double b = x[y1 * w + x0] * (1 - fx) + x[y1 * w + x1] * fx;
        px[v * ow + u] = (float) (a * (1 - fy) + b * fy);
        lb[v * ow + u] = lab[(int) Math.round(sy) * w + (int) Math.round(sx)];
      }
    }
    double gamma = Math.exp((2 * rnd.nextDouble() - 1) * Math.log(gammaMax));
    for (int i = 0; i < px.length; i++) {
      float v = Math.max(0f, Math.min(1f, px[i]));
      px[i] = (float) Math.pow(v, gamma);
    }
    if (blurMax > 0 && rnd.nextBoolean()) {
      double sigma = blurMax * rnd.nextDouble();
      if (sigma > 0.2) {
        px = Filters.gaussian(px, ow, oh, sigma);
      }
    }
    double noise = noiseMax * rnd.nextDouble();
    if (noise > 0) {
      for (int i = 0; i < px.length; i++) {
        px[i] += (float) (noise * gaussian(rnd));
      }
    }
    return new TrainingImage(px, ow, oh, lb, im.scribbles(),
        im.source() + AUGMENTED + copyIndex
            + String.format(java.util.Locale.ROOT, " (scale %.2f, gamma %.2f)", s, gamma));
  }

  /** Marker in an augmented copy's source name, after the original's. */
  static final String AUGMENTED = " #augmented ";

  private static double gaussian(SplittableRandom rnd) {
    double u1 = Math.max(1e-300, rnd.nextDouble());
    double u2 = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
