package io.alloyflow.synthetic.xray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.synthetic.micro.AluminiumAlloy;
import io.alloyflow.synthetic.micro.Microstructure;
import org.junit.jupiter.api.Test;

class SpectrumImageTest {

  static final EdsDetector DET = EdsDetector.defaultDetector().withAxis(new EnergyAxis(0, 10),
      1024);

  @Test
  void transformRoundTripsAndFitsInside() {
    Affine a = Affine.centred(512, 512, 128, 128, 0.9, 1.5);
    double[] xy = a.toSem(17.5, 99.5);
    double[] uv = a.toEds(xy[0], xy[1]);
    assertEquals(17.5, uv[0], 1e-9);
    assertEquals(99.5, uv[1], 1e-9);
    for (double[] corner : new double[][] {{0, 0}, {128, 0}, {0, 128}, {128, 128}}) {
      double[] p = a.toSem(corner[0], corner[1]);
      assertTrue(p[0] >= 0 && p[0] <= 512 && p[1] >= 0 && p[1] <= 512);
    }
  }

  @Test
  void mapIsDeterministicWithExactTruthAndDrift() {
    Microstructure m = AluminiumAlloy.generate(AluminiumAlloy.Params.defaults(128, 0.5e-6), 3L);
    SpectrumImageSimulator.Params p = new SpectrumImageSimulator.Params(32, 32,
        Affine.centred(128, 128, 32, 32, 0.9, 2.0), 15, 0.2, 2.0, DET, 10.0, 3);
    SpectrumImageSimulator.Result a = SpectrumImageSimulator.simulate(m, p, 8L);
    SpectrumImageSimulator.Result b = SpectrumImageSimulator.simulate(m, p, 8L);
    assertArrayEquals(a.image().data(), b.image().data());
    assertEquals(0.0, a.outsideFraction(), 0);
    int np = a.phaseNames().size();
    int ne = a.elements().size();
    for (int pix = 0; pix < 32 * 32; pix++) {
      double w = 0;
      for (int k = 0; k < np; k++) {
        w += a.phaseWeights()[pix * np + k];
      }
      assertEquals(1.0, w, 1e-5);
      double c = 0;
      for (int e = 0; e < ne; e++) {
        c += a.composition()[pix * ne + e];
      }
      assertEquals(1.0, c, 1e-4);
    }
    // the Al Ka centroid moves by the drift between the first and last rows
    double first = centroid(a, 0, 4, 1486.7);
    double last = centroid(a, 28, 32, 1486.7);
    double expectedShift = 10.0 * ((28 + 31) / 2.0 - (0 + 3) / 2.0) / 31;
    assertEquals(expectedShift, last - first, 2.0);
  }

  private static double centroid(SpectrumImageSimulator.Result r, int v0, int v1, double eEv) {
    var si = r.image();
    EnergyAxis ax = si.axis();
    int c0 = (int) Math.round(ax.channel(eEv));
    double s = 0;
    double sm = 0;
    for (int v = v0; v < v1; v++) {
      for (int u = 0; u < si.width(); u++) {
        for (int c = c0 - 15; c <= c0 + 15; c++) {
          double x = si.at(u, v, c);
          s += x;
          sm += x * ax.energyEv(c);
        }
      }
    }
    return sm / s;
  }
}
