package io.alloyflow.eds.denoise;

/**
 * Signal-to-noise ratio of an elemental map: mean of the map over the noise standard deviation
 * estimated from differences of horizontally adjacent pixels, sigma = std(M(x+1,y) - M(x,y)) /
 * sqrt 2, which removes slowly varying signal (the nearest-neighbour difference estimator; cf. Kim
 * et al. 2020, who report per-element map SNR before and after PCA denoising of STEM-EDS data).
 */
public final class MapSnr {
  private MapSnr() {}

  /** SNR of a width x height map. */
  public static double snr(float[] map, int width, int height) {
    double mean = 0;
    for (float v : map) {
      mean += v;
    }
    mean /= map.length;
    double s = 0;
    double s2 = 0;
    int n = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x + 1 < width; x++) {
        double d = map[y * width + x + 1] - map[y * width + x];
        s += d;
        s2 += d * d;
        n++;
      }
    }
    if (n < 2) {
      return Double.NaN;
    }
    double var = (s2 - s * s / n) / (n - 1) / 2.0;
    return var > 0 ? mean / Math.sqrt(var) : Double.POSITIVE_INFINITY;
  }
}
