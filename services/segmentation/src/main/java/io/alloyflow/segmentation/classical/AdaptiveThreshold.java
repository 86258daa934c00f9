package io.alloyflow.segmentation.classical;

import io.alloyflow.segmentation.filters.Filters;

/**
 * Adaptive (local) thresholding: a pixel is foreground when it exceeds the local mean (box or
 * Gaussian-weighted) of its neighbourhood minus an offset.
 *
 * <p>Local-mean thresholding as described by Gonzalez R.C. and Woods R.E., 2008, "Digital Image
 * Processing" (3rd ed., Sec. 10.3.7), and implemented by scikit-image {@code threshold_local};
 * the box mean uses a summed-area table (Crow F.C., 1984, "Summed-area tables for texture
 * mapping", SIGGRAPH 18(3):207-212) so the cost does not depend on the block size.
 */
public final class AdaptiveThreshold {
  private AdaptiveThreshold() {}

  /** Local-statistic kind. */
  public enum Kind {
    MEAN,
    GAUSSIAN
  }

  /**
   * Binary mask of pixels above their local threshold.
   *
   * @param blockSize odd neighbourhood size in pixels (>= 3)
   * @param offset subtracted from the local mean
   */
  public static byte[] segment(float[] px, int w, int h, int blockSize, double offset, Kind kind) {
    if (blockSize < 3 || blockSize % 2 == 0) {
      throw new IllegalArgumentException("block size must be odd and >= 3, found " + blockSize);
    }
    float[] local =
        kind == Kind.MEAN
            ? Filters.boxMean(px, w, h, blockSize / 2)
            : Filters.gaussian(px, w, h, (blockSize - 1) / 6.0);
    byte[] out = new byte[px.length];
    for (int i = 0; i < px.length; i++) {
      out[i] = px[i] > local[i] - offset ? (byte) 1 : 0;
    }
    return out;
  }
}
