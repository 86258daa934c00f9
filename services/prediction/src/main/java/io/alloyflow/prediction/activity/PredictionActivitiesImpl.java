package io.alloyflow.prediction.activity;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.core.provenance.ArtifactUse;
import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.core.store.ArtifactStore;
import io.alloyflow.prediction.api.HardnessPrediction;
import io.alloyflow.prediction.api.HardnessRequest;
import io.alloyflow.prediction.api.PredictionActivities;
import io.alloyflow.prediction.mixture.RuleOfMixturesHardness;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prediction activities over an artifact store. */
public final class PredictionActivitiesImpl implements PredictionActivities {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ArtifactStore store;

  public PredictionActivitiesImpl(ArtifactStore store) {
    this.store = store;
  }

  @Override
  public HardnessPrediction predictHardness(HardnessRequest request) {
    long t0 = System.currentTimeMillis();
    if (!RuleOfMixturesHardness.supports(request.alloySystem())) {
      return HardnessPrediction.unavailable("no phase hardness library for alloy system '"
          + request.alloySystem() + "' (known: " + RuleOfMixturesHardness.systems() + ")");
    }
    RuleOfMixturesHardness.Estimate est;
    try {
      est = RuleOfMixturesHardness.estimate(request.alloySystem(), request.phaseFractions(), Map.of());
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "BadInput");
    }
    String method =
        "linear rule of mixtures over segmented phase fractions with literature phase hardness"
            + " ranges (a transparent baseline, not a trained model)";
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("property", "Vickers hardness");
    doc.put("unit", "HV");
    doc.put("value", est.hardnessHv());
    doc.put("sigma", est.sigmaHv());
    doc.put("model", RuleOfMixturesHardness.NAME + "@" + RuleOfMixturesHardness.VERSION);
    doc.put("method", method);
    doc.put("contributions", est.contributions());
    doc.put("inputs", request.phaseFractions());
    ArtifactRef ref;
    try {
      ref = store.put(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc), "application/json");
    } catch (IOException e) {
      throw ApplicationFailure.newFailureWithCause(
          "could not store the prediction: " + e.getMessage(), "StoreFailure", e);
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("alloySystem", request.alloySystem());
    AlgorithmInfo algo =
        new AlgorithmInfo(
            RuleOfMixturesHardness.NAME, RuleOfMixturesHardness.VERSION,
            RuleOfMixturesHardness.REFERENCE, params);
    Map<String, Double> summary = new LinkedHashMap<>();
    summary.put("hardnessHv", est.hardnessHv());
    summary.put("sigmaHv", est.sigmaHv());
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    ActivityRecord record =
        new ActivityRecord(
            "prediction", "prediction", algo,
            List.of(new ArtifactUse("featureSet", "FeatureSet", request.featureSet())),
            List.of(new ArtifactUse("prediction", "Prediction", ref)),
            summary, ActivityRecord.currentEnvironment(), 0, t0, System.currentTimeMillis() - t0,
            info.getWorkflowId(), info.getRunId(), info.getAttempt());
    return new HardnessPrediction(
        est.hardnessHv(), est.sigmaHv(), algo.name() + "@" + algo.version(), method,
        est.contributions(), ref, record, "");
  }
}
