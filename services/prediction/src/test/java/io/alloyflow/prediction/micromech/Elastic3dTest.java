package io.alloyflow.prediction.micromech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.synthetic.micromech.GrainVolumes;
import org.junit.jupiter.api.Test;

/** The 3D elastic FFT solver against closed forms and bounds. */
class Elastic3dTest {

  static final CubicCrystal STEEL = CubicCrystal.steel316L();

  static double[] flat(double[][] g) {
    return new double[] {g[0][0], g[0][1], g[0][2], g[1][0], g[1][1], g[1][2], g[2][0], g[2][1],
        g[2][2]};
  }

  @Test
  void singleCrystalYoungModulusFollowsTheCubicDirectionalFormula() {
    int n = 4;
    int[] id = new int[n * n * n];
    // identity: x = [100]
    var l100 = VolumeLabels.label(n, id, new double[][] {flat(CubicCrystal.bunge(0, 0, 0))}, STEEL,
        1, 1e-9);
    assertEquals(STEEL.youngAlong(1, 0, 0), l100.youngX(), 1e-6 * l100.youngX());
    // phi1 = 45 deg: sample x = crystal [110]
    var l110 = VolumeLabels.label(n, id,
        new double[][] {flat(CubicCrystal.bunge(Math.PI / 4, 0, 0))}, STEEL, 1, 1e-9);
    assertEquals(STEEL.youngAlong(1, 1, 0), l110.youngX(), 1e-6 * l110.youngX());
    // Schmid factor of [100] tension is 1/sqrt(6) = 0.408
    assertEquals(Math.sqrt(6), l100.yieldOnset(), 1e-6);
    assertTrue(STEEL.youngAlong(1, 1, 1) > 2 * STEEL.youngAlong(1, 0, 0), "316L is anisotropic");
  }

  @Test
  void plasticFractionCountsTheVoxelsAtTheCrssAtTheFixedMacroscopicStress() {
    int n = 4;
    int[] id = new int[n * n * n];
    double[][] o = {flat(CubicCrystal.bunge(0, 0, 0))};
    // [100] tension: every voxel has RSS = sigma / sqrt(6) = 146.97 MPa at 360 MPa
    double tau = VolumeLabels.PLASTIC_STRESS / Math.sqrt(6);
    assertEquals(1.0, VolumeLabels.label(n, id, o, STEEL, tau * 0.999, 1e-9).plasticFraction());
    assertEquals(0.0, VolumeLabels.label(n, id, o, STEEL, tau * 1.001, 1e-9).plasticFraction());
    // a polycrystal: a share strictly between 0 and 1 at 316L's CRSS, falling as the CRSS rises
    int m = 12;
    var v = GrainVolumes.generate(new GrainVolumes.Params(m, 12, 0), 5);
    double lo = VolumeLabels.label(m, v.grainId(), v.orientation(), STEEL, 150e6, 1e-6).plasticFraction();
    double mid = VolumeLabels.label(m, v.grainId(), v.orientation(), STEEL, VolumeLabels.CRSS_316L, 1e-6)
        .plasticFraction();
    double hi = VolumeLabels.label(m, v.grainId(), v.orientation(), STEEL, 175e6, 1e-6).plasticFraction();
    assertTrue(lo >= mid && mid >= hi && lo > hi, lo + " " + mid + " " + hi);
    assertTrue(mid > 0 && mid < 1, "plastic fraction " + mid);
    // hot spots (RSS above half the applied stress) need mismatched neighbours: none in a single
    // crystal, whatever its orientation; some in a polycrystal
    for (double[] e : new double[][] {{0, 0, 0}, {0.3, 0.5, 0.2}, {Math.PI / 4, 0.9553, 0}}) {
      assertEquals(0.0, VolumeLabels.label(n, id, new double[][] {flat(CubicCrystal.bunge(e[0], e[1], e[2]))},
          STEEL, 1, 1e-9).hotSpotFraction());
    }
    double hot = VolumeLabels.label(m, v.grainId(), v.orientation(), STEEL, VolumeLabels.CRSS_316L, 1e-6)
        .hotSpotFraction();
    assertTrue(hot > 0 && hot < 0.5, "hot-spot fraction " + hot);
  }

