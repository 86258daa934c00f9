package io.alloyflow.fusion.classify;

/**
 * Image filters shared by the feature stacks and the particle detector: separable Gaussian
 * smoothing with clamped borders (kernel truncated at 3 sigma) and a joint bilateral filter.
 */
public final class ImageFilters {

  private ImageFilters() {}

  public static float[] gaussian(float[] img, int w, int h, double sigma) {
    if (sigma <= 0) {
      return img.clone();
    }
    int r = (int) Math.ceil(3 * sigma);
    double[] k = new double[2 * r + 1];
    double s = 0;
    for (int i = -r; i <= r; i++) {
      k[i + r] = Math.exp(-0.5 * i * i / (sigma * sigma));
      s += k[i + r];
    }
    for (int i = 0; i < k.length; i++) {
      k[i] /= s;
    }
    float[] tmp = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double a = 0;
        for (int i = -r; i <= r; i++) {
          int xx = Math.min(w - 1, Math.max(0, x + i));
          a += k[i + r] * img[y * w + xx];
        }
        tmp[y * w + x] = (float) a;
      }
    }
    float[] out = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double a = 0;
        for (int i = -r; i <= r; i++) {
          int yy = Math.min(h - 1, Math.max(0, y + i));
          a += k[i + r] * tmp[yy * w + x];
        }
        out[y * w + x] = (float) a;
      }
    }
    return out;
  }

  /**
   * Joint bilateral filter: mean of {@code img} over a (2 radius + 1)^2 window sampled every
   * {@code stride} pixels, weighted by a spatial Gaussian (sigmaS pixels) and by a range Gaussian
   * of the guide's difference (sigmaR guide units).
   */
  static float[] jointBilateral(float[] img, float[] guide, int w, int h, int radius, int stride,
      double sigmaS, double sigmaR) {
    float[] out = new float[w * h];
    double is = 1 / (2 * sigmaS * sigmaS);
    double ir = 1 / (2 * sigmaR * sigmaR);
    java.util.stream.IntStream.range(0, h).parallel().forEach(y -> {
      for (int x = 0; x < w; x++) {
        double g0 = guide[y * w + x];
        double s = 0;
        double ws = 0;
        for (int dy = -radius; dy <= radius; dy += stride) {
          int yy = y + dy;
          if (yy < 0 || yy >= h) {
            continue;
          }
          for (int dx = -radius; dx <= radius; dx += stride) {
            int xx = x + dx;
            if (xx < 0 || xx >= w) {
              continue;
            }
            double dg = guide[yy * w + xx] - g0;
            double wt = Math.exp(-(dx * dx + dy * dy) * is - dg * dg * ir);
            s += wt * img[yy * w + xx];
            ws += wt;
          }
        }
        out[y * w + x] = (float) (s / ws);
      }
    });
    return out;
  }
}
