package io.alloyflow.synthetic.mpea;

/**
 * The synthetic world's ground-truth Vickers hardness of a cast Al(x)CoCrFeNi sample with a given
 * mean grain intercept: a linear rule of mixtures of the FCC and BCC/B2 phases at the BCC
 * fraction of {@link MpeaAlloy#bccFraction} (the same fraction the generated micrographs show),
 * plus Hall-Petch grain-boundary strengthening. Nominal constants: FCC 130 HV and BCC/B2 520 HV,
 * spanning the hardness measured from Al0.3 (FCC) to Al1.0 (BCC-dominated) CoCrFeNi (Kao et al.,
 * J. Alloys Compd. 488 (2009) 57; Tang et al., JOM 65 (2013) 1848); Hall-Petch slope 494
 * MPa um^0.5 of CoCrFeMnNi (Liu et al., Scripta Mater. 68 (2013) 526) converted to hardness with
 * Tabor's HV ~ 3 sigma_y (HV in kgf/mm^2 = 3 sigma_y / 9.807). It is the "experiment" of simulated
 * closed loops (with measurement noise added by the caller), not a fit to any one data set.
 */
public final class MpeaHardness {
  /** FCC phase hardness (HV). */
  public static final double FCC_HV = 130;
  /** BCC/B2 phase hardness (HV). */
  public static final double BCC_HV = 520;
  /** Hall-Petch slope in hardness units (HV um^0.5). */
  public static final double HALL_PETCH_HV = 3 * 494 / 9.807;

  private MpeaHardness() {}

  /**
   * Hardness (HV) of Al(x)CoCrFeNi.
   *
   * @param aluminium x, 0.2..1.0
   * @param grainInterceptUm mean lineal intercept of the grains (um), 1..1000
   */
  public static double hardnessHv(double aluminium, double grainInterceptUm) {
    if (!(aluminium >= 0.2 && aluminium <= 1.0)) {
      throw new IllegalArgumentException(
          "Al content x of Al(x)CoCrFeNi must be within 0.2..1.0, found " + aluminium);
    }
    if (!(grainInterceptUm >= 1 && grainInterceptUm <= 1000)) {
      throw new IllegalArgumentException(
          "grain intercept must be within 1..1000 um, found " + grainInterceptUm);
    }
    double f = MpeaAlloy.bccFraction(aluminium);
    return (1 - f) * FCC_HV + f * BCC_HV + HALL_PETCH_HV / Math.sqrt(grainInterceptUm);
  }
}
