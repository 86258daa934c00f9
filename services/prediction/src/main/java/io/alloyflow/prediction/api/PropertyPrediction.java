package io.alloyflow.prediction.api;

import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.store.ArtifactRef;
import java.util.Map;

/**
 * A predicted property with its uncertainty and explanation.
 *
 * @param property property name, e.g. {@code hardness}
 * @param unit unit, e.g. {@code HV}
 * @param mean predicted value
 * @param std combined one-standard-deviation uncertainty ({@code sqrt(modelStd^2 + inputStd^2)})
 * @param modelStd model uncertainty (calibrated ensemble spread; for a baseline, its stated range)
 * @param inputStd uncertainty propagated from the inputs (EDS composition), 0 when none
 * @param lo95 lower end of the 95 % interval
 * @param hi95 upper end of the 95 % interval
 * @param modelVersion the model version that made it, e.g. {@code hardness-1a2b3c4d5e6f}
 * @param method plain-language description of the model (and what it is not)
 * @param explanation additive contribution of each input (Shapley value, property units)
 * @param explanationBase the value the contributions start from (expected model output)
 * @param prediction the stored prediction document (JSON), null when unavailable
 * @param waterfall the stored explanation waterfall PNG, null when none
 * @param provenance what ran, null when unavailable
 * @param modelProvenance how the model was made (training activity: used the training data,
 *     generated the model), null for baselines
 * @param unavailableReason why no prediction could be made ("" when there is one)
 */
public record PropertyPrediction(
    String property,
    String unit,
    double mean,
    double std,
    double modelStd,
    double inputStd,
    double lo95,
    double hi95,
    String modelVersion,
    String method,
    Map<String, Double> explanation,
    double explanationBase,
    ArtifactRef prediction,
    ArtifactRef waterfall,
    ActivityRecord provenance,
    ActivityRecord modelProvenance,
    String unavailableReason) {

  public PropertyPrediction {
    property = property == null ? "" : property;
    unit = unit == null ? "" : unit;
    modelVersion = modelVersion == null ? "" : modelVersion;
    method = method == null ? "" : method;
    explanation = explanation == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(explanation));
    unavailableReason = unavailableReason == null ? "" : unavailableReason;
  }

  /** A prediction that could not be made, with the reason. */
  public static PropertyPrediction unavailable(String property, String unit, String reason) {
    return new PropertyPrediction(property, unit, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
        Double.NaN, Double.NaN, "", "", Map.of(), Double.NaN, null, null, null, null, reason);
  }

  /** True when a value was predicted. */
  public boolean available() {
    return unavailableReason.isEmpty();
  }
}
