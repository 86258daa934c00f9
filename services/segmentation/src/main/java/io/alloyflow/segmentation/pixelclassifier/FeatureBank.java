package io.alloyflow.segmentation.pixelclassifier;

import io.alloyflow.segmentation.filters.Filters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ilastik pixel-feature set: per scale sigma, Gaussian smoothing, gradient magnitude, Laplacian
 * of Gaussian, difference of Gaussians (sigma vs 0.66 sigma), the two Hessian eigenvalues and the
 * two structure-tensor eigenvalues (gradients at sigma, averaged at 0.5 sigma, as ilastik), plus the
 * normalised raw intensity.
 *
 * <p>Feature definitions: Lindeberg T., 1998, "Feature detection with automatic scale selection",
 * IJCV 30(2):79-116 (Gaussian derivatives, Hessian); Forstner W. and Gulch E., 1987, "A fast
 * operator for detection and precise location of distinct points, corners and centres of circular
 * features", ISPRS Intercommission Conference (structure tensor); sigma set and feature groups as
 * ilastik's pixel classification workflow. Images are normalised by their 1st and 99th intensity
 * percentiles so models transfer between images of different brightness.
 *
 * <p>With {@code localStatistics} every scale also gets the local standard deviation
 * sqrt(G_s * x^2 - (G_s * x)^2) (Gaussian-weighted window), the texture-energy feature of
 * Trainable Weka Segmentation's "Variance" filter (Arganda-Carreras I. et al., 2017,
 * Bioinformatics 33:2424-2426): it separates phases of equal mean intensity but different
 * surface texture (e.g. martensite lath relief vs. flat ferrite) at a scale larger than the shot
 * noise.
 *
 * @param sigmas scales in pixels
 * @param localStatistics add the local standard deviation per scale
 */
public record FeatureBank(double[] sigmas, boolean localStatistics) {

  /** The ilastik default scales. */
  public static final double[] ILASTIK_SIGMAS = {0.7, 1.0, 1.6, 3.5, 5.0, 10.0};

  public FeatureBank {
    if (sigmas.length == 0) {
      throw new IllegalArgumentException("the feature bank needs at least one sigma");
    }
    for (double s : sigmas) {
      if (!(s > 0)) {
        throw new IllegalArgumentException("sigmas must be > 0, found " + s);
      }
    }
    sigmas = sigmas.clone();
  }

  /** The ilastik feature groups at the given scales (no local statistics). */
  public FeatureBank(double[] sigmas) {
    this(sigmas, false);
  }

  /** Scales of the extended bank: ilastik's plus 16 and 24 px for context beyond 10 px. */
  public static final double[] EXTENDED_SIGMAS = {0.7, 1.0, 1.6, 3.5, 5.0, 10.0, 16.0, 24.0};

  /** ilastik's groups at {@link #EXTENDED_SIGMAS} with local standard deviation. */
  public static FeatureBank extended() {
    return new FeatureBank(EXTENDED_SIGMAS, true);
  }

  /** The default bank. */
  public static FeatureBank ilastik() {
    return new FeatureBank(ILASTIK_SIGMAS);
  }

  /** Features per sigma. */
  static final int PER_SIGMA = 8;

  public int featureCount() {
    return 1 + (PER_SIGMA + (localStatistics ? 1 : 0)) * sigmas.length;
  }

  /** Feature names in column order (zero-padded index first, so lexical order = column order). */
  public List<String> featureNames() {
    List<String> n = new ArrayList<>();
    n.add(name(0, "raw"));
    String[] kinds = {"gauss", "gradmag", "log", "dog", "hess1", "hess2", "st1", "st2"};
    int f = 1;
    for (double s : sigmas) {
      for (String k : kinds) {
        n.add(name(f++, k + "_s" + s));
      }
      if (localStatistics) {
        n.add(name(f++, "std_s" + s));
      }
    }
    return n;
  }

  private static String name(int i, String k) {
    return String.format("f%03d_%s", i, k);
  }

  /** Robust normalisation (1st..99th percentile to 0..1). */
  public static float[] normalise(float[] px) {
    float[] s = px.clone();
    Arrays.sort(s);
    float lo = s[(int) (0.01 * (s.length - 1))];
    float hi = s[(int) (0.99 * (s.length - 1))];
    float range = hi > lo ? hi - lo : 1f;
    float[] out = new float[px.length];
    for (int i = 0; i < px.length; i++) {
      out[i] = (px[i] - lo) / range;
    }
    return out;
  }

  /** Feature planes [feature][pixel] of the image. */
  public float[][] compute(float[] px, int w, int h) {
    float[] x = normalise(px);
    float[][] f = new float[featureCount()][];
    f[0] = x;
    int k = 1;
    int n = x.length;
    for (double s : sigmas) {
      float[] g0 = Filters.gaussianKernel(s, 0);
      float[] g1 = Filters.gaussianKernel(s, 1);
      float[] g2 = Filters.gaussianKernel(s, 2);
      float[] rowsG0 = Filters.convolveRows(x, w, h, g0);
      float[] rowsG1 = Filters.convolveRows(x, w, h, g1);
      float[] rowsG2 = Filters.convolveRows(x, w, h, g2);
      float[] gauss = Filters.convolveColumns(rowsG0, w, h, g0);
      float[] gx = Filters.convolveColumns(rowsG1, w, h, g0);
      float[] gy = Filters.convolveColumns(rowsG0, w, h, g1);
      float[] gxx = Filters.convolveColumns(rowsG2, w, h, g0);
      float[] gyy = Filters.convolveColumns(rowsG0, w, h, g2);
      float[] gxy = Filters.convolveColumns(rowsG1, w, h, g1);
      float[] small = Filters.gaussian(x, w, h, 0.66 * s);
      float[] mag = new float[n];
      float[] log = new float[n];
      float[] dog = new float[n];
      float[] jxx = new float[n];
      float[] jyy = new float[n];
      float[] jxy = new float[n];
      for (int i = 0; i < n; i++) {
        mag[i] = (float) Math.sqrt(gx[i] * gx[i] + gy[i] * gy[i]);
        log[i] = (gxx[i] + gyy[i]) * (float) (s * s);
        dog[i] = small[i] - gauss[i];
        jxx[i] = gx[i] * gx[i];
        jyy[i] = gy[i] * gy[i];
        jxy[i] = gx[i] * gy[i];
      }
      float[] h1 = new float[n];
      float[] h2 = new float[n];
      Filters.symmetricEigen(gxx, gxy, gyy, h1, h2);
      double outer = Math.max(0.3, 0.5 * s);
      jxx = Filters.gaussian(jxx, w, h, outer);
      jyy = Filters.gaussian(jyy, w, h, outer);
      jxy = Filters.gaussian(jxy, w, h, outer);
      float[] s1 = new float[n];
      float[] s2 = new float[n];
      Filters.symmetricEigen(jxx, jxy, jyy, s1, s2);
      f[k++] = gauss;
      f[k++] = mag;
      f[k++] = log;
      f[k++] = dog;
      f[k++] = h1;
      f[k++] = h2;
      f[k++] = s1;
      f[k++] = s2;
      if (localStatistics) {
        float[] sq = new float[n];
        for (int i = 0; i < n; i++) {
          sq[i] = x[i] * x[i];
        }
        float[] m2 = Filters.gaussian(sq, w, h, s);
        float[] sd = new float[n];
        for (int i = 0; i < n; i++) {
          sd[i] = (float) Math.sqrt(Math.max(0, m2[i] - gauss[i] * gauss[i]));
        }
        f[k++] = sd;
      }
    }
    return f;
  }
}
