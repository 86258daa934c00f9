package io.alloyflow.synthetic.xray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.synthetic.random.PoissonSampler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Golden numbers for the emission physics: K412 k-ratios against simple standards at 20 kV as
 * published by NIST (DTSA-II, quoted in NeXLSpectrum's test suite), detector resolution, escape
 * fraction, and Poisson sampler moments.
 */
class MatrixPhysicsTest {

  static double kIntensity(Map<String, Double> c, String el) {
    double s = 0;
    for (EmittedLine l : SpectrumSimulator.lines(c, 20, 35)) {
      if (l.element().equals(el) && l.family().equals("K")) {
        s += l.emittedPerElectronSr();
      }
    }
    return s;
  }

  @Test
  void k412KRatiosMatchPublishedWithinFivePercent() {
    Map<String, Map<String, Double>> std = new LinkedHashMap<>();
    std.put("O", Map.of("O", 0.532565, "Si", 0.467435));
    std.put("Mg", Map.of("O", 0.396964, "Mg", 0.603036));
    std.put("Al", Map.of("O", 0.470749, "Al", 0.529251));
    std.put("Si", Map.of("O", 0.532565, "Si", 0.467435));
    std.put("Ca", Map.of("Ca", 0.513341, "F", 0.486659));
    std.put("Fe", Map.of("Fe", 1.0));
    Map<String, Double> published =
        Map.of("O", 0.6529, "Mg", 0.1473, "Al", 0.0668, "Si", 0.3506, "Ca", 0.1921, "Fe", 0.0669);
    for (String el : std.keySet()) {
      double k = kIntensity(MeasuredSpectrumComparison.K412, el) / kIntensity(std.get(el), el);
      assertEquals(1.0, k / published.get(el), 0.05, "k-ratio of " + el + ": model " + k);
    }
  }

  @Test
  void resolutionFollowsFanoRelation() {
    EdsDetector d = EdsDetector.defaultDetector();
    assertEquals(129.0, d.fwhmEv(5895), 1e-9);
    // FWHM^2 - 129^2 = 5.546 * 0.115 * 3.64 * (E - 5895)
    double e = 1740;
    double expected = Math.sqrt(129 * 129 + 8 * Math.log(2) * 0.115 * 3.64 * (e - 5895));
    assertEquals(expected, d.fwhmEv(e), 1e-9);
    assertTrue(d.fwhmEv(1740) < 90 && d.fwhmEv(1740) > 75);
  }

  @Test
  void siEscapeFractionIsAFewPerMilleToPercent() {
    // Reed and Ware (1972): ~1-2 % just above the Si K edge, falling with energy
    double f2 = SpectrumSimulator.escapeFraction(2.0);
    double f6 = SpectrumSimulator.escapeFraction(6.4);
    assertTrue(f2 > 0.005 && f2 < 0.03, "escape at 2 keV " + f2);
    assertTrue(f6 < f2 && f6 > 1e-4, "escape at 6.4 keV " + f6);
    assertEquals(0, SpectrumSimulator.escapeFraction(1.5), 0);
  }

  @Test
  void escapeAndSumPeaksAppearWhereExpected() {
    Map<String, Double> fe = Map.of("Fe", 1.0);
    EdsDetector on = EdsDetector.defaultDetector();
    EdsDetector none = variant(on, false, 0);
    EdsDetector escOnly = variant(on, true, 0);
    EdsDetector pileOnly = variant(on, false, 0.5e-6);
    // 10 nA for a high count rate
    double[] b = SpectrumSimulator.expected(fe, 20, 10, 10, none, 0);
    double[] a = SpectrumSimulator.expected(fe, 20, 10, 10, escOnly, 0);
    double[] p = SpectrumSimulator.expected(fe, 20, 10, 10, pileOnly, 0);
    for (double v : p) {
      assertTrue(v >= 0, "expected counts must stay non-negative");
    }
    int esc = (int) Math.round((6403.8 - 1740.0) / 10);
    int sum = (int) Math.round(2 * 6403.8 / 10);
    assertTrue(a[esc] > 1.05 * b[esc], "Si escape peak of Fe Ka at " + esc);
    assertTrue(p[sum] > 1.05 * b[sum], "Fe Ka + Fe Ka sum peak at " + sum);
    // the escape peak sits at E - 1.74 keV: a local maximum in the difference
    double[] d = new double[a.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = a[i] - b[i];
    }
    int max = esc - 10;
    for (int i = esc - 10; i <= esc + 10; i++) {
      if (d[i] > d[max]) {
        max = i;
      }
    }
    assertEquals(esc, max, 1);
  }

  private static EdsDetector variant(EdsDetector on, boolean escape, double tau) {
    return new EdsDetector(on.axis(), on.channels(), on.fwhmMnKaEv(), on.takeoffDeg(),
        on.solidAngleSr(), on.polymerWindowUm(), on.aluminiumUm(), on.gridOpenFraction(),
        on.deadLayerUm(), on.activeMm(), escape, tau);
  }

  @Test
  void poissonSamplerHasPoissonMoments() {
    SplittableRandom r = new SplittableRandom(5);
    for (double mean : new double[] {0.3, 4.0, 25.0, 900.0}) {
      int n = 200_000;
      double s = 0;
      double s2 = 0;
      for (int i = 0; i < n; i++) {
        long k = PoissonSampler.sample(r, mean);
        s += k;
        s2 += (double) k * k;
      }
      double m = s / n;
      double v = s2 / n - m * m;
      assertEquals(mean, m, 5 * Math.sqrt(mean / n), "mean for " + mean);
      assertEquals(mean, v, 0.02 * mean + 0.01, "variance for " + mean);
    }
  }

  @Test
  void facadeSpectrumRoundTripsThroughEmsa(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
      throws Exception {
    var s = io.alloyflow.synthetic.SyntheticWorld.simulateSpectrum(
        Map.of("Fe", 0.7, "Cr", 0.2, "Ni", 0.1), 15, 30, 0.5, 4L);
    assertEquals(2048, s.channels());
    assertEquals(10.0, s.axis().gainEvPerChannel(), 0);
    java.nio.file.Path f = tmp.resolve("s.msa");
    io.alloyflow.core.io.EmsaIO.write(s, f);
    var back = io.alloyflow.core.io.EmsaIO.read(f);
    assertTrue(java.util.Arrays.equals(s.counts(), back.counts()));
    assertEquals(15.0, back.beamEnergyKeV(), 1e-9);
    assertTrue(back.metadata().toString().contains("Cr:20"), back.metadata().toString());
  }

  @Test
  void spectrumIsDeterministicAndConservesLinesAboveBackground() {
    Map<String, Double> fe = Map.of("Fe", 1.0);
    var a = SpectrumSimulator.simulate(fe, 20, 60, 1, EdsDetector.defaultDetector(), 9);
    var b = SpectrumSimulator.simulate(fe, 20, 60, 1, EdsDetector.defaultDetector(), 9);
    var c = SpectrumSimulator.simulate(fe, 20, 60, 1, EdsDetector.defaultDetector(), 10);
    assertTrue(java.util.Arrays.equals(a.counts(), b.counts()));
    assertTrue(!java.util.Arrays.equals(a.counts(), c.counts()));
    // Fe Ka peak maximum at channel 640 (6.40 keV at 10 eV/channel)
    int max = 0;
    for (int i = 300; i < 900; i++) {
      if (a.counts()[i] > a.counts()[max]) {
        max = i;
      }
    }
    assertEquals(640, max, 1);
  }
}
