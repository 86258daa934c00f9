package io.alloyflow.prediction.micromech;

import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_3D;

/**
 * Linear-elastic homogenisation of periodic voxel volumes by the basic FFT scheme of Moulinec
 * and Suquet (1998) with mixed macroscopic control, for anisotropic (e.g. rotated cubic) phases.
 *
 * <p>The reference medium is isotropic: its bulk modulus is the mean of the extreme phase bulk
 * moduli and 2 mu0 the mean of the extreme deviatoric Kelvin moduli of the phases (for a cubic
 * crystal C11 - C12 and 2 C44), which keeps the scheme convergent for any orientation (H.
 * Moulinec and P. Suquet 1998, section 2.3). Components are (xx, yy, zz, yz, xz, xy) with tensor
 * shear; Nyquist components stay zero as in {@link PlaneStrainFft}.
 */
public final class Elastic3d {

  /**
   * A phase or grain.
   *
   * @param stiffness 6x6 Mandel stiffness (Pa)
   * @param bulk bulk modulus (Pa)
   * @param shear2Min smallest deviatoric Kelvin modulus (Pa)
   * @param shear2Max largest deviatoric Kelvin modulus (Pa)
   */
  public record Material(double[][] stiffness, double bulk, double shear2Min, double shear2Max) {

    public Material {
      if (stiffness == null || stiffness.length != 6 || stiffness[0].length != 6) {
        throw new IllegalArgumentException("stiffness must be a 6x6 Mandel matrix");
      }
      if (!(bulk > 0) || !(shear2Min > 0) || !(shear2Max >= shear2Min)) {
        throw new IllegalArgumentException(
            "moduli must be positive with shear2Max >= shear2Min, found " + bulk + ", " + shear2Min
                + ", " + shear2Max);
      }
    }

    /** An isotropic phase. */
    public static Material isotropic(Isotropic e) {
      return new Material(Mandel.isotropic(e), e.bulk(), 2 * e.mu(), 2 * e.mu());
    }

    /** A cubic crystal with Bunge orientation g. */
    public static Material cubic(CubicCrystal c, double[][] g) {
      double a = c.c11() - c.c12();
      double b = 2 * c.c44();
      return new Material(c.mandelInSample(g), c.bulk(), Math.min(a, b), Math.max(a, b));
    }
  }

  /**
   * Converged fields.
   *
   * @param strain strain per component (6) per voxel, tensor shear
   * @param stress stress per component (6) per voxel (Pa)
   * @param macroStrain mean strain (6)
   * @param macroStress mean stress (6) (Pa)
   * @param iterations iterations used
   */
  public record Result(
      double[][] strain, double[][] stress, double[] macroStrain, double[] macroStress,
      int iterations) {}

  private Elastic3d() {}

