package io.alloyflow.fusion.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.image.SignalType;
import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.synthetic.fusion.SemEdsPair;
import io.alloyflow.synthetic.random.PoissonSampler;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

class SemEdsRegistrationTest {

  private static final SemEdsRegistration.Options OPT = SemEdsRegistration.Options.defaults();

  /**
   * A two-component test pair: abundance field f(x, y) in SEM pixel coordinates; BSE = 1000 + 500
   * f with Poisson noise; EDS pixel spectra mix two Gaussian-peak spectra in the proportion of
   * the footprint mean of f, with Poisson counts.
   */
  static Pair pair(DoubleBinaryOperator f, int semW, int semH, int edsW, int edsH,
      AffineTransform2D edsToSem, double countsPerPixel, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] px = new float[semW * semH];
    for (int y = 0; y < semH; y++) {
      for (int x = 0; x < semW; x++) {
        px[y * semW + x] = PoissonSampler.sample(rng, 1000 + 500 * f.applyAsDouble(x + 0.5,
            y + 0.5));
      }
    }
    int nch = 256;
    double[] a = new double[nch];
    double[] b = new double[nch];
    for (int c = 0; c < nch; c++) {
      a[c] = Math.exp(-0.5 * Math.pow((c - 60) / 4.0, 2)) + 0.2;
      b[c] = Math.exp(-0.5 * Math.pow((c - 150) / 5.0, 2)) + 0.2;
    }
    double na = 0;
    double nb = 0;
    for (int c = 0; c < nch; c++) {
      na += a[c];
      nb += b[c];
    }
    float[] data = new float[edsW * edsH * nch];
    int ss = 4;
    for (int v = 0; v < edsH; v++) {
      for (int u = 0; u < edsW; u++) {
        double m = 0;
        for (int i = 0; i < ss; i++) {
          for (int j = 0; j < ss; j++) {
            double[] xy = edsToSem.apply(u + (j + 0.5) / ss, v + (i + 0.5) / ss);
            m += f.applyAsDouble(xy[0], xy[1]) / (ss * ss);
          }
        }
        for (int c = 0; c < nch; c++) {
          double mu = countsPerPixel * (m * a[c] / na + (1 - m) * b[c] / nb);
          data[(v * edsW + u) * nch + c] = PoissonSampler.sample(rng, mu);
        }
      }
    }
    double semPx = 1e-7;
    double edsPx = semPx * edsToSem.scale();
    Micrograph sem = new Micrograph(semW, semH, px, 16, semPx, SignalType.BSE);
    SpectrumImage si = new SpectrumImage(edsW, edsH, nch, data, new EnergyAxis(0, 50), edsPx,
        20, 0.01);
    return new Pair(sem, si, edsToSem.inverse());
  }

  record Pair(Micrograph sem, SpectrumImage si, AffineTransform2D semToEds) {}

  /** Random smooth blobs. */
  static DoubleBinaryOperator blobs(int w, int h, double radius, int count, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] c = new double[count][];
    for (int k = 0; k < count; k++) {
      c[k] = new double[] {rng.nextDouble() * w, rng.nextDouble() * h,
          radius * (0.5 + rng.nextDouble())};
    }
    return (x, y) -> {
      double s = 0;
      for (double[] b : c) {
        double d2 = ((x - b[0]) * (x - b[0]) + (y - b[1]) * (y - b[1])) / (b[2] * b[2]);
        if (d2 < 9) {
          s = Math.max(s, Math.exp(-d2));
        }
      }
      return s;
    };
  }

  @Test
  void recoversKnownAffineOfATwoComponentPair() {
    // 40x40 EDS pixels of 6 SEM pixels, rotated 2 deg, shifted 7 and -5 EDS pixels
    AffineTransform2D t = AffineTransform2D.similarity(6.0, 2.0, 0, 0);
    double tx = 300 / 2.0 - (t.a() * 20 + t.b() * 20) + 7 * 6;
    double ty = 300 / 2.0 - (t.c() * 20 + t.d() * 20) - 5 * 6;
    AffineTransform2D edsToSem = new AffineTransform2D(t.a(), t.b(), tx, t.c(), t.d(), ty);
    Pair p = pair(blobs(300, 300, 12, 60, 3), 300, 300, 40, 40, edsToSem, 3000, 4);
    RegistrationResult r = SemEdsRegistration.register(p.sem(), p.si(), OPT);
    double err = RegistrationAccuracy.rmsErrorEdsPx(p.semToEds(), r.semToEds(), 300, 300, 40,
        40);
    assertTrue(err < 0.1, "RMS error " + err + " EDS px; result " + r.toJson());
    assertTrue(r.reliable(), r.reason());
    assertEquals(2.0, -r.semToEds().rotationDeg(), 0.3);
    // the quality metrics of the multi-start refinement: the restarts agree on this field
    assertEquals(5.0, r.quality().get("restarts"));
    assertTrue(r.quality().get("restartsAgreeing") >= 1, r.quality().toString());
    assertTrue(r.quality().get("restartSpreadPx") < 0.2, r.quality().toString());
    assertTrue(r.rmsResidualPx() < 0.3, r.quality().toString());
  }

  @Test
  void singleEdgeLeavesOneShiftUndeterminedAndIsFlagged() {
    // one straight edge along y: the shift along the edge is not determined by the data, so the
    // transform must not be reported as reliable, whatever the optimiser settles on
    AffineTransform2D edsToSem = AffineTransform2D.similarity(6.0, 0, 0, 0);
    Pair p = pair((x, y) -> 1 / (1 + Math.exp(-(x - 120) / 10)), 240, 240, 40, 40, edsToSem,
        3000, 9);
    RegistrationResult r = SemEdsRegistration.register(p.sem(), p.si(), OPT);
    assertFalse(r.reliable(), "an edge-only field was reported reliable: " + r.toJson());
  }

  @Test
  void rotatedStartKeepsTheFieldCentreAndAddsTheRotation() {
    AffineTransform2D t = AffineTransform2D.similarity(6.0, 0.5, 12, -7);
    AffineTransform2D r = SemEdsRegistration.rotateAbout(t, -3, 20, 15);
    double[] c0 = t.apply(20, 15);
    double[] c1 = r.apply(20, 15);
    assertEquals(c0[0], c1[0], 1e-9);
    assertEquals(c0[1], c1[1], 1e-9);
    assertEquals(-2.5, r.rotationDeg(), 1e-9);
    assertEquals(6.0, r.scale(), 1e-9);
  }

  @Test
  void flatFieldIsFlaggedUnreliable() {
    AffineTransform2D edsToSem = AffineTransform2D.similarity(6.0, 0, 0, 0);
    Pair p = pair((x, y) -> 0.5, 240, 240, 40, 40, edsToSem, 3000, 5);
    RegistrationResult r = SemEdsRegistration.register(p.sem(), p.si(), OPT);
    assertFalse(r.reliable());
    assertTrue(r.reason().contains("flat"), r.reason());
  }

  @Test
  void periodicFieldIsFlaggedAmbiguous() {
    double period = 8 * 6.0;
    AffineTransform2D edsToSem = AffineTransform2D.similarity(6.0, 0, 0, 0);
    Pair p = pair((x, y) -> 0.5 + 0.5 * Math.sin(2 * Math.PI * x / period)
        * Math.sin(2 * Math.PI * y / period), 240, 240, 40, 40, edsToSem, 3000, 6);
    RegistrationResult r = SemEdsRegistration.register(p.sem(), p.si(), OPT);
    assertFalse(r.reliable());
    assertTrue(r.reason().contains("ambiguous"), r.reason());
  }

  @Test
  void tooFewCountsAreFlagged() {
    AffineTransform2D edsToSem = AffineTransform2D.similarity(6.0, 0, 0, 0);
    Pair p = pair(blobs(240, 240, 12, 50, 7), 240, 240, 40, 40, edsToSem, 8, 8);
    RegistrationResult r = SemEdsRegistration.register(p.sem(), p.si(), OPT);
    assertFalse(r.reliable());
    assertTrue(r.reason().contains("too few counts"), r.reason());
  }

  @Test
  void incompatibleFieldsAreRejectedWithTheSizes() {
    AffineTransform2D edsToSem = AffineTransform2D.similarity(6.0, 0, 0, 0);
    Pair p = pair(blobs(240, 240, 12, 50, 7), 240, 240, 40, 40, edsToSem, 100, 8);
    SpectrumImage wrong = new SpectrumImage(40, 40, 256, p.si().data(), p.si().axis(),
        p.si().pixelSizeM() * 50, 20, 0.01);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SemEdsRegistration.register(p.sem(), wrong, OPT));
    assertTrue(e.getMessage().contains("incompatible fields"), e.getMessage());
  }

  @Test
  void syntheticAluminiumPairsRegisterBelowHalfAnEdsPixel() {
    // a seed outside the held-out benchmark range (1000..1099); the 100-seed statistics are in
    // bench/fusion (run_registration.sh)
    for (long seed : new long[] {11}) {
      SemEdsPair pair = SemEdsPair.aluminium(
          SemEdsPair.Params.registration().withScaleRatio(6), seed);
      RegistrationResult r = SemEdsRegistration.register(pair.sem(), pair.spectrumImage(), OPT);
      double err = RegistrationAccuracy.rmsErrorEdsPx(AffineTransform2D.of(pair.semToEds()),
          r.semToEds(), pair.sem().width(), pair.sem().height(), 48, 48);
      assertTrue(err < 0.5, "seed " + seed + ": RMS error " + err + " EDS px, " + r.toJson());
      assertTrue(r.reliable(), "seed " + seed + ": " + r.reason());
    }
  }

  @Test
  void affineInverseAndDecomposition() {
    AffineTransform2D t = AffineTransform2D.similarity(4.0, -1.5, 12, -7);
    AffineTransform2D i = t.inverse();
    double[] p = i.apply(t.apply(3.25, 9.5)[0], t.apply(3.25, 9.5)[1]);
    assertEquals(3.25, p[0], 1e-12);
    assertEquals(9.5, p[1], 1e-12);
    assertEquals(4.0, t.scale(), 1e-12);
    assertEquals(-1.5, t.rotationDeg(), 1e-12);
    assertEquals(0.25, i.scale(), 1e-12);
    assertThrows(IllegalArgumentException.class,
        () -> new AffineTransform2D(1, 2, 0, 2, 4, 0));
  }
}
