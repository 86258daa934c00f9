package io.alloyflow.eds.denoise;

import io.alloyflow.core.provenance.AlgorithmInfo;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * FastICA on the leading PCA scores (Hyvarinen, "Fast and robust fixed-point algorithms for
 * independent component analysis", IEEE Trans. Neural Networks 10 (1999) 626-634): the k score
 * columns are centred and whitened, then rotated by the symmetric fixed-point iteration with the
 * log-cosh contrast g(u) = tanh(u), W <- (W W^T)^(-1/2) W after each step. The component spectra
 * are the PCA loadings mixed by the same rotation, so that scores x loadings is unchanged.
 */
public final class FastIca {
  private FastIca() {}

  /** Algorithm version. */
  public static final String VERSION = "1.0";

  /**
   * Result.
   *
   * @param k components
   * @param maps pixels x k independent component maps (unit variance)
   * @param spectra k x channels component spectra (in the PCA-scaled space)
   * @param iterations iterations used
   * @param algorithm provenance
   */
  public record Result(int k, float[] maps, float[] spectra, int iterations, AlgorithmInfo algorithm) {}

  /** Runs FastICA on the first k components of a PCA decomposition. */
  public static Result run(PoissonPca.Decomposition d, int k, int maxIterations, long seed) {
    if (k < 1 || k > d.computed()) {
      throw new IllegalArgumentException("ICA needs 1 <= k <= " + d.computed() + ", found " + k);
    }
    int n = d.pixels();
    int l = d.computed();
    double[][] x = new double[k][n];
    double[] sd = new double[k];
    for (int j = 0; j < k; j++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        x[j][i] = d.scores()[i * l + j];
        mean += x[j][i];
      }
      mean /= n;
      double var = 0;
      for (int i = 0; i < n; i++) {
        x[j][i] -= mean;
        var += x[j][i] * x[j][i];
      }
      sd[j] = Math.sqrt(var / n);
      for (int i = 0; i < n; i++) {
        x[j][i] /= Math.max(sd[j], 1e-30); // PCA scores are uncorrelated: scaling whitens
      }
    }
    SplittableRandom r = new SplittableRandom(seed);
    double[][] w = new double[k][k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        w[a][b] = PoissonPca.gaussian(r);
      }
    }
    w = symmetricDecorrelate(w);
    int it = 0;
    for (; it < maxIterations; it++) {
      double[][] wn = new double[k][k];
      for (int a = 0; a < k; a++) {
        double gpSum = 0;
        for (int i = 0; i < n; i++) {
          double u = 0;
          for (int b = 0; b < k; b++) {
            u += w[a][b] * x[b][i];
          }
          double t = Math.tanh(u);
          gpSum += 1 - t * t;
          for (int b = 0; b < k; b++) {
            wn[a][b] += t * x[b][i];
          }
        }
        for (int b = 0; b < k; b++) {
          wn[a][b] = wn[a][b] / n - gpSum / n * w[a][b];
        }
      }
      wn = symmetricDecorrelate(wn);
      double lim = 0;
      for (int a = 0; a < k; a++) {
        double dot = 0;
        for (int b = 0; b < k; b++) {
          dot += wn[a][b] * w[a][b];
        }
        lim = Math.max(lim, Math.abs(Math.abs(dot) - 1));
      }
      w = wn;
      if (lim < 1e-6) {
        break;
      }
    }
    float[] maps = new float[n * k];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < k; a++) {
        double u = 0;
        for (int b = 0; b < k; b++) {
          u += w[a][b] * x[b][i];
        }
        maps[i * k + a] = (float) u;
      }
    }
    int c = d.channels();
    float[] spectra = new float[k * c];
    // scores_b = sd_b * sum_a w[a][b] s_a (+ mean): spectrum of source a = sum_b w[a][b] sd_b v_b
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        double f = w[a][b] * sd[b];
        for (int j = 0; j < c; j++) {
          spectra[a * c + j] += (float) (f * d.loadings()[b * c + j]);
        }
      }
    }
    return new Result(k, maps, spectra, it + 1, new AlgorithmInfo("fastica-logcosh", VERSION,
        "Hyvarinen, IEEE Trans. Neural Networks 10 (1999) 626, on Poisson-PCA scores",
        Map.of("k", "" + k, "maxIterations", "" + maxIterations, "seed", "" + seed)));
  }

  /** W <- (W W^T)^(-1/2) W. */
  static double[][] symmetricDecorrelate(double[][] w) {
    int k = w.length;
    double[][] wwt = new double[k][k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        double s = 0;
        for (int c = 0; c < k; c++) {
          s += w[a][c] * w[b][c];
        }
        wwt[a][b] = s;
      }
    }
    SymmetricEigen.Result e = SymmetricEigen.of(wwt);
    double[][] inv = new double[k][k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        double s = 0;
        for (int c = 0; c < k; c++) {
          s += e.vectors()[a][c] * e.vectors()[b][c] / Math.sqrt(Math.max(e.values()[c], 1e-300));
        }
        inv[a][b] = s;
      }
    }
    double[][] out = new double[k][k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        double s = 0;
        for (int c = 0; c < k; c++) {
          s += inv[a][c] * w[c][b];
        }
        out[a][b] = s;
      }
    }
    return out;
  }
}
