package io.alloyflow.prediction.model;

import java.util.List;
import java.util.Map;

/**
 * What a trained model is and how it was made.
 *
 * @param property property name, e.g. {@code hardness}
 * @param unit unit of the property, e.g. {@code HV}
 * @param targetColumn training table column of the target
 * @param dataFile training table file name
 * @param dataSha256 SHA-256 of the training table bytes
 * @param rowsUsed training rows
 * @param rowsSkipped skipped rows by reason
 * @param algorithm algorithm name and reference
 * @param hyperParameters training settings
 * @param seeds member seeds
 * @param cv cross-validation results (null when not run)
 * @param software software versions
 * @param trainedAt ISO-8601 UTC time
 * @param trainCommand the command that rebuilds the model
 */
public record ModelCard(
    String property,
    String unit,
    String targetColumn,
    String dataFile,
    String dataSha256,
    int rowsUsed,
    Map<String, Integer> rowsSkipped,
    String algorithm,
    Map<String, String> hyperParameters,
    List<Long> seeds,
    CvReport cv,
    Map<String, String> software,
    String trainedAt,
    String trainCommand) {}
