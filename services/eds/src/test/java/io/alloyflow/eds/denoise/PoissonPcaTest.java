package io.alloyflow.eds.denoise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.eds.SyntheticCubes;
import org.junit.jupiter.api.Test;

/** Poisson PCA on a three-phase synthetic cube with known rank. */
class PoissonPcaTest {
  @Test
  void findsRankReconstructsAndMatchesExactSingularValues() {
    SyntheticCubes.Cube cube = SyntheticCubes.make(48, 40, 256, 200, 3);
    SpectrumImage si = cube.noisy();
    PoissonPca.Decomposition d = PoissonPca.decompose(si, 12, 3, 42);
    assertEquals(3, d.suggestedComponents(), "three phases -> three components");

    // exact singular values from the Gram matrix of the scaled data (Jacobi, double precision)
    int n = si.width() * si.height();
    int c = si.channels();
    double[][] gram = new double[c][c];
    double[] x = new double[c];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < c; j++) {
        x[j] = si.data()[i * c + j] / (d.rowScale()[i] * d.colScale()[j]);
      }
      for (int j = 0; j < c; j++) {
        if (x[j] == 0) {
          continue;
        }
        for (int k = 0; k <= j; k++) {
          gram[j][k] += x[j] * x[k];
        }
      }
    }
    for (int j = 0; j < c; j++) {
      for (int k = 0; k < j; k++) {
        gram[k][j] = gram[j][k];
      }
    }
    double[] exact = SymmetricEigen.of(gram).values();
    for (int k = 0; k < 3; k++) {
      double s = Math.sqrt(exact[k]);
      assertEquals(s, d.singularValues()[k], 1e-4 * s, "singular value " + k);
    }

    // the exact path (Gram on libtorch + Householder/QL) resolves the noise bulk too
    double[] all = PoissonPca.decompose(si, 12, 3, 42, true).allSingularValues();
    assertEquals(c, all.length);
    for (int k = 0; k < 10; k++) {
      double s = Math.sqrt(Math.max(exact[k], 0));
      assertEquals(s, all[k], 1e-4 * s, "all-singular-values path, value " + k);
    }

    SpectrumImage rec = PoissonPca.reconstruct(si, d, 3);
    double errRaw = 0;
    double errRec = 0;
    for (int i = 0; i < si.data().length; i++) {
      errRaw += Math.pow(si.data()[i] - cube.expected()[i], 2);
      errRec += Math.pow(rec.data()[i] - cube.expected()[i], 2);
    }
    assertTrue(errRec < 0.1 * errRaw, "denoised error " + errRec + " vs raw " + errRaw);
  }
}
