package io.alloyflow.prediction.micromech;

import org.jtransforms.fft.DoubleFFT_2D;

/**
 * The basic fixed-point scheme of Moulinec and Suquet (1998) on an n x n periodic grid in plane
 * strain, with the Green operator of an isotropic reference medium (lambda0, mu0) and mixed
 * macroscopic control: each macroscopic strain component is either prescribed or adjusted every
 * iteration by -C0_SS^-1 (Sigma_S - target_S) until the mean stress reaches its target.
 *
 * <p>Strains and stresses are tensor components (xx, yy, xy) with tensor shear; the zz strain is
 * zero. Iterations stop when the RMS strain correction (the equilibrium defect measured through
 * the Green operator) and the error of the controlled mean stresses both fall below the
 * tolerance, relative to the macroscopic strain and stress. The fixed-point map is accelerated
 * by Anderson mixing ({@link Anderson}), which turns the slow contraction of the basic scheme on
 * soft plastic tangents (about 3 mu / h iterations) into a Krylov-like convergence. The strain field starts uniform and
 * its Nyquist components of an even grid are never updated (they stay zero): with soft plastic
 * tangents the fixed point otherwise admits a row-by-row (wavelength two pixel) oscillation of the
 * plastic strain, which a discrete grid cannot resolve (measured here on an elasto-plastic laminate,
 * see the tests).
 */
final class PlaneStrainFft {

  /** Stress of every pixel from its strain. */
  interface Constitutive {
    void stress(double[] exx, double[] eyy, double[] exy, double[] sxx, double[] syy, double[] sxy);
  }

  private final int n;
  private final int size;
  private final DoubleFFT_2D fft;
  private final double[] fx;
  private final double[] fy;
  private final byte[] kind; // 0 zero frequency, 1 regular, 2 Nyquist
  private final double[] bxx;
  private final double[] byy;
  private final double[] bxy;
  final double[] sxx;
  final double[] syy;
  final double[] sxy;

  PlaneStrainFft(int n) {
    if (n < 4 || n > 4096) {
      throw new IllegalArgumentException("grid size must be in 4..4096 pixels, found " + n);
    }
    this.n = n;
    this.size = n * n;
    this.fft = new DoubleFFT_2D(n, n);
    this.fx = new double[size];
    this.fy = new double[size];
    this.kind = new byte[size];
    for (int y = 0; y < n; y++) {
      int ky = y <= n / 2 ? y : y - n;
      for (int x = 0; x < n; x++) {
        int kx = x <= n / 2 ? x : x - n;
        int i = y * n + x;
        double r = Math.hypot(kx, ky);
        if (r == 0) {
          kind[i] = 0;
        } else {
          fx[i] = kx / r;
          fy[i] = ky / r;
          boolean nyq = n % 2 == 0 && (x == n / 2 || y == n / 2);
          kind[i] = (byte) (nyq ? 2 : 1);
        }
      }
    }
    bxx = new double[2 * size];
    byy = new double[2 * size];
    bxy = new double[2 * size];
    sxx = new double[size];
    syy = new double[size];
    sxy = new double[size];
  }

  int n() {
    return n;
  }

