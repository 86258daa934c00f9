package io.alloyflow.synthetic.micro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.synthetic.raster.Raster;
import io.alloyflow.synthetic.sem.BackscatterYield;
import io.alloyflow.synthetic.sem.SemConditions;
import io.alloyflow.synthetic.sem.SemSimulator;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Si particles in the Al-Si eutectic and etched grain-boundary grooves. */
class EutecticAndGroovesTest {

  private static final double PX = 0.5e-6;

  @Test
  void eutecticSiHasLeverRuleFractionStaysInsideTheRegionAndIsDeterministic() {
    Microstructure m = AluminiumAlloy.generate(AluminiumAlloy.Params.defaults(384, PX), 5L);
    PhaseMixture mix = m.mixture();
    assertNotNull(mix, "unmodified eutectic is resolved into constituents");
    int[] lab = m.phaseMap().labels();
    double inside = 0;
    long n1 = 0;
    for (int i = 0; i < lab.length; i++) {
      if (lab[i] == 1) {
        inside += mix.particleFraction()[i];
        n1++;
      } else {
        assertEquals(0f, mix.particleFraction()[i], "Si outside the eutectic at pixel " + i);
      }
    }
    assertEquals(EutecticSilicon.SI_VOLUME_FRACTION, inside / n1, 0.005, "Si area fraction");
    // the region's composition is the mixture: 12.6 wt% Si overall (the eutectic composition)
    assertEquals(0.126, m.phases().get(1).massFractions().get("Si"), 0.003);
    // labels unchanged in meaning: fractions as requested
    assertEquals(0.20, m.phaseMap().fractions()[1], 0.01);
    Microstructure again = AluminiumAlloy.generate(AluminiumAlloy.Params.defaults(384, PX), 5L);
    assertArrayEquals(mix.particleFraction(), again.mixture().particleFraction());
    Microstructure other = AluminiumAlloy.generate(AluminiumAlloy.Params.defaults(384, PX), 6L);
    assertFalse(Arrays.equals(mix.particleFraction(), other.mixture().particleFraction()));
    assertTrue((int) m.statistics().get("eutecticSiParticleCount") > 50);
  }

  @Test
  void unmodifiedFlakesAreElongatedAndModifiedFibresFiner() {
    AluminiumAlloy.Params d = AluminiumAlloy.Params.defaults(384, 0.1e-6);
    Microstructure un = AluminiumAlloy.generate(d, 9L);
    Microstructure mod = AluminiumAlloy.generate(new AluminiumAlloy.Params(384, 384, 0.1e-6,
        d.cellInterceptM(), d.eutecticFraction(), d.mg2siFraction(),
        d.feIntermetallicFraction(), EutecticSilicon.Morphology.MODIFIED), 9L);
    int cu = (int) un.statistics().get("eutecticSiParticleCount");
    int cm = (int) mod.statistics().get("eutecticSiParticleCount");
    assertTrue(cm > 3 * cu, "modified Si is finer: " + cm + " vs " + cu + " particles");
    // a section of a flake is a needle: its extent along its long axis is >> its thickness;
    // check through the particle area: mean area of one unmodified flake ~ L x T = 2.4 um2
    double areaUm2 = 0.127 * un.phaseMap().fractions()[1] * 384 * 384 * 0.01 / cu;
    assertTrue(areaUm2 > 0.8 && areaUm2 < 5, "mean unmodified flake section " + areaUm2 + " um2");
    Microstructure uni = AluminiumAlloy.generate(new AluminiumAlloy.Params(64, 64, PX, 40e-6,
        0.2, 0.03, 0.02, EutecticSilicon.Morphology.UNIFORM), 1L);
    assertNull(uni.mixture());
    assertThrows(IllegalArgumentException.class, () -> EutecticSilicon.Morphology.parse("coarse"));
  }

