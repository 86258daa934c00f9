package io.alloyflow.synthetic.micromech;

import io.alloyflow.synthetic.random.RandomFields;
import java.util.SplittableRandom;

/**
 * Periodic ferrite (0) / martensite (1) phase maps of dual-phase steel.
 *
 * <p>Each pixel gets a score s = g + 2 b cos(2 pi k y / n + phase), g a standardised periodic
 * Gaussian field with correlation lengths (a (1 + 2 b), a) (islands elongated along the rolling
 * direction x when banded), b the banding strength and k the number of bands across the map; the
 * round(f n^2) pixels with the highest scores become martensite (an excursion set of a Gaussian
 * field, K. Teubner, Europhys. Lett. 14 (1991) 403; banding as in the DP models of Noguchi et al.
 * 2022). The same construction as {@link io.alloyflow.synthetic.micro.DualPhaseSteel} without the
 * ferrite grain structure, on a periodic grid.
 */
public final class DpPhaseMaps {

  /** Generator version recorded in dataset provenance. */
  public static final String VERSION = "dp-phase-maps-1.0";

  /**
   * Physical size of one map pixel, micrometres. The maps themselves are scale-free; this is the
   * scale at which the fracture-strain labels are meant: (a) island correlation lengths of 1-4 px
   * are then 1-4 um, the martensite island sizes of DP590-class steels (about 1-5 um, Calcagnotto,
   * Ponge and Raabe, Mater. Sci. Eng. A 527 (2010) 2738) and of {@link
   * io.alloyflow.synthetic.micro.DualPhaseSteel}'s default 3 um islands; (b) the label solver's
   * 5 x 5 px damage-averaging window is then 5 um, the ferrite grain size L = 5 um of the
   * Rodriguez-Gutierrez ferrite flow curve used for the labels. A 32 x 32 cell is a 32 um square.
   * Phase maps measured at another pixel size are resampled to this scale before prediction.
   */
  public static final double NOMINAL_PIXEL_UM = 1.0;

  /**
   * Parameters.
   *
   * @param size map side in pixels (8..1024)
   * @param martensiteFraction martensite area fraction in [0.02, 0.7]
   * @param islandSizePx correlation length a of the martensite islands in pixels, [0.5, size/4]
   * @param banding banding strength b in [0, 1]
   * @param bands number of bands across the map, 1..size/4
   */
  public record Params(
      int size, double martensiteFraction, double islandSizePx, double banding, int bands) {

    public Params {
      if (size < 8 || size > 1024) {
        throw new IllegalArgumentException("map size must be 8..1024 pixels, found " + size);
      }
      if (!(martensiteFraction >= 0.02 && martensiteFraction <= 0.7)) {
        throw new IllegalArgumentException(
            "martensite fraction must be in [0.02, 0.7], found " + martensiteFraction);
      }
      if (!(islandSizePx >= 0.5 && islandSizePx <= size / 4.0)) {
        throw new IllegalArgumentException(
            "island size must be in [0.5, " + size / 4.0 + "] pixels, found " + islandSizePx);
      }
      if (!(banding >= 0 && banding <= 1)) {
        throw new IllegalArgumentException("banding must be in [0, 1], found " + banding);
      }
      if (bands < 1 || bands > size / 4) {
        throw new IllegalArgumentException(
            "bands must be 1.." + size / 4 + " for a " + size + " px map, found " + bands);
      }
    }

    /**
     * Random parameters for dataset sample {@code index}: fraction U(0.10, 0.50), island size
     * U(1.0, 4.0) px, banding U(0, 1) with probability 1/2 else 0, 2-6 bands.
     */
    public static Params random(int size, long seed, long index) {
      SplittableRandom r = RandomFields.stream(seed, 1_000_000L + index);
      double f = 0.10 + 0.40 * r.nextDouble();
      double a = 1.0 + 3.0 * r.nextDouble();
      double b = r.nextBoolean() ? r.nextDouble() : 0;
      int k = 2 + r.nextInt(5);
      return new Params(size, f, a, b, Math.min(k, size / 4));
    }
  }

  private DpPhaseMaps() {}

  /** The phase map, row-major, 0 ferrite and 1 martensite. */
  public static int[] generate(Params p, long seed) {
    int n = p.size();
    SplittableRandom rng = RandomFields.stream(seed, 41);
    double a = p.islandSizePx();
    double[] g = PeriodicField.gaussian2d(n, a * (1 + 2 * p.banding()), a, rng);
    double phase0 = 2 * Math.PI * rng.nextDouble();
    double[] score = new double[n * n];
    for (int y = 0; y < n; y++) {
      double band = 2 * p.banding() * Math.cos(2 * Math.PI * p.bands() * y / n + phase0);
      for (int x = 0; x < n; x++) {
        score[y * n + x] = g[y * n + x] + band;
      }
    }
    int target = (int) Math.round(p.martensiteFraction() * n * n);
    Integer[] order = new Integer[n * n];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (i, j) -> Double.compare(score[j], score[i]));
    int[] ph = new int[n * n];
    for (int i = 0; i < target; i++) {
      ph[order[i]] = 1;
    }
    return ph;
  }
}