  /**
   * Iterates to equilibrium.
   *
   * @param macro macroscopic strain (xx, yy, xy); controlled components are updated in place
   * @param stressControlled which components are stress-controlled
   * @param target target mean stresses of the stress-controlled components (Pa)
   * @return iterations used
   * @throws IllegalStateException when the scheme does not converge within maxIterations
   */
  int equilibrate(
      Constitutive law, double lambda0, double mu0, double[] exx, double[] eyy, double[] exy,
      double[] macro, boolean[] stressControlled, double[] target, double tol, int maxIterations) {
    double c = (lambda0 + mu0) / (mu0 * (lambda0 + 2 * mu0));
    double m0 = lambda0 + 2 * mu0;
    double[][] c0 = {{m0, lambda0, 0}, {lambda0, m0, 0}, {0, 0, 2 * mu0}};
    double lastEq = Double.NaN;
    double lastSig = Double.NaN;
    Anderson acc = new Anderson(3 * size + 3, ANDERSON_DEPTH);
    double[] x = new double[3 * size + 3];
    for (int it = 1; it <= maxIterations; it++) {
      pack(x, exx, eyy, exy, macro);
      law.stress(exx, eyy, exy, sxx, syy, sxy);
      double[] sig = {mean(sxx), mean(syy), mean(sxy)};
      double[] eMean = {mean(exx), mean(eyy), mean(exy)};
      double[] next = macro.clone();
      double errSig = mixedUpdate(next, sig, stressControlled, target, c0);
      for (int i = 0; i < size; i++) {
        bxx[2 * i] = sxx[i];
        bxx[2 * i + 1] = 0;
        byy[2 * i] = syy[i];
        byy[2 * i + 1] = 0;
        bxy[2 * i] = sxy[i];
        bxy[2 * i + 1] = 0;
      }
      fft.complexForward(bxx);
      fft.complexForward(byy);
      fft.complexForward(bxy);
      double sumsq = 0;
      for (int i = 0; i < size; i++) {
        int re = 2 * i;
        int im = re + 1;
        if (kind[i] == 0) {
          bxx[re] = size * (eMean[0] - next[0]);
          byy[re] = size * (eMean[1] - next[1]);
          bxy[re] = size * (eMean[2] - next[2]);
          bxx[im] = byy[im] = bxy[im] = 0;
          continue;
        }
        for (int part = 0; part < 2; part++) {
          int k = re + part;
          double txx = bxx[k];
          double tyy = byy[k];
          double txy = bxy[k];
          double dxx;
          double dyy;
          double dxy;
          if (kind[i] == 1) {
            double nx = fx[i];
            double ny = fy[i];
            double tnx = txx * nx + txy * ny;
            double tny = txy * nx + tyy * ny;
            double ntn = txx * nx * nx + 2 * txy * nx * ny + tyy * ny * ny;
            dxx = nx * tnx / mu0 - c * nx * nx * ntn;
            dyy = ny * tny / mu0 - c * ny * ny * ntn;
            dxy = (nx * tny + ny * tnx) / (2 * mu0) - c * nx * ny * ntn;
          } else {
            dxx = 0;
            dyy = 0;
            dxy = 0;
          }
          bxx[k] = dxx;
          byy[k] = dyy;
          bxy[k] = dxy;
          sumsq += dxx * dxx + dyy * dyy + 2 * dxy * dxy;
        }
      }
      fft.complexInverse(bxx, true);
      fft.complexInverse(byy, true);
      fft.complexInverse(bxy, true);
      for (int i = 0; i < size; i++) {
        exx[i] -= bxx[2 * i];
        eyy[i] -= byy[2 * i];
        exy[i] -= bxy[2 * i];
      }
      System.arraycopy(next, 0, macro, 0, 3);
      double[] g = new double[x.length];
      pack(g, exx, eyy, exy, macro);
      double[] mixed = acc.next(x, g);
      unpack(mixed, exx, eyy, exy, macro);
      double eNorm = Math.sqrt(macro[0] * macro[0] + macro[1] * macro[1] + 2 * macro[2] * macro[2]);
      double errEq = Math.sqrt(sumsq) / size / Math.max(eNorm, 1e-12);
      lastEq = errEq;
      lastSig = errSig;
      if (errEq < tol && errSig < tol) {
        law.stress(exx, eyy, exy, sxx, syy, sxy);
        return it;
      }
    }
    throw new IllegalStateException(
        "FFT scheme did not converge in " + maxIterations + " iterations (equilibrium error "
            + lastEq + ", stress-control error " + lastSig + ", tolerance " + tol + ")");
  }

  /** History depth of the Anderson acceleration of the fixed-point iteration (0: off). */
  static final int ANDERSON_DEPTH = 5;

  private void pack(double[] x, double[] a, double[] b, double[] c, double[] m) {
    System.arraycopy(a, 0, x, 0, size);
    System.arraycopy(b, 0, x, size, size);
    System.arraycopy(c, 0, x, 2 * size, size);
    System.arraycopy(m, 0, x, 3 * size, 3);
  }

  private void unpack(double[] x, double[] a, double[] b, double[] c, double[] m) {
    System.arraycopy(x, 0, a, 0, size);
    System.arraycopy(x, size, b, 0, size);
    System.arraycopy(x, 2 * size, c, 0, size);
    System.arraycopy(x, 3 * size, m, 0, 3);
  }

  private static double mixedUpdate(
      double[] e, double[] sig, boolean[] ctrl, double[] target, double[][] c0) {
    int[] idx = new int[3];
    int m = 0;
    for (int k = 0; k < 3; k++) {
      if (ctrl[k]) {
        idx[m++] = k;
      }
    }
    if (m == 0) {
      return 0;
    }
    double[][] a = new double[m][m + 1];
    double num = 0;
    double den = Math.sqrt(sig[0] * sig[0] + sig[1] * sig[1] + 2 * sig[2] * sig[2]);
    for (int r = 0; r < m; r++) {
      for (int q = 0; q < m; q++) {
        a[r][q] = c0[idx[r]][idx[q]];
      }
      double res = sig[idx[r]] - target[idx[r]];
      a[r][m] = res;
      num += res * res;
    }
    double[] d = Linear.solve(a);
    for (int r = 0; r < m; r++) {
      e[idx[r]] -= d[r];
    }
    return Math.sqrt(num) / Math.max(den, 1e-300);
  }

  static double mean(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s / a.length;
  }
}