  @Test
  void siFlakesBrightenTheEutecticInBse() {
    Microstructure m = AluminiumAlloy.generate(AluminiumAlloy.Params.defaults(256, PX), 4L);
    SemSimulator.Result r = SemSimulator.render(m, SemConditions.bse().withDose(2000), 4L);
    float[] y = r.expectedYield();
    float[] f = m.mixture().particleFraction();
    int[] lab = m.phaseMap().labels();
    double si = 0;
    double al = 0;
    int ns = 0;
    int na = 0;
    for (int i = 0; i < y.length; i++) {
      if (lab[i] == 1 && f[i] == 1f) {
        si += y[i];
        ns++;
      } else if (lab[i] == 1 && f[i] == 0f) {
        al += y[i];
        na++;
      }
    }
    double ratio = (si / ns) / (al / na);
    double etaRatio = BackscatterYield.of(Materials.SILICON)
        / BackscatterYield.of(Materials.EUTECTIC_ALPHA_AL);
    assertTrue(ratio > 1.02 && ratio < etaRatio + 1e-3,
        "Si/Al yield ratio " + ratio + " (eta ratio " + etaRatio + ", blurred by the probe)");
  }

  @Test
  void mullinsGrooveConstantsAreReproduced() {
    // Mullins (1957): ridges at u = +-2.3 (w = 4.6 (Bt)^1/4), depth below ridges 0.973 m (Bt)^1/4
    assertEquals(2.30, GrainBoundaryGrooves.U_RIDGE, 0.01);
    assertEquals(0.973, GrainBoundaryGrooves.Z_RIDGE - GrainBoundaryGrooves.z(0), 0.002);
    assertEquals(0.0, GrainBoundaryGrooves.z(7.5), 0);
    assertEquals(1.0, GrainBoundaryGrooves.gamma(2.0), 1e-12);
    assertEquals(Math.sqrt(Math.PI), GrainBoundaryGrooves.gamma(0.5), 1e-12);
    GrainBoundaryGrooves.Params p = GrainBoundaryGrooves.Params.defaults();
    assertEquals(p.widthM(), 2 * GrainBoundaryGrooves.U_RIDGE * p.scaleM(), 1e-15);
    GrainBoundaryGrooves.EscapeTable t = GrainBoundaryGrooves.escapeTable(p);
    assertTrue(t.table()[0] < 0.7, "groove root traps electrons: " + t.table()[0]);
    assertEquals(1.0, t.at(1e-6), 0, "flat surface far from the groove");
    // a shallower groove (smaller root slope) traps less
    GrainBoundaryGrooves.EscapeTable shallow =
        GrainBoundaryGrooves.escapeTable(new GrainBoundaryGrooves.Params(0.4e-6, 0.02e-6));
    assertTrue(shallow.table()[0] > t.table()[0]);
    assertThrows(IllegalArgumentException.class, () -> new GrainBoundaryGrooves.Params(0, 1e-7));
  }

  @Test
  void groovesDarkenBoundariesAndLeaveTruthUnchanged() {
    Polycrystal.Params2d on = Polycrystal.Params2d.defaults(256, PX, 8e-6);
    Polycrystal.Params2d off = new Polycrystal.Params2d(256, 256, PX, 8e-6, 0.0, "ferrite",
        Materials.IRON, null);
    Microstructure a = Polycrystal.generate2d(on, 3L);
    Microstructure b = Polycrystal.generate2d(off, 3L);
    assertArrayEquals(a.instanceMap().labels(), b.instanceMap().labels());
    assertEquals(a.statistics().get("astmGrainSizeNumber"), b.statistics().get("astmGrainSizeNumber"));
    assertEquals(true, a.parameters().get("etchedGrooves"));
    assertEquals(false, b.parameters().get("etchedGrooves"));
    boolean[] bnd = Raster.boundaries(a.instanceMap().labels(), 256, 256);
    double ratioB = 0;
    double ratioI = 0;
    int nb = 0;
    int ni = 0;
    for (int i = 0; i < bnd.length; i++) {
      double q = a.yieldFactor()[i] / b.yieldFactor()[i];
      if (bnd[i]) {
        ratioB += q;
        nb++;
      } else {
        ratioI += q;
        ni++;
      }
    }
    ratioB /= nb;
    ratioI /= ni;
    assertTrue(ratioB < 0.97, "boundary pixels darker: " + ratioB);
    assertEquals(1.0, ratioI, 0.01, "grain interiors unchanged: " + ratioI);
  }
}
