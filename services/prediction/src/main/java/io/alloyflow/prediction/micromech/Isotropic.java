package io.alloyflow.prediction.micromech;

/**
 * Isotropic linear elasticity.
 *
 * @param youngPa Young's modulus (Pa, &gt; 0)
 * @param poisson Poisson's ratio, in (-1, 0.5)
 */
public record Isotropic(double youngPa, double poisson) {

  public Isotropic {
    if (!(youngPa > 0) || Double.isInfinite(youngPa)) {
      throw new IllegalArgumentException("Young's modulus must be a positive finite number of Pa, found " + youngPa);
    }
    if (!(poisson > -1 && poisson < 0.5)) {
      throw new IllegalArgumentException("Poisson's ratio must lie in (-1, 0.5), found " + poisson);
    }
  }

  /** From the bulk and shear moduli (Pa). */
  public static Isotropic fromBulkShear(double bulkPa, double shearPa) {
    double e = 9 * bulkPa * shearPa / (3 * bulkPa + shearPa);
    double nu = (3 * bulkPa - 2 * shearPa) / (2 * (3 * bulkPa + shearPa));
    return new Isotropic(e, nu);
  }

  /** Lame's first parameter (Pa). */
  public double lambda() {
    return youngPa * poisson / ((1 + poisson) * (1 - 2 * poisson));
  }

  /** Shear modulus (Pa). */
  public double mu() {
    return youngPa / (2 * (1 + poisson));
  }

  /** Bulk modulus (Pa). */
  public double bulk() {
    return youngPa / (3 * (1 - 2 * poisson));
  }

  /** Plane-strain (transverse) bulk modulus lambda + mu (Pa). */
  public double planeStrainBulk() {
    return lambda() + mu();
  }
}