  /**
   * Solves the cell problem.
   *
   * @param n voxels per side
   * @param material material index per voxel, index = (z * n + y) * n + x
   * @param macroStrain prescribed mean strain (6, tensor shear); starting guess where stress is
   *     controlled
   * @param stressControlled which components are stress-controlled (null: none)
   * @param target mean stress targets of stress-controlled components (Pa)
   */
  public static Result solve(
      int n, int[] material, Material[] mats, double[] macroStrain, boolean[] stressControlled,
      double[] target, double tol, int maxIterations) {
    if (n < 4 || n > 256) {
      throw new IllegalArgumentException("volume side must be 4..256 voxels, found " + n);
    }
    int size = n * n * n;
    if (material == null || material.length != size) {
      throw new IllegalArgumentException(
          "a volume of side " + n + " needs " + size + " voxels, found "
              + (material == null ? "none" : material.length));
    }
    double kmin = Double.POSITIVE_INFINITY;
    double kmax = 0;
    double smin = Double.POSITIVE_INFINITY;
    double smax = 0;
    for (Material m : mats) {
      kmin = Math.min(kmin, m.bulk());
      kmax = Math.max(kmax, m.bulk());
      smin = Math.min(smin, m.shear2Min());
      smax = Math.max(smax, m.shear2Max());
    }
    for (int i = 0; i < size; i++) {
      if (material[i] < 0 || material[i] >= mats.length) {
        throw new IllegalArgumentException(
            "voxel " + i + " has material " + material[i] + ", expected 0.." + (mats.length - 1));
      }
    }
    double mu0 = 0.25 * (smin + smax);
    double lam0 = 0.5 * (kmin + kmax) - 2 * mu0 / 3;
    double c = (lam0 + mu0) / (mu0 * (lam0 + 2 * mu0));
    double[][] c0 = new double[6][6];
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 3; b++) {
        c0[a][b] = lam0 + (a == b ? 2 * mu0 : 0);
      }
      c0[a + 3][a + 3] = 2 * mu0;
    }
    boolean[] ctrl = stressControlled == null ? new boolean[6] : stressControlled;
    double[] tgt = target == null ? new double[6] : target;
    double[] macro = macroStrain.clone();
    double[][] e = new double[6][size];
    double[][] s = new double[6][size];
    for (int k = 0; k < 6; k++) {
      Arrays.fill(e[k], macro[k]);
    }
    // frequencies
    double[] fx = new double[n];
    for (int i = 0; i < n; i++) {
      fx[i] = i <= n / 2 ? i : i - n;
    }
    boolean even = n % 2 == 0;
    DoubleFFT_3D fft = new DoubleFFT_3D(n, n, n);
    double[][] b = new double[6][2 * size];
    double lastEq = Double.NaN;
    double lastSig = Double.NaN;
    for (int it = 1; it <= maxIterations; it++) {
      stress(material, mats, e, s);
      double[] sig = new double[6];
      double[] em = new double[6];
      for (int k = 0; k < 6; k++) {
        sig[k] = PlaneStrainFft.mean(s[k]);
        em[k] = PlaneStrainFft.mean(e[k]);
      }
      double[] next = macro.clone();
      double errSig = mixed(next, sig, ctrl, tgt, c0);
      for (int k = 0; k < 6; k++) {
        double[] bk = b[k];
        double[] sk = s[k];
        for (int i = 0; i < size; i++) {
          bk[2 * i] = sk[i];
          bk[2 * i + 1] = 0;
        }
        fft.complexForward(bk);
      }
      double sumsq = 0;
      double[] t = new double[6];
      for (int z = 0; z < n; z++) {
        for (int y = 0; y < n; y++) {
          for (int x = 0; x < n; x++) {
            int i = (z * n + y) * n + x;
            if (x == 0 && y == 0 && z == 0) {
              for (int k = 0; k < 6; k++) {
                b[k][0] = size * (em[k] - next[k]);
                b[k][1] = 0;
              }
              continue;
            }
            if (even && (x == n / 2 || y == n / 2 || z == n / 2)) {
              for (int k = 0; k < 6; k++) {
                b[k][2 * i] = 0;
                b[k][2 * i + 1] = 0;
              }
              continue;
            }
            double r = Math.sqrt(fx[x] * fx[x] + fx[y] * fx[y] + fx[z] * fx[z]);
            double n1 = fx[x] / r;
            double n2 = fx[y] / r;
            double n3 = fx[z] / r;
            for (int part = 0; part < 2; part++) {
              int q = 2 * i + part;
              for (int k = 0; k < 6; k++) {
                t[k] = b[k][q];
              }
              // tau n
              double a1 = t[0] * n1 + t[5] * n2 + t[4] * n3;
              double a2 = t[5] * n1 + t[1] * n2 + t[3] * n3;
              double a3 = t[4] * n1 + t[3] * n2 + t[2] * n3;
              double ntn = n1 * a1 + n2 * a2 + n3 * a3;
              double d0 = n1 * a1 / mu0 - c * n1 * n1 * ntn;
              double d1 = n2 * a2 / mu0 - c * n2 * n2 * ntn;
              double d2 = n3 * a3 / mu0 - c * n3 * n3 * ntn;
              double d3 = (n2 * a3 + n3 * a2) / (2 * mu0) - c * n2 * n3 * ntn;
              double d4 = (n1 * a3 + n3 * a1) / (2 * mu0) - c * n1 * n3 * ntn;
              double d5 = (n1 * a2 + n2 * a1) / (2 * mu0) - c * n1 * n2 * ntn;
              b[0][q] = d0;
              b[1][q] = d1;
              b[2][q] = d2;
              b[3][q] = d3;
              b[4][q] = d4;
              b[5][q] = d5;
              sumsq += d0 * d0 + d1 * d1 + d2 * d2 + 2 * (d3 * d3 + d4 * d4 + d5 * d5);
            }
          }
        }
      }
      for (int k = 0; k < 6; k++) {
        fft.complexInverse(b[k], true);
        double[] ek = e[k];
        double[] bk = b[k];
        for (int i = 0; i < size; i++) {
          ek[i] -= bk[2 * i];
        }
      }
      macro = next;
      double en = 0;
      for (int k = 0; k < 6; k++) {
        en += macro[k] * macro[k] * (k < 3 ? 1 : 2);
      }
      double errEq = Math.sqrt(sumsq) / size / Math.max(Math.sqrt(en), 1e-12);
      lastEq = errEq;
      lastSig = errSig;
      if (errEq < tol && errSig < tol) {
        stress(material, mats, e, s);
        double[] ms = new double[6];
        for (int k = 0; k < 6; k++) {
          ms[k] = PlaneStrainFft.mean(s[k]);
        }
        return new Result(e, s, macro, ms, it);
      }
    }
    throw new IllegalStateException(
        "3D FFT scheme did not converge in " + maxIterations + " iterations (equilibrium error "
            + lastEq + ", stress-control error " + lastSig + ", tolerance " + tol + ")");
  }

  private static void stress(int[] material, Material[] mats, double[][] e, double[][] s) {
    double r2 = Mandel.R2;
    double[] em = new double[6];
    for (int i = 0; i < material.length; i++) {
      double[][] cm = mats[material[i]].stiffness();
      em[0] = e[0][i];
      em[1] = e[1][i];
      em[2] = e[2][i];
      em[3] = r2 * e[3][i];
      em[4] = r2 * e[4][i];
      em[5] = r2 * e[5][i];
      for (int a = 0; a < 6; a++) {
        double[] row = cm[a];
        double v =
            row[0] * em[0] + row[1] * em[1] + row[2] * em[2] + row[3] * em[3] + row[4] * em[4]
                + row[5] * em[5];
        s[a][i] = a < 3 ? v : v / r2;
      }
    }
  }

  private static double mixed(
      double[] e, double[] sig, boolean[] ctrl, double[] target, double[][] c0) {
    int[] idx = new int[6];
    int m = 0;
    for (int k = 0; k < 6; k++) {
      if (ctrl[k]) {
        idx[m++] = k;
      }
    }
    if (m == 0) {
      return 0;
    }
    double den = 0;
    for (int k = 0; k < 6; k++) {
      den += sig[k] * sig[k] * (k < 3 ? 1 : 2);
    }
    double[][] a = new double[m][m + 1];
    double num = 0;
    for (int r = 0; r < m; r++) {
      for (int q = 0; q < m; q++) {
        a[r][q] = c0[idx[r]][idx[q]];
      }
      a[r][m] = sig[idx[r]] - target[idx[r]];
      num += a[r][m] * a[r][m];
    }
    double[] d = Linear.solve(a);
    for (int r = 0; r < m; r++) {
      e[idx[r]] -= d[r];
    }
    return Math.sqrt(num) / Math.max(Math.sqrt(den), 1e-300);
  }

  /**
   * Effective Young's modulus along x: uniaxial mean stress xx (all other mean stresses zero) at
   * mean strain xx = 1e-3.
   */
  public static Result uniaxialX(int n, int[] material, Material[] mats, double tol) {
    double[] e0 = {1e-3, 0, 0, 0, 0, 0};
    boolean[] ctrl = {false, true, true, true, true, true};
    return solve(n, material, mats, e0, ctrl, new double[6], tol, 5000);
  }

  /** Effective 6x6 Mandel stiffness from six strain-controlled load cases. */
  public static double[][] effectiveStiffness(int n, int[] material, Material[] mats, double tol) {
    double[][] c = new double[6][6];
    for (int j = 0; j < 6; j++) {
      double[] e = new double[6];
      e[j] = j < 3 ? 1e-3 : 1e-3 / Mandel.R2; // unit Mandel strain 1e-3
      Result r = solve(n, material, mats, e, null, null, tol, 5000);
      for (int a = 0; a < 6; a++) {
        c[a][j] = r.macroStress()[a] * Mandel.weight(a) / 1e-3;
      }
    }
    return c;
  }
}
