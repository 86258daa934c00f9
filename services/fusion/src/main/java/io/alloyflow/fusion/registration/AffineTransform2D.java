package io.alloyflow.fusion.registration;

import java.util.List;

/**
 * A 2D affine map {@code (x, y) -> (a x + b y + tx, c x + d y + ty)} between continuous pixel
 * coordinates in which pixel {@code i} spans {@code [i, i + 1)} (its centre is at {@code i + 0.5}).
 */
public record AffineTransform2D(double a, double b, double tx, double c, double d, double ty) {

  public AffineTransform2D {
    for (double v : new double[] {a, b, tx, c, d, ty}) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("affine coefficients must be finite, found ["
            + a + ", " + b + ", " + tx + "; " + c + ", " + d + ", " + ty + "]");
      }
    }
    if (Math.abs(a * d - b * c) < 1e-12) {
      throw new IllegalArgumentException("affine map is singular (determinant "
          + (a * d - b * c) + "): expected an invertible transform");
    }
  }

  /** From a 2x3 matrix {@code [[a, b, tx], [c, d, ty]]}. */
  public static AffineTransform2D of(double[][] m) {
    if (m.length != 2 || m[0].length != 3 || m[1].length != 3) {
      throw new IllegalArgumentException("expected a 2x3 matrix [[a,b,tx],[c,d,ty]]");
    }
    return new AffineTransform2D(m[0][0], m[0][1], m[0][2], m[1][0], m[1][1], m[1][2]);
  }

  /** Similarity: scale, rotation (deg, counter-clockwise in the x-right, y-down frame), shift. */
  public static AffineTransform2D similarity(double scale, double rotationDeg, double tx,
      double ty) {
    double t = Math.toRadians(rotationDeg);
    return new AffineTransform2D(scale * Math.cos(t), -scale * Math.sin(t), tx,
        scale * Math.sin(t), scale * Math.cos(t), ty);
  }

  /** Maps a point. */
  public double[] apply(double x, double y) {
    return new double[] {a * x + b * y + tx, c * x + d * y + ty};
  }

  /** The inverse map. */
  public AffineTransform2D inverse() {
    double det = a * d - b * c;
    double ia = d / det;
    double ib = -b / det;
    double ic = -c / det;
    double id = a / det;
    return new AffineTransform2D(ia, ib, -(ia * tx + ib * ty), ic, id, -(ic * tx + id * ty));
  }

  /** The 2x3 matrix. */
  public double[][] matrix() {
    return new double[][] {{a, b, tx}, {c, d, ty}};
  }

  /** The 2x3 matrix as nested lists (for JSON). */
  public List<List<Double>> matrixList() {
    return List.of(List.of(a, b, tx), List.of(c, d, ty));
  }

  /** Mean linear scale {@code sqrt(|det|)}. */
  public double scale() {
    return Math.sqrt(Math.abs(a * d - b * c));
  }

  /** Rotation angle of the linear part (deg), from its polar decomposition's mean angle. */
  public double rotationDeg() {
    return Math.toDegrees(Math.atan2(c - b, a + d));
  }

  /**
   * RMS distance, in the target frame, between this map and another over the centres of a
   * {@code width x height} grid of source pixels.
   */
  public double rmsDifference(AffineTransform2D o, int width, int height) {
    double s = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double[] p = apply(x + 0.5, y + 0.5);
        double[] q = o.apply(x + 0.5, y + 0.5);
        s += (p[0] - q[0]) * (p[0] - q[0]) + (p[1] - q[1]) * (p[1] - q[1]);
      }
    }
    return Math.sqrt(s / ((double) width * height));
  }
}
