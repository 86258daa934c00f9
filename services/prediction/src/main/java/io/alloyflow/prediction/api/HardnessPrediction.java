package io.alloyflow.prediction.api;

import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.store.ArtifactRef;
import java.util.Map;

/**
 * @param hardnessHv predicted Vickers hardness (HV)
 * @param sigmaHv one-standard-deviation uncertainty (HV)
 * @param model model name as recorded in provenance
 * @param method plain-language description of what the model is (and is not)
 * @param contributions additive contribution of each input to the prediction (HV); for a linear
 *     model these are exact Shapley values relative to a zero baseline
 * @param prediction the stored prediction document (JSON), null when unavailable
 * @param provenance what ran, null when unavailable
 * @param unavailableReason why no prediction could be made ("" when there is one)
 */
public record HardnessPrediction(
    double hardnessHv,
    double sigmaHv,
    String model,
    String method,
    Map<String, Double> contributions,
    ArtifactRef prediction,
    ActivityRecord provenance,
    String unavailableReason) {

  /** A prediction that could not be made, with the reason. */
  public static HardnessPrediction unavailable(String reason) {
    return new HardnessPrediction(Double.NaN, Double.NaN, "", "", Map.of(), null, null, reason);
  }

  /** True when a value was predicted. */
  public boolean available() {
    return unavailableReason == null || unavailableReason.isEmpty();
  }
}
