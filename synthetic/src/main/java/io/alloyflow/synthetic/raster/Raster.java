package io.alloyflow.synthetic.raster;

import java.util.Arrays;

/**
 * Raster kernels used by the generators and the image simulator: separable Gaussian blur,
 * exact Euclidean distance transform, connected-component labelling and bilinear sampling. All
 * arrays are row-major ({@code a[y * width + x]}).
 */
public final class Raster {

  private Raster() {}

  /**
   * Separable Gaussian blur with mirrored borders. A sigma of 0 leaves that axis unchanged.
   *
   * @return a new array
   */
  public static float[] gaussianBlur(
      float[] src, int width, int height, double sigmaX, double sigmaY) {
    float[] tmp = convolveRows(src, width, height, kernel(sigmaX));
    return convolveColumns(tmp, width, height, kernel(sigmaY));
  }

  static float[] kernel(double sigma) {
    if (!(sigma >= 0)) {
      throw new IllegalArgumentException("blur sigma must be >= 0 pixels, found " + sigma);
    }
    if (sigma < 1e-6) {
      return new float[] {1f};
    }
    int r = Math.max(1, (int) Math.ceil(3.5 * sigma));
    float[] k = new float[2 * r + 1];
    double s = 0;
    for (int i = -r; i <= r; i++) {
      double v = Math.exp(-0.5 * i * i / (sigma * sigma));
      k[i + r] = (float) v;
      s += v;
    }
    for (int i = 0; i < k.length; i++) {
      k[i] /= (float) s;
    }
    return k;
  }

  private static int mirror(int i, int n) {
    if (n == 1) {
      return 0;
    }
    int period = 2 * n - 2;
    i = Math.floorMod(i, period);
    return i < n ? i : period - i;
  }

  private static float[] convolveRows(float[] src, int w, int h, float[] k) {
    if (k.length == 1) {
      return src.clone();
    }
    int r = k.length / 2;
    float[] out = new float[src.length];
    float[] line = new float[w + 2 * r];
    for (int y = 0; y < h; y++) {
      int base = y * w;
      for (int i = -r; i < w + r; i++) {
        line[i + r] = src[base + mirror(i, w)];
      }
      for (int x = 0; x < w; x++) {
        double s = 0;
        for (int j = 0; j < k.length; j++) {
          s += k[j] * line[x + j];
        }
        out[base + x] = (float) s;
      }
    }
    return out;
  }

  private static float[] convolveColumns(float[] src, int w, int h, float[] k) {
    if (k.length == 1) {
      return src.clone();
    }
    int r = k.length / 2;
    float[] out = new float[src.length];
    double[] acc = new double[w];
    for (int y = 0; y < h; y++) {
      Arrays.fill(acc, 0);
      for (int j = 0; j < k.length; j++) {
        int row = mirror(y + j - r, h) * w;
        float kj = k[j];
        for (int x = 0; x < w; x++) {
          acc[x] += kj * src[row + x];
        }
      }
      for (int x = 0; x < w; x++) {
        out[y * w + x] = (float) acc[x];
      }
    }
    return out;
  }

