package io.alloyflow.segmentation.unet;

import io.alloyflow.core.image.Micrograph;

/**
 * Robust per-image intensity scaling used for training and inference alike: the 0.5th and 99.5th
 * percentiles (from a 4096-bin histogram, so it streams over 8192x8192 images without copying)
 * map to 0 and 1. The network then sees {@code 2 * v - 1}. This removes global brightness and
 * contrast differences between microscopes and sessions.
 *
 * @param low intensity mapped to 0
 * @param high intensity mapped to 1 (greater than low)
 */
public record IntensityNormalizer(float low, float high) {

  /** Lower percentile used by {@link #of(Micrograph)}. */
  public static final double LOW_PERCENTILE = 0.005;

  /** Upper percentile used by {@link #of(Micrograph)}. */
  public static final double HIGH_PERCENTILE = 0.995;

  public IntensityNormalizer {
    if (!(high > low) || !Float.isFinite(low) || !Float.isFinite(high)) {
      throw new IllegalArgumentException(
          "normalizer needs finite low < high, found low=" + low + " high=" + high);
    }
  }

  /** Percentile normaliser of a micrograph (a constant image maps its value to 0.5). */
  public static IntensityNormalizer of(Micrograph m) {
    return of(m.pixels());
  }

  /** Percentile normaliser of raw pixel values. */
  public static IntensityNormalizer of(float[] px) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float v : px) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (!(max > min)) {
      return new IntensityNormalizer(min - 0.5f, min + 0.5f);
    }
    int bins = 4096;
    long[] hist = new long[bins];
    double scale = (bins - 1) / (double) (max - min);
    for (float v : px) {
      hist[(int) ((v - min) * scale)]++;
    }
    float lo = valueAt(hist, px.length * LOW_PERCENTILE, min, max, bins);
    float hi = valueAt(hist, px.length * HIGH_PERCENTILE, min, max, bins);
    if (!(hi > lo)) {
      lo = min;
      hi = max;
    }
    return new IntensityNormalizer(lo, hi);
  }

  private static float valueAt(long[] hist, double rank, float min, float max, int bins) {
    long cum = 0;
    for (int b = 0; b < bins; b++) {
      cum += hist[b];
      if (cum >= rank) {
        return (float) (min + (max - min) * (b + 0.5) / (bins - 1));
      }
    }
    return max;
  }

  /** Scaled value in (about) [0, 1]. */
  public float apply(float v) {
    return (v - low) / (high - low);
  }

  /** A normalised copy of all pixels. */
  public float[] applyAll(float[] px) {
    float[] out = new float[px.length];
    float inv = 1f / (high - low);
    for (int i = 0; i < px.length; i++) {
      out[i] = (px[i] - low) * inv;
    }
    return out;
  }
}
