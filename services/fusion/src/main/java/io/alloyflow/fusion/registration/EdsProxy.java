package io.alloyflow.fusion.registration;

import io.alloyflow.core.spectrum.SpectrumImage;

/**
 * Z-contrast proxies of an EDS spectrum image: per pixel the total counts and the scores of the
 * leading principal components of the Poisson-scaled, energy-binned spectra.
 *
 * <p>Each spectrum is binned to at most {@link #MAX_BINS} energy windows between 0.1 keV and the
 * beam energy; bin b is divided by {@code sqrt(mean_b)}, the Poisson weighting of Keenan and
 * Kotula ("Accounting for Poisson noise in the multivariate analysis of ToF-SIMS spectrum
 * images", Surf. Interface Anal. 36 (2004) 203), which makes the noise variance equal across
 * bins so that the leading components carry chemistry rather than the noise of the strongest
 * peak. The components come from the covariance matrix by orthogonal (subspace) iteration
 * (Golub and Van Loan, Matrix Computations, 4th ed., sec. 8.2.4). Backscatter yield rises with
 * mean atomic number (Reuter 1972) and X-ray emission is linear in the phase fractions of a
 * pixel, so the box-averaged BSE signal of an EDS pixel is, to first order, an affine function
 * of these scores: the registration fits that function rather than assuming one proxy.
 *
 * @param width map width
 * @param height map height
 * @param features per pixel feature vectors, {@code [pixel * count + k]}: k = 0 total counts,
 *     k >= 1 component scores; every feature centred and scaled to unit variance
 * @param count number of features per pixel
 * @param meanCounts mean total counts per pixel (over the chosen channels)
 * @param explained fraction of the scaled variance explained by each component (noise included)
 */
