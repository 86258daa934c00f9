package io.alloyflow.segmentation.measure;

import io.alloyflow.core.provenance.AlgorithmInfo;
import java.util.List;

/**
 * Everything measured on one phase map.
 *
 * @param pixelSizeM pixel size used (NaN when unknown)
 * @param fractions phase area fractions with standard errors
 * @param grainSize grain-size results (Heyn, Jeffries, E1382); empty without a grain structure
 * @param particles size/shape distributions per particle class
 * @param algorithm parameters of the measurement run
 */
public record MicrostructureMeasurements(
    double pixelSizeM,
    List<PhaseFraction> fractions,
    List<GrainSizeResult> grainSize,
    List<ParticleStats> particles,
    AlgorithmInfo algorithm) {
  public MicrostructureMeasurements {
    fractions = List.copyOf(fractions);
    grainSize = List.copyOf(grainSize);
    particles = List.copyOf(particles);
  }
}
