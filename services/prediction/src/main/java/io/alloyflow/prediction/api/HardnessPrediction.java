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
 * @param prediction the stored prediction document (JSON)
 * @param provenance what ran
 */
public record HardnessPrediction(
    double hardnessHv,
    double sigmaHv,
    String model,
    String method,
    Map<String, Double> contributions,
    ArtifactRef prediction,
    ActivityRecord provenance) {}
