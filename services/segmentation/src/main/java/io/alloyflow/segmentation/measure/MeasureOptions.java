package io.alloyflow.segmentation.measure;

import java.util.List;

/**
 * What to measure on a phase map.
 *
 * @param fallbackPixelSizeM pixel size used when neither the label map nor the micrograph carries
 *     one (NaN: lengths stay in pixels and G numbers are NaN)
 * @param fractionTiles fields per side for phase-fraction standard errors (ASTM E562)
 * @param boundaryClass class index of grain boundaries; -1 = the class whose name contains
 *     "boundary" if any, else no grain-size measurement
 * @param particleClasses classes measured as particles; empty = every class except the one with the
 *     largest area (the matrix) and the boundary class
 * @param minParticleAreaPx particles smaller than this are noise
 * @param excludeBorderParticles drop frame-touching particles from size distributions
 * @param interceptLines test lines per direction for the Heyn intercept method
 * @param planimetricTiles fields per side for the Jeffries planimetric CI
 * @param minGrainAreaPx grains smaller than this (boundary debris) are ignored
 * @param keepParticleList keep per-particle properties in the result
 */
public record MeasureOptions(
    double fallbackPixelSizeM,
    int fractionTiles,
    int boundaryClass,
    List<Integer> particleClasses,
    int minParticleAreaPx,
    boolean excludeBorderParticles,
    int interceptLines,
    int planimetricTiles,
    int minGrainAreaPx,
    boolean keepParticleList) {
  public MeasureOptions {
    particleClasses = List.copyOf(particleClasses);
    if (fractionTiles < 1 || interceptLines < 1 || planimetricTiles < 1) {
      throw new IllegalArgumentException(
          "fractionTiles, interceptLines and planimetricTiles must be >= 1");
    }
    if (minParticleAreaPx < 1 || minGrainAreaPx < 1) {
      throw new IllegalArgumentException("minimum areas must be >= 1 pixel");
    }
  }

  /** Defaults. */
  public static MeasureOptions defaults() {
    return new MeasureOptions(Double.NaN, 4, -1, List.of(), 4, true, 20, 3, 5, false);
  }

  /** The same options with another fallback pixel size. */
  public MeasureOptions withPixelSizeM(double p) {
    return new MeasureOptions(p, fractionTiles, boundaryClass, particleClasses, minParticleAreaPx,
        excludeBorderParticles, interceptLines, planimetricTiles, minGrainAreaPx, keepParticleList);
  }
}