  /**
   * Exact Euclidean distance (in pixels) from every pixel to the nearest pixel where
   * {@code feature[i]} is true, by the lower-envelope algorithm of P. F. Felzenszwalb and
   * D. P. Huttenlocher, "Distance transforms of sampled functions", Theory of Computing 8 (2012)
   * 415-428. Pixels of the feature get 0. With no feature pixel all distances are infinite.
   */
  public static float[] distanceTransform(boolean[] feature, int width, int height) {
    byte[] mask = new byte[feature.length];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = feature[i] ? (byte) 0 : (byte) 1;
    }
    double[] d = io.alloyflow.core.image.DistanceTransform.edt(mask, width, height);
    float[] out = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      out[i] = (float) d[i];
    }
    return out;
  }

  /** Pixels whose right or lower 4-neighbour carries a different label (grain boundaries). */
  public static boolean[] boundaries(int[] labels, int width, int height) {
    boolean[] b = new boolean[labels.length];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int i = y * width + x;
        if (x + 1 < width && labels[i] != labels[i + 1]) {
          b[i] = true;
          b[i + 1] = true;
        }
        if (y + 1 < height && labels[i] != labels[i + width]) {
          b[i] = true;
          b[i + width] = true;
        }
      }
    }
    return b;
  }

  /**
   * 4-connected component labelling of the pixels where {@code mask} is true (two-pass with
   * union-find; Rosenfeld and Pfaltz, J. ACM 13, 1966). Labels are 1..n in raster order of first
   * appearance; background is 0.
   */
  public static int[] connectedComponents(boolean[] mask, int width, int height) {
    int[] lab = new int[mask.length];
    int[] parent = new int[mask.length / 2 + 2];
    int next = 1;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int i = y * width + x;
        if (!mask[i]) {
          continue;
        }
        int left = x > 0 && mask[i - 1] ? lab[i - 1] : 0;
        int up = y > 0 && mask[i - width] ? lab[i - width] : 0;
        if (left == 0 && up == 0) {
          if (next >= parent.length) {
            parent = Arrays.copyOf(parent, parent.length * 2);
          }
          parent[next] = next;
          lab[i] = next++;
        } else if (left != 0 && up != 0) {
          int a = find(parent, left);
          int b = find(parent, up);
          int m = Math.min(a, b);
          parent[a] = m;
          parent[b] = m;
          lab[i] = m;
        } else {
          lab[i] = left != 0 ? left : up;
        }
      }
    }
    int[] remap = new int[next];
    int count = 0;
    for (int i = 0; i < lab.length; i++) {
      if (lab[i] != 0) {
        int r = find(parent, lab[i]);
        if (remap[r] == 0) {
          remap[r] = ++count;
        }
        lab[i] = remap[r];
      }
    }
    return lab;
  }

  private static int find(int[] parent, int a) {
    while (parent[a] != a) {
      parent[a] = parent[parent[a]];
      a = parent[a];
    }
    return a;
  }

  /** Bilinear sample with clamped borders at fractional pixel position (x, y). */
  public static float bilinear(float[] img, int width, int height, double x, double y) {
    double cx = Math.min(Math.max(x, 0), width - 1);
    double cy = Math.min(Math.max(y, 0), height - 1);
    int x0 = (int) Math.floor(cx);
    int y0 = (int) Math.floor(cy);
    int x1 = Math.min(x0 + 1, width - 1);
    int y1 = Math.min(y0 + 1, height - 1);
    double fx = cx - x0;
    double fy = cy - y0;
    double a = img[y0 * width + x0] * (1 - fx) + img[y0 * width + x1] * fx;
    double b = img[y1 * width + x0] * (1 - fx) + img[y1 * width + x1] * fx;
    return (float) (a * (1 - fy) + b * fy);
  }

  /**
   * Selects exactly {@code count} eligible pixels with the highest scores (ties broken by the
   * lower index), so a phase can be given an exact pixel count, i.e. an exact area fraction.
   *
   * @param eligible pixels that may be chosen, or null for all
   */
  public static boolean[] selectTop(float[] score, boolean[] eligible, int count) {
    int n = score.length;
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (eligible == null || eligible[i]) {
        m++;
      }
    }
    if (count < 0 || count > m) {
      throw new IllegalArgumentException(
          "cannot select " + count + " pixels out of " + m + " eligible ones");
    }
    long[] keys = new long[m];
    int j = 0;
    for (int i = 0; i < n; i++) {
      if (eligible == null || eligible[i]) {
        // order-preserving float -> int mapping, descending score, then ascending index
        int bits = Float.floatToIntBits(score[i]);
        int ordered = bits ^ ((bits >> 31) & 0x7fffffff);
        keys[j++] = ((long) ~ordered << 32) | (i & 0xffffffffL);
      }
    }
    Arrays.sort(keys);
    boolean[] sel = new boolean[n];
    for (int k = 0; k < count; k++) {
      sel[(int) (keys[k] & 0xffffffffL)] = true;
    }
    return sel;
  }
}
