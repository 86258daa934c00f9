package io.alloyflow.eds.api;

import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.store.ArtifactRef;
import java.util.List;

/**
 * @param calibratedSpectrum EMSA file of the calibrated spectrum
 * @param offsetEv fitted energy offset
 * @param gainEvPerChannel fitted channel width
 * @param elements identified elements, strongest first
 * @param provenance what ran
 * @param composition standardless atomic fractions of the identified elements (empty when the
 *     spectrum could not be quantified)
 * @param compositionSigma one-sigma uncertainty of each atomic fraction (counting + matrix model)
 */
public record EdsSpectrumResult(
    ArtifactRef calibratedSpectrum,
    double offsetEv,
    double gainEvPerChannel,
    List<ElementLine> elements,
    ActivityRecord provenance,
    java.util.Map<String, Double> composition,
    java.util.Map<String, Double> compositionSigma) {
  public EdsSpectrumResult {
    composition = composition == null ? java.util.Map.of() : java.util.Map.copyOf(composition);
    compositionSigma = compositionSigma == null ? java.util.Map.of() : java.util.Map.copyOf(compositionSigma);
  }

  /** A result without a quantified composition. */
  public EdsSpectrumResult(
      ArtifactRef calibratedSpectrum, double offsetEv, double gainEvPerChannel,
      List<ElementLine> elements, ActivityRecord provenance) {
    this(calibratedSpectrum, offsetEv, gainEvPerChannel, elements, provenance, null, null);
  }
}
