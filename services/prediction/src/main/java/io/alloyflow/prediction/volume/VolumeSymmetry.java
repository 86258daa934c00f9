package io.alloyflow.prediction.volume;

import java.util.ArrayList;
import java.util.List;

/**
 * The exact symmetries of the volume labels: periodic cells loaded in uniaxial tension along x
 * (mean strain xx prescribed, every other mean stress zero; {@code Elastic3d.uniaxialX}) keep
 * their effective response and their local resolved-shear-stress statistics under (a) circular
 * shifts of the voxel grid (the FFT solver is periodic) and (b) the 16 orthogonal maps that send
 * x to +-x: mirrors of each axis and the exchange of y and z (the point group 4/mmm with the
 * four-fold axis along the load; cf. P. Curie's symmetry principle and J. F. Nye, "Physical
 * Properties of Crystals", 1957, ch. 1). A grain's orientation g (sample to crystal) goes with the
 * map M as g' = det(M) g M^T (the factor det(M) = -1 of an improper map is the inversion, a
 * symmetry of every cubic crystal, so g' stays a rotation). Every CNN input channel of {@link
 * VolumeFeatures#symmetricInput} is a per-voxel scalar invariant under these maps, so a transformed
 * volume's input is the same channels with their voxels permuted.
 */
public final class VolumeSymmetry {

  /**
   * One element of the group: mirrors x -> n-1-x (etc.) first, then the exchange of y and z.
   *
   * @param flipX mirror the x axis
   * @param flipY mirror the y axis
   * @param flipZ mirror the z axis
   * @param swapYz exchange y and z
   */
  public record Op(boolean flipX, boolean flipY, boolean flipZ, boolean swapYz) {

    /** The orthogonal 3x3 map of sample coordinates, row-major. */
    public double[] matrix() {
      double sx = flipX ? -1 : 1;
      double sy = flipY ? -1 : 1;
      double sz = flipZ ? -1 : 1;
      return swapYz
          ? new double[] {sx, 0, 0, 0, 0, sz, 0, sy, 0}
          : new double[] {sx, 0, 0, 0, sy, 0, 0, 0, sz};
    }

    /** Whether this is the identity. */
    public boolean isIdentity() {
      return !flipX && !flipY && !flipZ && !swapYz;
    }
  }

  /** The 16 elements, the identity first. */
  public static final List<Op> GROUP;

  static {
    List<Op> ops = new ArrayList<>();
    for (int k = 0; k < 16; k++) {
      ops.add(new Op((k & 1) != 0, (k & 2) != 0, (k & 4) != 0, (k & 8) != 0));
    }
    GROUP = List.copyOf(ops);
  }

  private VolumeSymmetry() {}

  /**
   * For every voxel of the transformed volume (index (z*n+y)*n+x), the index of the voxel of the
   * original volume it comes from, after the map {@code op} and a circular shift by {@code shift}
   * (x, y, z voxels; applied last).
   */
  public static int[] sourceIndex(int n, Op op, int[] shift) {
    if (n < 1 || shift == null || shift.length != 3) {
      throw new IllegalArgumentException("need a side >= 1 and a shift of 3 components, found side "
          + n + " and " + (shift == null ? "no shift" : shift.length + " components"));
    }
    int[] src = new int[n * n * n];
    int[] p = new int[3];
    for (int z = 0; z < n; z++) {
      for (int y = 0; y < n; y++) {
        for (int x = 0; x < n; x++) {
          // undo the shift
          int tx = Math.floorMod(x - shift[0], n);
          int ty = Math.floorMod(y - shift[1], n);
          int tz = Math.floorMod(z - shift[2], n);
          // undo the exchange
          p[0] = tx;
          p[1] = op.swapYz() ? tz : ty;
          p[2] = op.swapYz() ? ty : tz;
          // undo the mirrors
          int sx = op.flipX() ? n - 1 - p[0] : p[0];
          int sy = op.flipY() ? n - 1 - p[1] : p[1];
          int sz = op.flipZ() ? n - 1 - p[2] : p[2];
          src[(z * n + y) * n + x] = (sz * n + sy) * n + sx;
        }
      }
    }
    return src;
  }

  /** The grain-id field of the transformed volume. */
  public static int[] grains(int n, int[] grainId, Op op, int[] shift) {
    int[] src = sourceIndex(n, op, shift);
    if (grainId.length != src.length) {
      throw new IllegalArgumentException("volume of side " + n + " needs " + src.length
          + " voxels, found " + grainId.length);
    }
    int[] out = new int[src.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = grainId[src[i]];
    }
    return out;
  }

  /** A grain orientation g (sample to crystal, row-major) after the map: det(M) g M^T. */
  public static double[] orientation(double[] g, Op op) {
    if (g.length != 9) {
      throw new IllegalArgumentException("an orientation has 9 entries, found " + g.length);
    }
    double[] m = op.matrix();
    double det = (op.flipX() ? -1 : 1) * (op.flipY() ? -1 : 1) * (op.flipZ() ? -1 : 1)
        * (op.swapYz() ? -1 : 1);
    double[] out = new double[9];
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 3; b++) {
        double v = 0;
        for (int k = 0; k < 3; k++) {
          v += g[3 * a + k] * m[3 * b + k];
        }
        out[3 * a + b] = det * v;
      }
    }
    return out;
  }

  /** Every grain's orientation after the map. */
  public static double[][] orientations(double[][] g, Op op) {
    double[][] out = new double[g.length][];
    for (int k = 0; k < g.length; k++) {
      out[k] = orientation(g[k], op);
    }
    return out;
  }

  /**
   * Permutes the voxels of every channel of a channel-major input ({@code channels} x n^3) by
   * {@code src} (from {@link #sourceIndex}) into {@code dst} at {@code off}.
   */
  public static void permuteInto(float[] x, int channels, int[] src, float[] dst, int off) {
    int vox = src.length;
    if (x.length != channels * vox) {
      throw new IllegalArgumentException("input has " + x.length + " values, expected "
          + channels + " x " + vox);
    }
    for (int c = 0; c < channels; c++) {
      int base = c * vox;
      for (int i = 0; i < vox; i++) {
        dst[off + base + i] = x[base + src[i]];
      }
    }
  }
}
