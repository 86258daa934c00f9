package io.alloyflow.fusion.api;

/**
 * A particle as BSE screening saw it.
 *
 * @param id 1-based particle id in detection order (stable: detection is deterministic)
 * @param x centroid x (BSE pixels)
 * @param y centroid y (BSE pixels)
 * @param areaPx area in pixels
 * @param ecdUm equivalent circle diameter (um)
 * @param bseClass the most probable class from BSE features alone
 * @param confidence its calibrated probability
 * @param uncertain whether the confidence is below the threshold (EDS wanted)
 * @param spot index of the field's EDS spot that falls on the particle, -1 when none
 */
public record ScreenedParticle(int id, double x, double y, int areaPx, double ecdUm,
    String bseClass, double confidence, boolean uncertain, int spot) {
  public ScreenedParticle {
    if (id < 1 || areaPx < 1 || bseClass == null || !(confidence >= 0 && confidence <= 1.000001)) {
      throw new IllegalArgumentException("screened particle needs id >= 1, area >= 1, a class and a"
          + " confidence in [0, 1]; found id " + id + ", area " + areaPx + ", confidence "
          + confidence);
    }
  }
}
