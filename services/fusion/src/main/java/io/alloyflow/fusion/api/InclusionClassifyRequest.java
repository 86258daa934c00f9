package io.alloyflow.fusion.api;

import io.alloyflow.core.store.ArtifactRef;
import java.util.List;
import java.util.Objects;

/**
 * A screened field to classify.
 *
 * @param fieldName the field
 * @param bse the same BSE micrograph that was screened
 * @param screened the screening result's particles
 * @param spectra EMSA spectra acquired for some particles (normally the uncertain ones)
 */
public record InclusionClassifyRequest(String fieldName, ArtifactRef bse,
    List<ScreenedParticle> screened, List<ParticleSpectrum> spectra) {

  public InclusionClassifyRequest {
    Objects.requireNonNull(bse, "bse");
    fieldName = fieldName == null || fieldName.isBlank() ? "field" : fieldName;
    screened = List.copyOf(screened == null ? List.of() : screened);
    spectra = List.copyOf(spectra == null ? List.of() : spectra);
  }

  /** The EMSA spectrum acquired on a particle. */
  public record ParticleSpectrum(int particleId, ArtifactRef spectrum) {
    public ParticleSpectrum {
      Objects.requireNonNull(spectrum, "spectrum");
      if (particleId < 1) {
        throw new IllegalArgumentException("particleId must be >= 1, found " + particleId);
      }
    }
  }
}
