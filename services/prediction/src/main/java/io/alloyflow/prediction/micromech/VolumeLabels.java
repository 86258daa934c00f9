package io.alloyflow.prediction.micromech;

import java.util.Arrays;

/**
 * Labels of a cubic polycrystal volume from 3D elastic homogenisation ({@link Elastic3d}): the
 * effective Young's modulus along x under uniaxial mean stress, and a yield-onset stress from
 * the local resolved shear stresses on the 12 {111}&lt;110&gt; slip systems of an fcc crystal:
 * the macroscopic stress at which the 99th percentile (over voxels) of the largest resolved shear
 * stress reaches the critical resolved shear stress (Schmid's law, E. Schmid and W. Boas,
 * "Kristallplastizitat", 1935; the percentile instead of the maximum keeps the measure from
 * hanging on single voxels at grain-boundary corners). A third label depends on the local
 * configuration rather than on the orientation distribution alone: the plastic volume fraction at
 * a fixed macroscopic stress {@link #PLASTIC_STRESS}, the share of voxels whose largest resolved
 * shear stress has reached the CRSS there (the Schmid factor of the grain times the local stress
 * concentration from elastically mismatched neighbours; the onset of microplasticity in
 * polycrystals, cf. Herriott and Spear, npj Comput. Mater. 6 (2020) 39 on local micromechanical
 * fields as targets for 3D CNNs). A fourth is set by the local configuration alone: the hot-spot
 * fraction, the share of voxels whose largest resolved shear stress exceeds one half of the
 * macroscopic stress, the largest Schmid factor any grain can have under a uniform uniaxial stress,
 * so that only voxels where elastically mismatched neighbours raise the local stress count.
 */
public final class VolumeLabels {

  /** Solver version recorded in dataset provenance. */
  public static final String VERSION = "volume-labels-1.1";

  /** Macroscopic uniaxial stress (Pa) at which the plastic volume fraction is taken: CRSS / 0.45. */
  public static final double PLASTIC_STRESS = 360e6;

  /**
   * Critical resolved shear stress of additively manufactured 316L (Pa): yield strength ~ 500 MPa
   * (e.g. Wang et al., Nature Mater. 17 (2018) 63) divided by the fcc Taylor factor 3.06.
   */
  public static final double CRSS_316L = 163e6;

  /**
   * Labels of one volume.
   *
   * @param youngX effective Young's modulus along x (Pa)
   * @param yieldOnset macroscopic stress xx at yield onset (Pa)
   * @param iterations FFT iterations
   * @param plasticFraction volume fraction of voxels at or above the CRSS at {@link #PLASTIC_STRESS}
   * @param hotSpotFraction volume fraction of voxels whose largest RSS exceeds 0.5 x the
   *     macroscopic stress (more than any grain sees under a uniform stress)
   */
  public record Labels(double youngX, double yieldOnset, int iterations, double plasticFraction,
      double hotSpotFraction) {}

  private VolumeLabels() {}

  /**
   * Labels a volume.
   *
   * @param n voxels per side
   * @param grainId grain per voxel
   * @param orientation per grain the rotation g (sample to crystal), row-major 9 values
   */
  public static Labels label(
      int n, int[] grainId, double[][] orientation, CubicCrystal crystal, double crss, double tol) {
    Elastic3d.Material[] mats = new Elastic3d.Material[orientation.length];
    double[][][] g = new double[orientation.length][][];
    for (int k = 0; k < orientation.length; k++) {
      double[] o = orientation[k];
      if (o == null || o.length != 9) {
        throw new IllegalArgumentException("orientation of grain " + k + " must have 9 entries");
      }
      g[k] = new double[][] {{o[0], o[1], o[2]}, {o[3], o[4], o[5]}, {o[6], o[7], o[8]}};
      mats[k] = Elastic3d.Material.cubic(crystal, g[k]);
    }
    Elastic3d.Result r = Elastic3d.uniaxialX(n, grainId, mats, tol);
    double sxx = r.macroStress()[0];
    double young = sxx / r.macroStrain()[0];
    double[][] sys = slipSystems();
    double[] tau = new double[grainId.length];
    double[][] st = new double[3][3];
    for (int i = 0; i < grainId.length; i++) {
      double[][] gg = g[grainId[i]];
      double[][] s = r.stress();
      // stress in crystal frame: g sigma g^T
      double[][] sig = {
        {s[0][i], s[5][i], s[4][i]}, {s[5][i], s[1][i], s[3][i]}, {s[4][i], s[3][i], s[2][i]}
      };
      for (int a = 0; a < 3; a++) {
        for (int b = 0; b < 3; b++) {
          double v = 0;
          for (int p = 0; p < 3; p++) {
            for (int q = 0; q < 3; q++) {
              v += gg[a][p] * sig[p][q] * gg[b][q];
            }
          }
          st[a][b] = v;
        }
      }
      double best = 0;
      for (double[] ss : sys) {
        double t = 0;
        for (int a = 0; a < 3; a++) {
          for (int b = 0; b < 3; b++) {
            t += ss[a] * st[a][b] * ss[3 + b];
          }
        }
        best = Math.max(best, Math.abs(t));
      }
      tau[i] = best / sxx;
    }
    double[] sorted = tau.clone();
    Arrays.sort(sorted);
    double q99 = sorted[(int) Math.floor(0.99 * (sorted.length - 1))];
    int plastic = 0;
    int hot = 0;
    for (double t : tau) {
      plastic += t * PLASTIC_STRESS >= crss ? 1 : 0;
      hot += t > 0.5 ? 1 : 0;
    }
    return new Labels(young, crss / q99, r.iterations(), (double) plastic / tau.length,
        (double) hot / tau.length);
  }

  /** The 12 fcc slip systems as (slip direction s, plane normal n), unit vectors. */
  static double[][] slipSystems() {
    double[][] normals = {{1, 1, 1}, {-1, 1, 1}, {1, -1, 1}, {1, 1, -1}};
    double[][] dirs = {
      {0, 1, -1}, {1, 0, -1}, {1, -1, 0}, {0, 1, 1}, {1, 0, 1}, {1, 1, 0}
    };
    double[][] out = new double[12][];
    int k = 0;
    for (double[] nn : normals) {
      for (double[] d : dirs) {
        double dot = nn[0] * d[0] + nn[1] * d[1] + nn[2] * d[2];
        if (dot == 0) {
          double a = Math.sqrt(2);
          double b = Math.sqrt(3);
          out[k++] = new double[] {d[0] / a, d[1] / a, d[2] / a, nn[0] / b, nn[1] / b, nn[2] / b};
        }
      }
    }
    if (k != 12) {
      throw new IllegalStateException("expected 12 fcc slip systems, built " + k);
    }
    return out;
  }
}
