package io.alloyflow.synthetic.micro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.synthetic.raster.Raster;
import io.alloyflow.synthetic.truth.LinealIntercept;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Truth consistency of the generators at 512x512: fractions within 1 %, intercepts within 5 %. */
class MicrostructureTruthTest {

  private static final double PX = 0.5e-6;

  @Test
  void dualPhaseFractionAndGrainSizeMatchRequest() {
    for (double f : new double[] {0.12, 0.3, 0.55}) {
      DualPhaseSteel.Params p = new DualPhaseSteel.Params(
          512, 512, PX, f, 10e-6, 3e-6, 0.4, 20e-6, 0.3);
      Microstructure m = DualPhaseSteel.generate(p, 7L);
      double measured = m.phaseMap().fractions()[1];
      assertEquals(f, measured, 0.01, "martensite fraction");
      // re-measure the grain structure independently of the generator's own statistics
      double lm = (double) m.statistics().get("meanLinealInterceptM");
      assertEquals(1.0, lm / 10e-6, 0.05, "mean lineal intercept vs request");
    }
  }

  @Test
  void grains2dInterceptMatchesRequestIndependentMeasurement() {
    for (double disp : new double[] {0.0, 1.0}) {
      for (double l : new double[] {4e-6, 12e-6}) {
        Microstructure m = Polycrystal.generate2d(
            new Polycrystal.Params2d(512, 512, PX, l, disp, "ferrite", Materials.IRON), 3L);
        LinealIntercept.Result r = LinealIntercept.measure(
            m.instanceMap().labels(), 512, 512);
        assertEquals(1.0, r.meanInterceptM(PX) / l, 0.05, "intercept for L=" + l);
        // a Poisson-Voronoi structure is equiaxed
        assertEquals(1.0, r.anisotropyIndex(), 0.1);
      }
    }
  }

  @Test
  void aluminiumFractionsMatchRequest() {
    AluminiumAlloy.Params p = new AluminiumAlloy.Params(512, 512, PX, 30e-6, 0.18, 0.04, 0.025);
    Microstructure m = AluminiumAlloy.generate(p, 11L);
    double[] f = m.phaseMap().fractions();
    assertEquals(0.18, f[1], 0.01);
    assertEquals(0.04, f[2], 0.01);
    assertEquals(0.025, f[3], 0.01);
    assertEquals(1 - 0.18 - 0.04 - 0.025, f[0], 0.01);
  }

  @Test
  void inclusionsHaveRequestedAreaAndInstanceTruth() {
    InclusionSteel.Params d = InclusionSteel.Params.defaults(512, 0.2e-6);
    InclusionSteel.Params p = new InclusionSteel.Params(512, 512, 0.2e-6, 0.02,
        d.meanDiameterM(), d.diameterCv(), d.clusterProbability(), d.mnsAspect(), d.typeWeights());
    Microstructure m = InclusionSteel.generate(p, 5L);
    double inc = 1 - m.phaseMap().fractions()[0];
    assertEquals(0.02, inc, 0.01);
    assertEquals(0.02, inc, 0.003, "within half an inclusion of the request");
    assertTrue(m.instances().size() > 10);
    // every instance id in the map has an entry, with a class and composition
    int max = m.instanceMap().maxLabel();
    assertEquals(m.instances().size(), max);
    long elongated = m.instances().stream().filter(i -> i.className().equals("MnS")).count();
    assertTrue(elongated > 0);
    // MnS is elongated along x: horizontal intercepts longer than vertical ones
    int[] mnsOnly = new int[512 * 512];
    for (int i = 0; i < mnsOnly.length; i++) {
      mnsOnly[i] = m.phaseMap().labels()[i] == 2 ? 1 : 0;
    }
    LinealIntercept.Result r = LinealIntercept.measure(mnsOnly, 512, 512);
    assertTrue(r.anisotropyIndex() > 1.5, "MnS anisotropy " + r.anisotropyIndex());
  }

  @Test
  void powderHasSatellitesAndCoverage() {
    Powder.Params p = Powder.Params.defaults(512, 1e-6);
    Microstructure m = Powder.generate(p, 9L);
    double cov = m.phaseMap().fractions()[1];
    assertEquals(0.40, cov, 0.01);
    assertTrue(m.instances().stream().anyMatch(i -> Boolean.TRUE.equals(
        i.attributes().get("satellite"))));
    assertEquals(m.instances().size(), m.instanceMap().maxLabel());
  }

  @Test
  void sameSeedSameBytesDifferentSeedDifferent() {
    DualPhaseSteel.Params p = DualPhaseSteel.Params.defaults(256, PX);
    Microstructure a = DualPhaseSteel.generate(p, 42L);
    Microstructure b = DualPhaseSteel.generate(p, 42L);
    Microstructure c = DualPhaseSteel.generate(p, 43L);
    assertArrayEquals(a.phaseMap().labels(), b.phaseMap().labels());
    assertArrayEquals(a.instanceMap().labels(), b.instanceMap().labels());
    assertArrayEquals(a.relief(), b.relief());
    assertEquals(a.statistics(), b.statistics());
    assertFalse(Arrays.equals(a.phaseMap().labels(), c.phaseMap().labels()));
  }

  @Test
  void volumeInterceptMatchesRequest() {
    Polycrystal.Volume v = Polycrystal.generate3d(64, 64, 64, 1e-6, 8e-6, 0.0, 1L);
    LinealIntercept.Result r = LinealIntercept.measure3d(v.grainIds(), 64, 64, 64);
    assertEquals(1.0, r.meanInterceptPx() / 8.0, 0.05);
    assertEquals(v.grainCount(), Arrays.stream(v.grainIds()).max().getAsInt());
  }

  @Test
  void badParametersAreRejectedWithMessages() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new DualPhaseSteel.Params(512, 512, PX, 1.2, 10e-6, 3e-6, 0, 20e-6, 0));
    assertTrue(e.getMessage().contains("martensite fraction"));
    assertThrows(IllegalArgumentException.class,
        () -> Polycrystal.generate2d(Polycrystal.Params2d.defaults(64, 1e-6, 1e-6), 1L));
    assertThrows(IllegalArgumentException.class,
        () -> new Phase("x", Map.of("Fe", 0.5)));
  }

  @Test
  void connectedComponentsAndDistanceTransformAreExact() {
    boolean[] m = new boolean[25];
    m[0] = true;
    m[24] = true;
    float[] d = Raster.distanceTransform(m, 5, 5);
    assertEquals(Math.sqrt(8), d[2 * 5 + 2], 1e-6);
    assertEquals(0, d[0], 0);
    int[] cc = Raster.connectedComponents(m, 5, 5);
    assertEquals(1, cc[0]);
    assertEquals(2, cc[24]);
  }
}
