package io.alloyflow.segmentation.bench;

import io.alloyflow.segmentation.pixelclassifier.FeatureBank;
import java.util.Arrays;
import java.util.List;

/**
 * Histogram matching of a micrograph to the training images' intensity distribution, so that an
 * image taken with other contrast, brightness or detector gamma reaches the classifier on the
 * training images' grey scale (Gonzalez R.C. and Woods R.E., 2018, Digital Image Processing, 4th
 * ed., Pearson, sec. 3.3 "histogram specification"; as used against scanner and stain variation
 * by Nyul L.G. and Udupa J.K., 1999, Magnetic Resonance in Medicine 42:1072-1081).
 *
 * <p>The reference is the mean quantile function of the training images, each first scaled to its
 * own 1st..99th percentile (the scaling {@link FeatureBank#normalise} applies), sampled at {@value
 * #QUANTILES} evenly spaced probabilities: averaging quantile functions gives the distribution
 * that lies "between" the training images (the one-dimensional Wasserstein barycentre). An image
 * is matched by mapping each pixel's mid-rank (ties share one value, so equal grey levels stay
 * equal) through the reference quantile function, linearly interpolated.
 *
 * <p>A bench tool, not a product path: measured with {@link RobustnessProbe}, matching Super2
 * {@code different_test} to the Super1 training histogram lowers the shipped pixel classifier's
 * mIoU (0.584 to 0.545), so {@code segment} does not apply it.
 */
public final class IntensityNormalisation {
  private IntensityNormalisation() {}

  /** Number of reference quantiles (probabilities 0, 1/(Q-1), ..., 1). */
  public static final int QUANTILES = 129;

  /** The pooled reference quantile function of the training images. */
  public static float[] pooledQuantiles(List<float[]> images) {
    if (images.isEmpty()) {
      throw new IllegalArgumentException("no images to take a reference histogram from");
    }
    double[] sum = new double[QUANTILES];
    for (float[] px : images) {
      float[] s = FeatureBank.normalise(px);
      Arrays.sort(s);
      for (int q = 0; q < QUANTILES; q++) {
        sum[q] += quantile(s, q / (double) (QUANTILES - 1));
      }
    }
    float[] ref = new float[QUANTILES];
    for (int q = 0; q < QUANTILES; q++) {
      ref[q] = (float) (sum[q] / images.size());
    }
    return ref;
  }

  /** The image with its histogram matched to the reference quantile function. */
  public static float[] matchHistogram(float[] px, float[] reference) {
    if (reference.length < 2) {
      throw new IllegalArgumentException(
          "reference quantile function needs >= 2 values, found " + reference.length);
    }
    int n = px.length;
    if (n == 0) {
      return new float[0];
    }
    float[] sorted = px.clone();
    Arrays.sort(sorted);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      float v = px[i];
      int lo = lowerBound(sorted, v);
      int hi = upperBound(sorted, v) - 1;
      double p = n == 1 ? 0.5 : 0.5 * (lo + hi) / (n - 1);
      out[i] = (float) interpolate(reference, p);
    }
    return out;
  }

  private static double quantile(float[] sorted, double p) {
    double pos = p * (sorted.length - 1);
    int i = (int) Math.floor(pos);
    int j = Math.min(i + 1, sorted.length - 1);
    return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
  }

  private static double interpolate(float[] ref, double p) {
    double pos = p * (ref.length - 1);
    int i = Math.min((int) Math.floor(pos), ref.length - 2);
    return ref[i] + (pos - i) * (ref[i + 1] - ref[i]);
  }

  private static int lowerBound(float[] a, float v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int upperBound(float[] a, float v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
