package io.alloyflow.segmentation.filters;

/**
 * Separable Gaussian and Gaussian-derivative filters and box means on row-major float images.
 *
 * <p>Gaussian derivatives follow scale-space theory (Lindeberg T., 1994, "Scale-Space Theory in
 * Computer Vision", Kluwer): the image is convolved with sampled derivatives of a Gaussian of
 * standard deviation sigma, truncated at 4 sigma and normalised so that the zeroth-order kernel
 * sums to one. Borders use half-sample symmetric reflection ({@code dcb|abcd|cba}), as scipy's
 * {@code ndimage} mode {@code reflect}.
 */
public final class Filters {
  private Filters() {}

  /** Sampled Gaussian kernel (order 0), first derivative (order 1) or second derivative (2). */
  public static float[] gaussianKernel(double sigma, int order) {
    if (!(sigma > 0)) {
      throw new IllegalArgumentException("sigma must be > 0, found " + sigma);
    }
    int r = Math.max(1, (int) Math.ceil(4.0 * sigma));
    double[] g = new double[2 * r + 1];
    double sum = 0;
    for (int i = -r; i <= r; i++) {
      g[i + r] = Math.exp(-0.5 * i * i / (sigma * sigma));
      sum += g[i + r];
    }
    float[] k = new float[2 * r + 1];
    double s2 = sigma * sigma;
    for (int i = -r; i <= r; i++) {
      double v = g[i + r] / sum;
      if (order == 1) {
        v = -i / s2 * v;
      } else if (order == 2) {
        v = (i * (double) i - s2) / (s2 * s2) * v;
      } else if (order != 0) {
        throw new IllegalArgumentException("derivative order must be 0, 1 or 2, found " + order);
      }
      k[i + r] = (float) v;
    }
    if (order == 2) {
      // remove the DC response left by truncation so flat regions give exactly zero
      double mean = 0;
      for (float v : k) {
        mean += v;
      }
      mean /= k.length;
      for (int i = 0; i < k.length; i++) {
        k[i] -= (float) mean;
      }
    }
    return k;
  }

  static int reflect(int i, int n) {
    if (n == 1) {
      return 0;
    }
    int period = 2 * n;
    i %= period;
    if (i < 0) {
      i += period;
    }
    return i < n ? i : period - 1 - i;
  }

  /** Convolves every row with kernel kx (centred). */
  public static float[] convolveRows(float[] src, int w, int h, float[] kx) {
    float[] dst = new float[src.length];
    int r = kx.length / 2;
    float[] line = new float[w + 2 * r];
    for (int y = 0; y < h; y++) {
      int off = y * w;
      for (int i = -r; i < w + r; i++) {
        line[i + r] = src[off + reflect(i, w)];
      }
      for (int x = 0; x < w; x++) {
        float acc = 0;
        // correlation with the flipped kernel == convolution
        for (int k = 0; k < kx.length; k++) {
          acc += kx[kx.length - 1 - k] * line[x + k];
        }
        dst[off + x] = acc;
      }
    }
    return dst;
  }

  /** Convolves every column with kernel ky (centred). */
  public static float[] convolveColumns(float[] src, int w, int h, float[] ky) {
    float[] dst = new float[src.length];
    int r = ky.length / 2;
    // process blocks of rows for cache friendliness: accumulate whole rows
    for (int y = 0; y < h; y++) {
      int off = y * w;
      for (int k = 0; k < ky.length; k++) {
        float kv = ky[ky.length - 1 - k];
        if (kv == 0f) {
          continue;
        }
        int sy = reflect(y + k - r, h) * w;
        for (int x = 0; x < w; x++) {
          dst[off + x] += kv * src[sy + x];
        }
      }
    }
    return dst;
  }

  /** Separable convolution: rows with kx, then columns with ky. */
  public static float[] separable(float[] src, int w, int h, float[] kx, float[] ky) {
    return convolveColumns(convolveRows(src, w, h, kx), w, h, ky);
  }

  /** Gaussian smoothing with standard deviation sigma (pixels). */
  public static float[] gaussian(float[] src, int w, int h, double sigma) {
    float[] k = gaussianKernel(sigma, 0);
    return separable(src, w, h, k, k);
  }

  /**
   * Gaussian derivative of orders (ox along x, oy along y) at scale sigma, e.g. (1,0) = d/dx,
   * (1,1) = d2/dxdy.
   */
  public static float[] gaussianDerivative(float[] src, int w, int h, double sigma, int ox, int oy) {
    return separable(src, w, h, gaussianKernel(sigma, ox), gaussianKernel(sigma, oy));
  }

  /** Gradient magnitude of the Gaussian-smoothed image. */
  public static float[] gradientMagnitude(float[] src, int w, int h, double sigma) {
    float[] gx = gaussianDerivative(src, w, h, sigma, 1, 0);
    float[] gy = gaussianDerivative(src, w, h, sigma, 0, 1);
    float[] m = new float[src.length];
    for (int i = 0; i < m.length; i++) {
      m[i] = (float) Math.sqrt(gx[i] * gx[i] + gy[i] * gy[i]);
    }
    return m;
  }

  /**
   * Local mean over a (2r+1)x(2r+1) window via a summed-area table (Crow 1984); the window is
   * clipped at the image border.
   */
  public static float[] boxMean(float[] src, int w, int h, int r) {
    double[] sat = new double[(w + 1) * (h + 1)];
    for (int y = 0; y < h; y++) {
      double row = 0;
      for (int x = 0; x < w; x++) {
        row += src[y * w + x];
        sat[(y + 1) * (w + 1) + x + 1] = sat[y * (w + 1) + x + 1] + row;
      }
    }
    float[] out = new float[src.length];
    for (int y = 0; y < h; y++) {
      int y0 = Math.max(0, y - r);
      int y1 = Math.min(h, y + r + 1);
      for (int x = 0; x < w; x++) {
        int x0 = Math.max(0, x - r);
        int x1 = Math.min(w, x + r + 1);
        double s =
            sat[y1 * (w + 1) + x1] - sat[y0 * (w + 1) + x1] - sat[y1 * (w + 1) + x0]
                + sat[y0 * (w + 1) + x0];
        out[y * w + x] = (float) (s / ((y1 - y0) * (x1 - x0)));
      }
    }
    return out;
  }

  /** Eigenvalues (largest first) of the symmetric 2x2 matrices [[a,b],[b,c]] per pixel. */
  public static void symmetricEigen(float[] a, float[] b, float[] c, float[] l1, float[] l2) {
    for (int i = 0; i < a.length; i++) {
      double tr = 0.5 * (a[i] + c[i]);
      double d = Math.sqrt(0.25 * (a[i] - c[i]) * (a[i] - c[i]) + b[i] * (double) b[i]);
      l1[i] = (float) (tr + d);
      l2[i] = (float) (tr - d);
    }
  }
}
