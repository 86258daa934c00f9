package io.alloyflow.prediction.micromech;

/**
 * Isotropic hardening of a J2 material: the flow stress as a function of the accumulated
 * equivalent plastic strain p, in the dislocation-based form of Rodriguez and Gutierrez
 * ("Unified formulation to predict the tensile curves of steels with different
 * microstructures", Mater. Sci. Forum 426-432 (2003) 4525-4530), as used for the phases of
 * dual-phase steels by Uthaisangsuk, Prahl and Bleck (Comput. Mater. Sci. 43 (2008) 27-35) and
 * Ramazani et al. (Comput. Mater. Sci. 52 (2012) 46-54):
 *
 * <pre>
 *   sigma_y(p) = sigma0 + alpha M mu sqrt(b) sqrt((1 - exp(-M k_r p)) / (k_r L))
 * </pre>
 *
 * <p>With {@code alpha = 0} the material is elastic-perfectly plastic; with an infinite sigma0 it
 * never yields.
 *
 * @param sigma0Pa initial (Peierls + solid solution + precipitation) stress (Pa, &gt; 0)
 * @param alpha dislocation-interaction constant (0.33 for steels)
 * @param taylorM Taylor factor (3 for bcc)
 * @param shearPa shear modulus in the dislocation term (Pa)
 * @param burgersM Burgers vector length (m)
 * @param kr dislocation recovery rate (dimensionless)
 * @param meanFreePathM dislocation mean free path L (m)
 */
public record FlowCurve(
    double sigma0Pa,
    double alpha,
    double taylorM,
    double shearPa,
    double burgersM,
    double kr,
    double meanFreePathM) {

  public FlowCurve {
    if (!(sigma0Pa > 0)) {
      throw new IllegalArgumentException("initial flow stress must be positive (Pa), found " + sigma0Pa);
    }
    if (!(alpha >= 0) || !(taylorM > 0) || !(shearPa > 0) || !(burgersM > 0) || !(kr > 0)
        || !(meanFreePathM > 0)) {
      throw new IllegalArgumentException(
          "hardening parameters must be positive (alpha >= 0), found alpha=" + alpha + " M=" + taylorM
              + " mu=" + shearPa + " b=" + burgersM + " k_r=" + kr + " L=" + meanFreePathM);
    }
  }

  /** Perfect plasticity at {@code sigma0Pa}. */
  public static FlowCurve perfect(double sigma0Pa) {
    return new FlowCurve(sigma0Pa, 0, 1, 1, 1, 1, 1);
  }

  private double amplitude() {
    return alpha * taylorM * shearPa * Math.sqrt(burgersM);
  }

  /** Flow stress at accumulated plastic strain p (Pa). */
  public double stress(double p) {
    if (alpha == 0) {
      return sigma0Pa;
    }
    double q = Math.max(p, 0);
    return sigma0Pa + amplitude() * Math.sqrt(-Math.expm1(-taylorM * kr * q) / (kr * meanFreePathM));
  }

  /** Hardening slope d sigma_y / dp (Pa); infinite at p = 0 for alpha &gt; 0. */
  public double slope(double p) {
    if (alpha == 0) {
      return 0;
    }
    double q = Math.max(p, 0);
    double g = -Math.expm1(-taylorM * kr * q) / (kr * meanFreePathM);
    if (g <= 0) {
      return Double.POSITIVE_INFINITY;
    }
    return amplitude() * taylorM * Math.exp(-taylorM * kr * q) / (meanFreePathM * 2 * Math.sqrt(g));
  }
}
