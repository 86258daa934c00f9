package io.alloyflow.eds.denoise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.core.spectrum.SpectrumImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Poisson-weighted principal component analysis of a spectrum image. The data matrix D (pixels x
 * channels) is scaled as D_ij / sqrt(g_i h_j), g and h being its row and column sums, which makes
 * Poisson noise approximately homoscedastic (Keenan and Kotula, "Accounting for Poisson noise in
 * the multivariate analysis of ToF-SIMS spectrum images", Surf. Interface Anal. 36 (2004) 203-212;
 * the same scaling as HyperSpy's {@code normalize_poissonian_noise}). The leading singular
 * triplets are computed by a randomized SVD with power iterations (Halko, Martinsson and Tropp,
 * "Finding structure with randomness", SIAM Review 53 (2011) 217-288), the large matrix products
 * running on libtorch through DJL NDArrays, orthonormalisation by CholeskyQR2 (Fukaya et al. 2014)
 * and the small eigenproblem by Jacobi ({@link SymmetricEigen}). The suggested number of components
 * counts singular values above the Marchenko-Pastur edge of the scaled Poisson noise,
 * (sqrt(N) + sqrt(C)) / sqrt(total counts), times a margin.
 */
public final class PoissonPca {
  private PoissonPca() {}

  /** Algorithm version. */
  public static final String VERSION = "1.0";

  /** Margin over the noise edge for the automatic component count. */
  public static final double EDGE_MARGIN = 1.1;

  /**
   * A decomposition.
   *
   * @param pixels number of pixels N
   * @param channels number of channels C
   * @param singularValues leading singular values of the scaled matrix, descending (length L)
   * @param scores N x L scores (U Sigma), row-major float
   * @param loadings L x C loadings (V^T), row-major float
   * @param rowScale sqrt of pixel sums (N)
   * @param colScale sqrt of channel sums (C)
   * @param allSingularValues every singular value (from the eigenvalues of the Gram matrix X^T X,
   *     Householder + QL), for a complete scree plot; empty when not requested
   * @param noiseEdge Marchenko-Pastur edge of the scaled noise
   * @param suggestedComponents automatic component count
   * @param algorithm provenance
   */
  public record Decomposition(
      int pixels,
      int channels,
      double[] singularValues,
      float[] scores,
      float[] loadings,
      double[] rowScale,
      double[] colScale,
      double[] allSingularValues,
      double noiseEdge,
      int suggestedComponents,
      AlgorithmInfo algorithm) {
    /** Number of computed components L. */
    public int computed() {
      return singularValues.length;
    }
  }

  /** Decomposes with L = min(components, C, N) leading components, q power iterations. */
  public static Decomposition decompose(
      SpectrumImage si, int components, int powerIterations, long seed) {
    return decompose(si, components, powerIterations, seed, false);
  }

  /**
   * As {@link #decompose(SpectrumImage, int, int, long)}; with {@code allSingularValues} every
   * singular value is also computed exactly from the C x C Gram matrix (formed on libtorch).
   */
  public static Decomposition decompose(
      SpectrumImage si, int components, int powerIterations, long seed,
      boolean allSingularValues) {
    int n = si.width() * si.height();
    int c = si.channels();
    int l = Math.min(components, Math.min(n, c));
    if (l < 1) {
      throw new IllegalArgumentException("need at least one component, asked " + components);
    }
    float[] data = si.data();
    double[] g = new double[n];
    double[] h = new double[c];
    double total = 0;
    for (int i = 0; i < n; i++) {
      int base = i * c;
      double s = 0;
      for (int j = 0; j < c; j++) {
        float v = data[base + j];
        s += v;
        h[j] += v;
      }
      g[i] = s;
      total += s;
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException("spectrum image holds no counts");
    }
    double[] a = new double[n];
    double[] b = new double[c];
    for (int i = 0; i < n; i++) {
      a[i] = g[i] > 0 ? Math.sqrt(g[i]) : 1;
    }
    for (int j = 0; j < c; j++) {
      b[j] = h[j] > 0 ? Math.sqrt(h[j]) : 1;
    }
    int ov = Math.min(10, Math.min(n, c) - l);
    int lw = l + Math.max(ov, 0);
    double[] sv;
    double[] all = new double[0];
    float[] scores;
    float[] loadings;
    try (NDManager root = NDManager.newBaseManager("PyTorch");
        NDManager m = root.newSubManager()) {
      NDArray x = m.create(data, new Shape(n, c));
      NDArray ainv = m.create(toFloat(invert(a)), new Shape(n, 1));
      NDArray binv = m.create(toFloat(invert(b)), new Shape(1, c));
      x.muli(ainv).muli(binv); // in place: the cube is the largest array
      if (allSingularValues) {
        double[] gd = toDouble(x.transpose().matMul(x));
        double[][] gm = new double[c][c];
        for (int i = 0; i < c; i++) {
          System.arraycopy(gd, i * c, gm[i], 0, c);
        }
        double[] ev = SymmetricEigen.eigenvalues(gm);
        all = new double[c];
        for (int i = 0; i < c; i++) {
          all[i] = Math.sqrt(Math.max(ev[i], 0));
        }
      }
      SplittableRandom rnd = new SplittableRandom(seed);
      float[] om = new float[c * lw];
      for (int k = 0; k < om.length; k++) {
        om[k] = (float) gaussian(rnd);
      }
      NDArray y = x.matMul(m.create(om, new Shape(c, lw)));
      NDArray xt = x.transpose();
      for (int it = 0; it < powerIterations; it++) {
        y = orthonormalize(m, y);
        NDArray z = orthonormalize(m, xt.matMul(y));
        y = x.matMul(z);
      }
      NDArray q = orthonormalize(m, y);
      NDArray bm = q.transpose().matMul(x); // lw x c
      double[] bd = toDouble(bm);
      double[][] gram = new double[lw][lw];
      for (int i = 0; i < lw; i++) {
        for (int k = 0; k <= i; k++) {
          double s = 0;
          int oi = i * c;
          int ok = k * c;
          for (int j = 0; j < c; j++) {
            s += bd[oi + j] * bd[ok + j];
          }
          gram[i][k] = s;
          gram[k][i] = s;
        }
      }
      SymmetricEigen.Result eig = SymmetricEigen.of(gram);
      sv = new double[l];
      loadings = new float[l * c];
      float[] ub = new float[lw * l];
      for (int comp = 0; comp < l; comp++) {
        double s = Math.sqrt(Math.max(eig.values()[comp], 0));
        sv[comp] = s;
        for (int i = 0; i < lw; i++) {
          ub[i * l + comp] = (float) (eig.vectors()[i][comp]);
        }
        // v = B^T u / s
        for (int j = 0; j < c; j++) {
          double acc = 0;
          for (int i = 0; i < lw; i++) {
            acc += bd[i * c + j] * eig.vectors()[i][comp];
          }
          loadings[comp * c + j] = (float) (s > 0 ? acc / s : 0);
        }
      }
      float[] svf = new float[l];
      for (int k = 0; k < l; k++) {
        svf[k] = (float) sv[k];
      }
      scores = q.matMul(m.create(ub, new Shape(lw, l))).mul(m.create(svf, new Shape(1, l)))
          .toFloatArray();
    }
    double edge = (Math.sqrt(n) + Math.sqrt(c)) / Math.sqrt(total);
    int suggested = 0;
    while (suggested < l && sv[suggested] > EDGE_MARGIN * edge) {
      suggested++;
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("computedComponents", "" + l);
    params.put("oversampling", "" + (lw - l));
    params.put("powerIterations", "" + powerIterations);
    params.put("seed", "" + seed);
    params.put("edgeMargin", "" + EDGE_MARGIN);
    params.put("allSingularValues", "" + allSingularValues);
    AlgorithmInfo info = new AlgorithmInfo("poisson-pca-randomized-svd", VERSION,
        "Keenan & Kotula, Surf. Interface Anal. 36 (2004) 203; Halko, Martinsson & Tropp, SIAM"
            + " Review 53 (2011) 217; libtorch via DJL", params);
    return new Decomposition(n, c, sv, scores, loadings, a, b, all, edge, Math.max(suggested, 1),
        info);
  }

  /** Reconstructs the spectrum image from the first k components (unscaled back to counts). */
  public static SpectrumImage reconstruct(SpectrumImage si, Decomposition d, int k) {
    if (k < 1 || k > d.computed()) {
      throw new IllegalArgumentException(
          "component count must be 1.." + d.computed() + ", found " + k);
    }
    int n = d.pixels();
    int c = d.channels();
    int l = d.computed();
    float[] sk = new float[n * k];
    for (int i = 0; i < n; i++) {
      System.arraycopy(d.scores(), i * l, sk, i * k, k);
    }
    float[] vk = new float[k * c];
    System.arraycopy(d.loadings(), 0, vk, 0, k * c);
    float[] out;
    try (NDManager root = NDManager.newBaseManager("PyTorch");
        NDManager m = root.newSubManager()) {
      NDArray r = m.create(sk, new Shape(n, k)).matMul(m.create(vk, new Shape(k, c)));
      r = r.mul(m.create(toFloat(d.rowScale()), new Shape(n, 1)))
          .mul(m.create(toFloat(d.colScale()), new Shape(1, c)));
      out = r.toFloatArray();
    }
    return new SpectrumImage(si.width(), si.height(), c, out, si.axis(), si.pixelSizeM(),
        si.beamEnergyKeV(), si.liveTimePerPixelS());
  }

  /** CholeskyQR2: Q = Y R^-1 with R^T R = Y^T Y, applied twice for orthogonality. */
  static NDArray orthonormalize(NDManager m, NDArray y) {
    NDArray q = y;
    for (int pass = 0; pass < 2; pass++) {
      NDArray gram = q.transpose().matMul(q);
      double[] gd = toDouble(gram);
      int l = (int) gram.getShape().get(0);
      double[][] gm = new double[l][l];
      double trace = 0;
      for (int i = 0; i < l; i++) {
        for (int j = 0; j < l; j++) {
          gm[i][j] = gd[i * l + j];
        }
        trace += gm[i][i];
      }
      for (int i = 0; i < l; i++) {
        gm[i][i] += 1e-12 * trace / l; // guards rank deficiency
      }
      double[][] rinv = upperCholeskyInverse(gm);
      float[] rf = new float[l * l];
      for (int i = 0; i < l; i++) {
        for (int j = 0; j < l; j++) {
          rf[i * l + j] = (float) rinv[i][j];
        }
      }
      q = q.matMul(m.create(rf, new Shape(l, l)));
    }
    return q;
  }

  /** Inverse of the upper Cholesky factor R (G = R^T R). */
  static double[][] upperCholeskyInverse(double[][] gm) {
    int n = gm.length;
    double[][] lo = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = gm[i][j];
        for (int k = 0; k < j; k++) {
          s -= lo[i][k] * lo[j][k];
        }
        if (i == j) {
          lo[i][i] = Math.sqrt(Math.max(s, 1e-300));
        } else {
          lo[i][j] = s / lo[j][j];
        }
      }
    }
    // R = L^T (upper); R^-1 = (L^-1)^T
    double[][] linv = new double[n][n];
    for (int i = 0; i < n; i++) {
      linv[i][i] = 1 / lo[i][i];
      for (int j = 0; j < i; j++) {
        double s = 0;
        for (int k = j; k < i; k++) {
          s -= lo[i][k] * linv[k][j];
        }
        linv[i][j] = s / lo[i][i];
      }
    }
    double[][] rinv = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        rinv[i][j] = linv[j][i];
      }
    }
    return rinv;
  }

  static double[] toDouble(NDArray a) {
    return a.toType(DataType.FLOAT64, false).toDoubleArray();
  }

  private static double[] invert(double[] v) {
    double[] o = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      o[i] = 1.0 / v[i];
    }
    return o;
  }

  static float[] toFloat(double[] v) {
    float[] o = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      o[i] = (float) v[i];
    }
    return o;
  }

  static double gaussian(SplittableRandom r) {
    double u1 = r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(Math.max(u1, 1e-300))) * Math.cos(2 * Math.PI * u2);
  }
}
