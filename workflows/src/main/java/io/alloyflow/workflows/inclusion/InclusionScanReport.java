package io.alloyflow.workflows.inclusion;

import java.util.List;
import java.util.Map;

/**
 * The report of an inclusion scan (also its progress while it runs).
 *
 * @param scanId the scan
 * @param status {@code RUNNING}, {@code COMPLETED} (some fields may have failed: see {@code
 *     fields}) or {@code FAILED}
 * @param totalFields fields in the scan
 * @param fieldsCompleted fields classified
 * @param fieldsFailed fields that failed
 * @param analysedAreaMm2 area of the completed fields (mm^2)
 * @param particles particles classified
 * @param edsAcquired EDS acquisitions made
 * @param edsSkipped EDS acquisitions saved by BSE-first screening (particles classified from BSE)
 * @param uncertainWithoutSpectrum uncertain particles with no spot spectrum to acquire
 * @param countsPerClass particles per class
 * @param countsPerMm2 particles per class per mm^2
 * @param areaFractionPpm particle area per class over the analysed area (parts per million)
 * @param instrumentHours instrument time of the scan: per field the overhead, per acquisition
 *     the EDS dwell (h)
 * @param instrumentHoursAllEds the same with an EDS acquisition on every particle (h)
 * @param inclusionsPerHour particles classified per hour of instrument time
 * @param confidenceThreshold the screening threshold used
 * @param screeningModel id of the BSE screening model
 * @param ruleSet the EDS rule set (name, version, SHA-256)
 * @param fields per field its outcome and provenance
 */
public record InclusionScanReport(String scanId, String status, int totalFields,
    int fieldsCompleted, int fieldsFailed, double analysedAreaMm2, int particles, int edsAcquired,
    int edsSkipped, int uncertainWithoutSpectrum, Map<String, Integer> countsPerClass,
    Map<String, Double> countsPerMm2, Map<String, Double> areaFractionPpm,
    double instrumentHours, double instrumentHoursAllEds, double inclusionsPerHour,
    double confidenceThreshold, String screeningModel, String ruleSet, List<FieldOutcome> fields) {
  public InclusionScanReport {
    countsPerClass = Map.copyOf(countsPerClass);
    countsPerMm2 = Map.copyOf(countsPerMm2);
    areaFractionPpm = Map.copyOf(areaFractionPpm);
    fields = List.copyOf(fields);
  }
}
