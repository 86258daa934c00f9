package io.alloyflow.synthetic.micromech;

import io.alloyflow.synthetic.random.RandomFields;
import java.util.SplittableRandom;

/**
 * Periodic Poisson-Voronoi grain volumes of a cubic metal with crystal orientations.
 *
 * <p>Seeds are uniform in the periodic cube; each voxel goes to the nearest seed under the
 * minimum-image distance. A fraction {@code |texture|} of the grains has a &lt;111&gt; (texture
 * &gt; 0) or &lt;100&gt; (texture &lt; 0) crystal axis along the sample x axis with a random
 * rotation about it (a fibre texture, as the &lt;110&gt;/&lt;100&gt; build-direction fibres of
 * additively manufactured 316L); the rest are uniformly random (Haar measure).
 */
public final class GrainVolumes {

  /** Generator version recorded in dataset provenance. */
  public static final String VERSION = "grain-volumes-1.0";

  /**
   * Parameters.
   *
   * @param size cube side in voxels (4..128)
   * @param grains number of grains (1..size^3 / 8)
   * @param texture signed textured fraction in [-1, 1]
   */
  public record Params(int size, int grains, double texture) {

    public Params {
      if (size < 4 || size > 128) {
        throw new IllegalArgumentException("volume side must be 4..128 voxels, found " + size);
      }
      if (grains < 1 || grains > size * size * size / 8) {
        throw new IllegalArgumentException(
            "grain count must be 1.." + size * size * size / 8 + ", found " + grains);
      }
      if (!(texture >= -1 && texture <= 1)) {
        throw new IllegalArgumentException("texture must be in [-1, 1], found " + texture);
      }
    }

    /** Random parameters for sample {@code index}: 4-60 grains, texture U(-1, 1). */
    public static Params random(int size, long seed, long index) {
      SplittableRandom r = RandomFields.stream(seed, 2_000_000L + index);
      int g = 4 + r.nextInt(57);
      return new Params(size, g, -1 + 2 * r.nextDouble());
    }
  }

  /**
   * A volume.
   *
   * @param size cube side
   * @param grainId grain per voxel (0..grains-1), index (z * size + y) * size + x
   * @param orientation per grain the rotation matrix g (sample to crystal), row-major 9 values
   */
  public record Volume(int size, int[] grainId, double[][] orientation) {}

  private GrainVolumes() {}

  /** Generates the volume. */
  public static Volume generate(Params p, long seed) {
    int n = p.size();
    SplittableRandom rng = RandomFields.stream(seed, 51);
    int m = p.grains();
    double[][] s = new double[m][3];
    for (double[] v : s) {
      v[0] = rng.nextDouble() * n;
      v[1] = rng.nextDouble() * n;
      v[2] = rng.nextDouble() * n;
    }
    int[] id = new int[n * n * n];
    for (int z = 0; z < n; z++) {
      for (int y = 0; y < n; y++) {
        for (int x = 0; x < n; x++) {
          int best = 0;
          double bd = Double.POSITIVE_INFINITY;
          for (int k = 0; k < m; k++) {
            double dx = wrap(x + 0.5 - s[k][0], n);
            double dy = wrap(y + 0.5 - s[k][1], n);
            double dz = wrap(z + 0.5 - s[k][2], n);
            double d = dx * dx + dy * dy + dz * dz;
            if (d < bd) {
              bd = d;
              best = k;
            }
          }
          id[(z * n + y) * n + x] = best;
        }
      }
    }
    double[][] g = new double[m][];
    double frac = Math.abs(p.texture());
    for (int k = 0; k < m; k++) {
      if (rng.nextDouble() < frac) {
        double[] axis = p.texture() > 0 ? new double[] {1, 1, 1} : new double[] {1, 0, 0};
        g[k] = fibre(axis, 2 * Math.PI * rng.nextDouble());
      } else {
        g[k] = haar(rng);
      }
    }
    return new Volume(n, id, g);
  }

  private static double wrap(double d, int n) {
    d = d - n * Math.rint(d / n);
    return d;
  }

  /** Uniformly random rotation: Bunge angles phi1, phi2 ~ U(0, 2pi), cos Phi ~ U(-1, 1). */
  static double[] haar(SplittableRandom r) {
    double p1 = 2 * Math.PI * r.nextDouble();
    double cp = 2 * r.nextDouble() - 1;
    double p2 = 2 * Math.PI * r.nextDouble();
    double c1 = Math.cos(p1);
    double s1 = Math.sin(p1);
    double c = cp;
    double s = Math.sqrt(1 - cp * cp);
    double c2 = Math.cos(p2);
    double s2 = Math.sin(p2);
    return new double[] {
      c1 * c2 - s1 * s2 * c, s1 * c2 + c1 * s2 * c, s2 * s,
      -c1 * s2 - s1 * c2 * c, -s1 * s2 + c1 * c2 * c, c2 * s,
      s1 * s, -c1 * s, c
    };
  }

  /** g whose image of sample x is the crystal direction {@code axis}, rotated by psi about it. */
  static double[] fibre(double[] axis, double psi) {
    double nrm = Math.sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
    double[] d = {axis[0] / nrm, axis[1] / nrm, axis[2] / nrm};
    double[] ref = Math.abs(d[2]) < 0.9 ? new double[] {0, 0, 1} : new double[] {1, 0, 0};
    double[] u = cross(ref, d);
    normalise(u);
    double[] w = cross(d, u);
    double c = Math.cos(psi);
    double s = Math.sin(psi);
    double[] u2 = {c * u[0] + s * w[0], c * u[1] + s * w[1], c * u[2] + s * w[2]};
    double[] w2 = cross(d, u2);
    // columns of g: images of sample x, y, z
    return new double[] {d[0], u2[0], w2[0], d[1], u2[1], w2[1], d[2], u2[2], w2[2]};
  }

  private static double[] cross(double[] a, double[] b) {
    return new double[] {
      a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]
    };
  }

  private static void normalise(double[] v) {
    double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    v[0] /= n;
    v[1] /= n;
    v[2] /= n;
  }
}
