package io.alloyflow.segmentation.measure;

import java.util.List;

/**
 * Size and shape distribution of particles (or inclusions, precipitates) of one class. Lengths in
 * micrometres when the pixel size is known, else in pixels ({@code unit} says which).
 *
 * @param className class the particles belong to
 * @param unit {@code um} or {@code px}
 * @param count number of particles measured (frame-touching ones excluded when requested)
 * @param numberPerMm2 number density (NaN without pixel size)
 * @param ecd equivalent circular diameter distribution
 * @param feretMax maximum Feret diameter distribution
 * @param feretMin minimum Feret width distribution
 * @param aspectRatio Feret max/min distribution
 * @param circularity 4 pi A / P^2 distribution
 * @param solidity area / convex area distribution
 * @param particles per-particle properties in pixel units
 */
public record ParticleStats(
    String className,
    String unit,
    int count,
    double numberPerMm2,
    Stats.Summary ecd,
    Stats.Summary feretMax,
    Stats.Summary feretMin,
    Stats.Summary aspectRatio,
    Stats.Summary circularity,
    Stats.Summary solidity,
    List<RegionProps> particles) {
  public ParticleStats {
    particles = List.copyOf(particles);
  }
}
