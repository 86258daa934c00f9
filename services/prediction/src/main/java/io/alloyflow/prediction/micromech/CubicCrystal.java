package io.alloyflow.prediction.micromech;

/**
 * Cubic single-crystal elastic constants (Pa) and the rotations that carry them to the sample
 * frame.
 *
 * @param c11 C11 (Pa)
 * @param c12 C12 (Pa)
 * @param c44 C44 (Pa)
 */
public record CubicCrystal(double c11, double c12, double c44) {

  public CubicCrystal {
    if (!(c44 > 0) || !(c11 > Math.abs(c12)) || !(c11 + 2 * c12 > 0)) {
      throw new IllegalArgumentException(
          "cubic constants must be mechanically stable (C44 > 0, C11 > |C12|, C11 + 2 C12 > 0),"
              + " found C11=" + c11 + " C12=" + c12 + " C44=" + c44);
    }
  }

  /**
   * Austenitic stainless steel AISI 316: C11 = 206, C12 = 133, C44 = 119 GPa (H. M. Ledbetter,
   * "Monocrystal-polycrystal elastic constants of a stainless steel", Phys. Status Solidi A 85
   * (1984) 89-96).
   */
  public static CubicCrystal steel316L() {
    return new CubicCrystal(206e9, 133e9, 119e9);
  }

  /** Bulk modulus (Pa), the same in every orientation. */
  public double bulk() {
    return (c11 + 2 * c12) / 3;
  }

  /** Zener anisotropy ratio 2 C44 / (C11 - C12). */
  public double zener() {
    return 2 * c44 / (c11 - c12);
  }

  /** Young's modulus along crystal direction (h, k, l) (Pa), from the cubic compliances. */
  public double youngAlong(double h, double k, double l) {
    double norm = h * h + k * k + l * l;
    double a = h * h / norm;
    double b = k * k / norm;
    double c = l * l / norm;
    double d = (c11 - c12) * (c11 + 2 * c12);
    double s11 = (c11 + c12) / d;
    double s12 = -c12 / d;
    double s44 = 1 / c44;
    return 1 / (s11 - 2 * (s11 - s12 - s44 / 2) * (a * b + b * c + c * a));
  }

  /**
   * Bunge rotation matrix g (sample to crystal coordinates) of Euler angles (phi1, Phi, phi2)
   * in radians (H.-J. Bunge, "Texture Analysis in Materials Science", 1982, eq. 2.8); a crystal
   * vector v_c has sample coordinates g^T v_c.
   */
  public static double[][] bunge(double phi1, double phi, double phi2) {
    double c1 = Math.cos(phi1);
    double s1 = Math.sin(phi1);
    double c = Math.cos(phi);
    double s = Math.sin(phi);
    double c2 = Math.cos(phi2);
    double s2 = Math.sin(phi2);
    return new double[][] {
      {c1 * c2 - s1 * s2 * c, s1 * c2 + c1 * s2 * c, s2 * s},
      {-c1 * s2 - s1 * c2 * c, -s1 * s2 + c1 * c2 * c, c2 * s},
      {s1 * s, -c1 * s, c}
    };
  }

  /** The 4th-order crystal stiffness. */
  double[][][][] tensor() {
    double[][][][] t = new double[3][3][3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        t[i][i][j][j] = i == j ? c11 : c12;
        if (i != j) {
          t[i][j][i][j] = c44;
          t[i][j][j][i] = c44;
        }
      }
    }
    return t;
  }

  /** Stiffness in the sample frame for crystal orientation g (Bunge), 6x6 Mandel notation. */
  public double[][] mandelInSample(double[][] g) {
    double[][][][] c = tensor();
    double[][][][] r = new double[3][3][3][3];
    // C'_ijkl = g_pi g_qj g_rk g_sl C_pqrs (g^T maps crystal to sample)
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 3; k++) {
          for (int l = 0; l < 3; l++) {
            double sum = 0;
            for (int p = 0; p < 3; p++) {
              for (int q = 0; q < 3; q++) {
                for (int rr = 0; rr < 3; rr++) {
                  for (int s = 0; s < 3; s++) {
                    double v = c[p][q][rr][s];
                    if (v != 0) {
                      sum += g[p][i] * g[q][j] * g[rr][k] * g[s][l] * v;
                    }
                  }
                }
              }
            }
            r[i][j][k][l] = sum;
          }
        }
      }
    }
    return Mandel.fromTensor(r);
  }
}
