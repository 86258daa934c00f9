package io.alloyflow.synthetic.xray;

import java.util.List;

/**
 * Similarity transform from EDS map pixel coordinates (u, v) to SEM image pixel coordinates
 * (x, y), both with pixel centres at integer + 0.5:
 * x = s (cos t u - sin t v) + tx, y = s (sin t u + cos t v) + ty.
 *
 * @param scale SEM pixels per EDS pixel (> 0)
 * @param rotationDeg rotation t of the EDS raster relative to the SEM raster, degrees
 * @param shiftXPx translation tx in SEM pixels
 * @param shiftYPx translation ty in SEM pixels
 */
public record Affine(double scale, double rotationDeg, double shiftXPx, double shiftYPx) {

  public Affine {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be positive, found " + scale);
    }
    if (!Double.isFinite(rotationDeg) || !Double.isFinite(shiftXPx)
        || !Double.isFinite(shiftYPx)) {
      throw new IllegalArgumentException("rotation and shift must be finite");
    }
  }

  /** SEM coordinates of EDS coordinates. */
  public double[] toSem(double u, double v) {
    double t = Math.toRadians(rotationDeg);
    double c = Math.cos(t);
    double s = Math.sin(t);
    return new double[] {scale * (c * u - s * v) + shiftXPx, scale * (s * u + c * v) + shiftYPx};
  }

  /** EDS coordinates of SEM coordinates (the inverse transform). */
  public double[] toEds(double x, double y) {
    double t = Math.toRadians(rotationDeg);
    double c = Math.cos(t);
    double s = Math.sin(t);
    double dx = (x - shiftXPx) / scale;
    double dy = (y - shiftYPx) / scale;
    return new double[] {c * dx + s * dy, -s * dx + c * dy};
  }

  /** The 2x3 matrix [[a, b, tx], [c, d, ty]] mapping EDS (u, v, 1) to SEM (x, y). */
  public List<List<Double>> matrix() {
    double t = Math.toRadians(rotationDeg);
    double c = Math.cos(t);
    double s = Math.sin(t);
    return List.of(List.of(scale * c, -scale * s, shiftXPx), List.of(scale * s, scale * c,
        shiftYPx));
  }

  /**
   * A transform that fits an EDS grid of edsW x edsH pixels inside a SEM image of semW x semH
   * pixels with a small rotation, covering {@code coverage} of the shorter SEM side, centred.
   */
  public static Affine centred(int semW, int semH, int edsW, int edsH, double coverage,
      double rotationDeg) {
    double t = Math.toRadians(rotationDeg);
    double c = Math.abs(Math.cos(t));
    double s = Math.abs(Math.sin(t));
    // bounding box of the rotated EDS frame must fit the SEM image
    double scale = coverage * Math.min(semW / (edsW * c + edsH * s), semH / (edsW * s + edsH * c));
    double cu = edsW / 2.0;
    double cv = edsH / 2.0;
    double cx = scale * (Math.cos(t) * cu - Math.sin(t) * cv);
    double cy = scale * (Math.sin(t) * cu + Math.cos(t) * cv);
    return new Affine(scale, rotationDeg, semW / 2.0 - cx, semH / 2.0 - cy);
  }
}
