package io.alloyflow.eds.denoise;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.eds.SyntheticCubes;
import org.junit.jupiter.api.Test;

/** NMF and ICA recover the phase maps of a three-phase synthetic cube. */
class NmfIcaTest {
  static double bestAbsCorrelation(float[] maps, int k, int comp, int[] phase, int ph) {
    int n = phase.length;
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = maps[i * k + comp];
      b[i] = phase[i] == ph ? 1 : 0;
    }
    return Math.abs(corr(a, b));
  }

  static double corr(double[] a, double[] b) {
    double ma = 0, mb = 0;
    for (int i = 0; i < a.length; i++) {
      ma += a[i];
      mb += b[i];
    }
    ma /= a.length;
    mb /= b.length;
    double sab = 0, saa = 0, sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return sab / Math.sqrt(saa * sbb);
  }

  static void assertEachPhaseFound(float[] maps, int k, int[] phase, double min, String what) {
    assertPhasesFound(maps, k, phase, min, what, 0);
  }

  static void assertPhasesFound(
      float[] maps, int k, int[] phase, double min, String what, int firstPhase) {
    for (int ph = firstPhase; ph < 3; ph++) {
      double best = 0;
      for (int comp = 0; comp < k; comp++) {
        best = Math.max(best, bestAbsCorrelation(maps, k, comp, phase, ph));
      }
      assertTrue(best > min, what + ": phase " + ph + " best |r| = " + best);
    }
  }

  @Test
  void nmfRecoversPhasesAndDenoises() {
    SyntheticCubes.Cube cube = SyntheticCubes.make(32, 32, 256, 200, 11);
    SpectrumImage si = cube.noisy();
    Nmf.Result r = Nmf.factorize(si, 3, 150, 3);
    assertEachPhaseFound(r.w(), 3, cube.phase(), 0.9, "NMF");
    SpectrumImage rec = Nmf.reconstruct(si, r);
    double e0 = 0, e1 = 0;
    for (int i = 0; i < si.data().length; i++) {
      e0 += Math.pow(si.data()[i] - cube.expected()[i], 2);
      e1 += Math.pow(rec.data()[i] - cube.expected()[i], 2);
    }
    assertTrue(e1 < 0.2 * e0, "NMF reconstruction error " + e1 + " vs raw " + e0);
  }

  @Test
  void icaAfterPcaSeparatesPhases() {
    SyntheticCubes.Cube cube = SyntheticCubes.make(32, 32, 256, 200, 12);
    PoissonPca.Decomposition d = PoissonPca.decompose(cube.noisy(), 8, 2, 5);
    FastIca.Result ica = FastIca.run(d, 3, 500, 9);
    // abundances sum to one, so after centring only the two minority phases are independent
    // sources; the matrix is their complement and has no component of its own
    assertPhasesFound(ica.maps(), 3, cube.phase(), 0.8, "ICA", 1);
  }
}