  @Test
  void polycrystalModulusLiesStrictlyBetweenReussAndVoigtAndBulkIsExact() {
    int n = 16;
    var v = GrainVolumes.generate(new GrainVolumes.Params(n, 12, 0), 5);
    Elastic3d.Material[] mats = new Elastic3d.Material[v.orientation().length];
    double[] frac = new double[mats.length];
    for (int k = 0; k < mats.length; k++) {
      double[] o = v.orientation()[k];
      mats[k] = Elastic3d.Material.cubic(STEEL,
          new double[][] {{o[0], o[1], o[2]}, {o[3], o[4], o[5]}, {o[6], o[7], o[8]}});
    }
    for (int id : v.grainId()) {
      frac[id] += 1.0 / v.grainId().length;
    }
    double[][] cv = new double[6][6];
    double[][] sr = new double[6][6];
    for (int k = 0; k < mats.length; k++) {
      double[][] s = Linear.inverse(mats[k].stiffness());
      for (int a = 0; a < 6; a++) {
        for (int b = 0; b < 6; b++) {
          cv[a][b] += frac[k] * mats[k].stiffness()[a][b];
          sr[a][b] += frac[k] * s[a][b];
        }
      }
    }
    double voigt = 1 / Linear.inverse(cv)[0][0];
    double reuss = 1 / sr[0][0];
    var r = Elastic3d.uniaxialX(n, v.grainId(), mats, 1e-6);
    double ex = r.macroStress()[0] / r.macroStrain()[0];
    assertTrue(ex > reuss * 1.002 && ex < voigt * 0.998,
        "E_x = " + ex + " outside (" + reuss + ", " + voigt + ")");
    // all grains share the bulk modulus: a hydrostatic strain gives a uniform hydrostatic stress
    double e = 1e-3;
    var h = Elastic3d.solve(n, v.grainId(), mats, new double[] {e, e, e, 0, 0, 0}, null, null,
        1e-8, 1000);
    for (int i = 0; i < n * n * n; i += 97) {
      assertEquals(3 * STEEL.bulk() * e, h.stress()[0][i], 1e-5 * STEEL.bulk() * e);
      assertEquals(0, h.stress()[5][i], 1e-5 * STEEL.bulk() * e);
    }
  }

  @Test
  void sphericalInclusionStrainMatchesEshelby() {
    int n = 32;
    double rad = 4.5;
    int[] mat = new int[n * n * n];
    int count = 0;
    for (int z = 0; z < n; z++) {
      for (int y = 0; y < n; y++) {
        for (int x = 0; x < n; x++) {
          double dx = x - n / 2.0 + 0.5;
          double dy = y - n / 2.0 + 0.5;
          double dz = z - n / 2.0 + 0.5;
          if (dx * dx + dy * dy + dz * dz < rad * rad) {
            mat[(z * n + y) * n + x] = 1;
            count++;
          }
        }
      }
    }
    Isotropic m = new Isotropic(70e9, 0.33);
    Isotropic inc = new Isotropic(400e9, 0.2);
    double e = 1e-3;
    var r = Elastic3d.solve(n, mat,
        new Elastic3d.Material[] {Elastic3d.Material.isotropic(m), Elastic3d.Material.isotropic(inc)},
        new double[] {e, e, e, 0, 0, 0}, null, null, 1e-8, 2000);
    double in = 0;
    for (int i = 0; i < mat.length; i++) {
      if (mat[i] == 1) {
        in += (r.strain()[0][i] + r.strain()[1][i] + r.strain()[2][i]) / 3 / count;
      }
    }
    double f = count / (double) mat.length;
    double eMatrix = (e - f * in) / (1 - f);
    // Eshelby (1957): eps_in / eps_inf = (3 K_m + 4 mu_m) / (3 K_i + 4 mu_m) under hydrostatic load
    double expected = eMatrix * (3 * m.bulk() + 4 * m.mu()) / (3 * inc.bulk() + 4 * m.mu());
    assertEquals(expected, in, 0.03 * expected);
    assertTrue(in < 0.6 * e);
  }

  @Test
  void wrongVolumeSizeIsRejected() {
    var ex = assertThrows(IllegalArgumentException.class,
        () -> Elastic3d.uniaxialX(8, new int[100],
            new Elastic3d.Material[] {Elastic3d.Material.isotropic(new Isotropic(1e9, 0.3))}, 1e-6));
    assertTrue(ex.getMessage().contains("512"));
  }
}
