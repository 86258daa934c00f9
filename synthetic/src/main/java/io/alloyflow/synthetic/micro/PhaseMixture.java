package io.alloyflow.synthetic.micro;

import java.util.Objects;

/**
 * Sub-label constituents of one labelled phase: inside the pixels labelled {@code phaseLabel}
 * the material is a two-constituent mixture, a {@code particle} phase covering the area
 * fraction {@code particleFraction[i]} of pixel i and a {@code matrix} phase covering the rest.
 * Used where metallographers label a region as one class although it is resolved into two
 * constituents in the image (the Al-Si eutectic: eutectic alpha-Al plus silicon flakes). The
 * labelled phase's own composition is the mass-weighted mean of the mixture over the region, so
 * phase-level truth (fractions, compositions) keeps its meaning; image formation uses the
 * per-pixel constituents.
 *
 * @param phaseLabel label value of the mixed phase in the phase map
 * @param matrix the matrix constituent
 * @param particle the particle constituent
 * @param particleFraction per pixel area fraction of the particle constituent in [0, 1] (0 outside
 *     the mixed phase), row-major, same size as the phase map
 */
public record PhaseMixture(int phaseLabel, Phase matrix, Phase particle, float[] particleFraction) {

  public PhaseMixture {
    Objects.requireNonNull(matrix, "matrix constituent");
    Objects.requireNonNull(particle, "particle constituent");
    Objects.requireNonNull(particleFraction, "particle fraction map");
    if (phaseLabel < 0) {
      throw new IllegalArgumentException("phase label must be >= 0, found " + phaseLabel);
    }
    for (int i = 0; i < particleFraction.length; i++) {
      float f = particleFraction[i];
      if (!(f >= 0 && f <= 1)) {
        throw new IllegalArgumentException(
            "particle fraction at pixel " + i + " must be in [0,1], found " + f);
      }
    }
  }
}
