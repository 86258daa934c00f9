package io.alloyflow.workflows.inclusion;

import java.util.List;
import java.util.Map;

/**
 * What became of one field.
 *
 * @param name field name
 * @param status {@code COMPLETED} or {@code FAILED}
 * @param error why it failed ("" otherwise)
 * @param fieldAreaMm2 analysed area (mm^2)
 * @param particles particles detected
 * @param uncertain particles below the screening confidence
 * @param edsAcquired EDS spectra acquired (uncertain particles with a spot spectrum)
 * @param edsSkipped particles classified from BSE alone (no acquisition)
 * @param uncertainWithoutSpectrum uncertain particles for which no spot spectrum exists (they keep
 *     their BSE class)
 * @param countsPerClass particles per final class
 * @param areaUm2PerClass particle area per final class (um^2)
 * @param screeningModel id of the screening model
 * @param provenance the provenance steps of this field (as recorded in the graph) with the
 *     SHA-256 of their main output
 */
public record FieldOutcome(String name, String status, String error, double fieldAreaMm2,
    int particles, int uncertain, int edsAcquired, int edsSkipped, int uncertainWithoutSpectrum,
    Map<String, Integer> countsPerClass, Map<String, Double> areaUm2PerClass,
    String screeningModel, List<String> provenance) {
  public FieldOutcome {
    error = error == null ? "" : error;
    countsPerClass = Map.copyOf(countsPerClass == null ? Map.of() : countsPerClass);
    areaUm2PerClass = Map.copyOf(areaUm2PerClass == null ? Map.of() : areaUm2PerClass);
    screeningModel = screeningModel == null ? "" : screeningModel;
    provenance = List.copyOf(provenance == null ? List.of() : provenance);
  }

  /** A field that failed. */
  static FieldOutcome failed(String name, String error) {
    return new FieldOutcome(name, "FAILED", error, 0, 0, 0, 0, 0, 0, Map.of(), Map.of(), "",
        List.of());
  }
}