public record EdsProxy(int width, int height, float[] features, int count, double meanCounts,
    double[] explained) {

  /** Largest number of energy bins entering the PCA. */
  public static final int MAX_BINS = 128;

  /** Which raw channels to use. */
  public enum Channels {
    ALL, EVEN, ODD;

    boolean use(int c) {
      return this == ALL || (c % 2 == 0) == (this == EVEN);
    }
  }

  /** Computes the proxies with {@code components} principal components. */
  public static EdsProxy of(SpectrumImage si, int components, Channels which) {
    if (components < 1 || components > 16) {
      throw new IllegalArgumentException("components must be 1..16, found " + components);
    }
    int n = si.width() * si.height();
    int nch = si.channels();
    double beamEv = Double.isFinite(si.beamEnergyKeV()) ? si.beamEnergyKeV() * 1000 : 20000;
    int c0 = Math.max(0, (int) Math.ceil(si.axis().channel(100)));
    int c1 = Math.min(nch, (int) Math.floor(si.axis().channel(beamEv)));
    if (c1 - c0 < 8) {
      throw new IllegalArgumentException("spectrum image has only " + Math.max(0, c1 - c0)
          + " channels between 0.1 keV and the beam energy: expected at least 8");
    }
    int bin = Math.max(1, (int) Math.ceil((c1 - c0) / (double) MAX_BINS));
    int nb = (c1 - c0 + bin - 1) / bin;
    float[] data = si.data();
    double[] x = new double[n * nb];
    double[] total = new double[n];
    for (int p = 0; p < n; p++) {
      int off = p * nch;
      for (int c = c0; c < c1; c++) {
        if (which.use(c)) {
          double v = data[off + c];
          x[p * nb + (c - c0) / bin] += v;
          total[p] += v;
        }
      }
    }
    double[] mean = new double[nb];
    for (int p = 0; p < n; p++) {
      for (int b = 0; b < nb; b++) {
        mean[b] += x[p * nb + b];
      }
    }
    double meanCounts = 0;
    for (double t : total) {
      meanCounts += t;
    }
    meanCounts /= n;
    for (int b = 0; b < nb; b++) {
      mean[b] /= n;
    }
    for (int p = 0; p < n; p++) {
      for (int b = 0; b < nb; b++) {
        x[p * nb + b] = mean[b] > 0 ? (x[p * nb + b] - mean[b]) / Math.sqrt(mean[b]) : 0;
      }
    }
    double[] cov = new double[nb * nb];
    for (int p = 0; p < n; p++) {
      int off = p * nb;
      for (int i = 0; i < nb; i++) {
        double xi = x[off + i];
        if (xi == 0) {
          continue;
        }
        for (int j = i; j < nb; j++) {
          cov[i * nb + j] += xi * x[off + j];
        }
      }
    }
    double traceSum = 0;
    for (int i = 0; i < nb; i++) {
      for (int j = i; j < nb; j++) {
        cov[i * nb + j] /= n;
        cov[j * nb + i] = cov[i * nb + j];
      }
      traceSum += cov[i * nb + i];
    }
    int k = Math.min(components, nb);
    double[][] v = topEigenvectors(cov, nb, k);
    int count = k + 1;
    float[] f = new float[n * count];
    double[] explained = new double[k];
    double[] col = new double[n];
    standardise(total, col);
    for (int p = 0; p < n; p++) {
      f[p * count] = (float) col[p];
    }
    for (int j = 0; j < k; j++) {
      double var = 0;
      for (int p = 0; p < n; p++) {
        double s = 0;
        for (int b = 0; b < nb; b++) {
          s += x[p * nb + b] * v[j][b];
        }
        col[p] = s;
        var += s * s;
      }
      explained[j] = traceSum > 0 ? var / n / traceSum : 0;
      double[] out = new double[n];
      standardise(col, out);
      for (int p = 0; p < n; p++) {
        f[p * count + j + 1] = (float) out[p];
      }
    }
    return new EdsProxy(si.width(), si.height(), f, count, meanCounts, explained);
  }

  private static void standardise(double[] in, double[] out) {
    double m = 0;
    for (double v : in) {
      m += v;
    }
    m /= in.length;
    double q = 0;
    for (double v : in) {
      q += (v - m) * (v - m);
    }
    double sd = Math.sqrt(q / in.length);
    for (int i = 0; i < in.length; i++) {
      out[i] = sd > 0 ? (in[i] - m) / sd : 0;
    }
  }

  /** Leading k eigenvectors of a symmetric n x n matrix by orthogonal iteration. */
  static double[][] topEigenvectors(double[] a, int n, int k) {
    double[][] q = new double[k][n];
    java.util.SplittableRandom rng = new java.util.SplittableRandom(12345);
    for (int j = 0; j < k; j++) {
      for (int i = 0; i < n; i++) {
        q[j][i] = rng.nextDouble() - 0.5;
      }
    }
    orthonormalise(q, n);
    for (int it = 0; it < 300; it++) {
      double[][] z = new double[k][n];
      for (int j = 0; j < k; j++) {
        for (int r = 0; r < n; r++) {
          double s = 0;
          int off = r * n;
          for (int c = 0; c < n; c++) {
            s += a[off + c] * q[j][c];
          }
          z[j][r] = s;
        }
      }
      orthonormalise(z, n);
      double change = 0;
      for (int j = 0; j < k; j++) {
        double dot = 0;
        for (int i = 0; i < n; i++) {
          dot += z[j][i] * q[j][i];
        }
        change = Math.max(change, 1 - Math.abs(dot));
      }
      q = z;
      if (change < 1e-10) {
        break;
      }
    }
    return q;
  }

  private static void orthonormalise(double[][] q, int n) {
    for (int j = 0; j < q.length; j++) {
      for (int i = 0; i < j; i++) {
        double dot = 0;
        for (int t = 0; t < n; t++) {
          dot += q[j][t] * q[i][t];
        }
        for (int t = 0; t < n; t++) {
          q[j][t] -= dot * q[i][t];
        }
      }
      double norm = 0;
      for (int t = 0; t < n; t++) {
        norm += q[j][t] * q[j][t];
      }
      norm = Math.sqrt(norm);
      for (int t = 0; t < n; t++) {
        q[j][t] = norm > 0 ? q[j][t] / norm : 0;
      }
    }
  }
}
