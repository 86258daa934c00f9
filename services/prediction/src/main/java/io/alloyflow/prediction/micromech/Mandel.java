package io.alloyflow.prediction.micromech;

/**
 * Mandel (Kelvin) notation of symmetric second- and fourth-order tensors: component order xx, yy,
 * zz, yz, xz, xy, with shear components scaled by sqrt(2) so that 6x6 products are tensor
 * contractions and rotations stay orthogonal.
 */
public final class Mandel {

  static final int[][] PAIRS = {{0, 0}, {1, 1}, {2, 2}, {1, 2}, {0, 2}, {0, 1}};
  static final double R2 = Math.sqrt(2);

  private Mandel() {}

  static double weight(int m) {
    return m < 3 ? 1 : R2;
  }

  /** 6x6 Mandel matrix of a tensor with minor symmetries. */
  static double[][] fromTensor(double[][][][] t) {
    double[][] m = new double[6][6];
    for (int a = 0; a < 6; a++) {
      for (int b = 0; b < 6; b++) {
        m[a][b] = t[PAIRS[a][0]][PAIRS[a][1]][PAIRS[b][0]][PAIRS[b][1]] * weight(a) * weight(b);
      }
    }
    return m;
  }

  /** Isotropic stiffness in Mandel notation. */
  public static double[][] isotropic(Isotropic e) {
    double l = e.lambda();
    double mu = e.mu();
    double[][] m = new double[6][6];
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 3; b++) {
        m[a][b] = l + (a == b ? 2 * mu : 0);
      }
      m[a + 3][a + 3] = 2 * mu;
    }
    return m;
  }
}
