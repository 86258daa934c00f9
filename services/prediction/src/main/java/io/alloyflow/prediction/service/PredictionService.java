package io.alloyflow.prediction.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.core.provenance.ArtifactUse;
import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.core.store.ArtifactStore;
import io.alloyflow.prediction.api.PredictionRequest;
import io.alloyflow.prediction.api.PropertyPrediction;
import io.alloyflow.prediction.features.AlloySample;
import io.alloyflow.prediction.features.Composition;
import io.alloyflow.prediction.features.ElementData;
import io.alloyflow.prediction.mixture.RuleOfMixturesHardness;
import io.alloyflow.prediction.registry.ModelRegistry;
import io.alloyflow.prediction.shap.ShapPlots;
import io.alloyflow.prediction.trained.ModelIO;
import io.alloyflow.prediction.trained.Predictor;
import io.alloyflow.prediction.trained.PropertyModel;
import io.alloyflow.prediction.trained.Training;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The prediction step without a framework: chooses the registry's current model of the property
 * when the request satisfies its feature schema (a composition of known elements), predicts with
 * propagated composition uncertainty and Shapley explanation, stores the prediction document and
 * waterfall PNG, and returns the provenance records (the prediction activity, and the training
 * activity that links the model version to its training data); otherwise falls back to the
 * labelled rule-of-mixtures baseline for hardness.
 */
public final class PredictionService {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Monte Carlo draws for composition uncertainty. */
  public static final int MC_DRAWS = 200;

  private final ArtifactStore store;
  private final ModelRegistry registry;

  /**
   * @param store where predictions, explanations and the model bytes go
   * @param registry where models are looked up
   */
  public PredictionService(ArtifactStore store, ModelRegistry registry) {
    this.store = store;
    this.registry = registry;
  }

  /** Execution context of the caller (Temporal ids, or blanks outside a workflow). */
  public record Context(String workflowId, String runId, int attempt) {
    /** Outside a workflow. */
    public static Context local() {
      return new Context("", "", 1);
    }
  }

  /** Why a trained model cannot be used for a request ("" when it can). */
  static String unsatisfied(PredictionRequest r) {
    if (r.composition().isEmpty()) {
      return "no composition (the composition model needs atomic fractions, e.g. from EDS quantification)";
    }
    for (String el : r.composition().keySet()) {
      if (!ElementData.known(el)) {
        return "element " + el + " is outside the model's element data";
      }
    }
    return "";
  }

  /** Predicts the requested property. */
  public PropertyPrediction predict(PredictionRequest r, Context ctx) throws IOException {
    long t0 = System.currentTimeMillis();
    Training.PropertySpec spec = Training.PROPERTIES.get(r.property());
    String unit = spec == null ? "" : spec.unit();
    String why = unsatisfied(r);
    Optional<ModelRegistry.Resolved> model =
        spec == null || !why.isEmpty() ? Optional.empty() : registry.current(r.property());
    if (model.isPresent()) {
      PropertyModel pm = model.get().loaded().model();
      try {
        why = pm.outsideDomain(io.alloyflow.prediction.features.HardnessFeatures.vector(new AlloySample(
            new Composition(r.composition()), r.processing(), r.phases(), r.testTemperatureC())));
      } catch (IllegalArgumentException e) {
        why = "the model cannot use this sample: " + e.getMessage();
      }
      if (why.isEmpty()) {
        return fromModel(r, model.get().loaded(), ctx, t0);
      }
    }
    if ("hardness".equals(r.property()) && RuleOfMixturesHardness.supports(r.alloySystem())) {
      return baseline(r, ctx, t0, why.isEmpty() ? "no trained hardness model in the registry" : why);
    }
    String reason = spec == null
        ? "no model for property '" + r.property() + "' (known: " + Training.PROPERTIES.keySet() + ")"
        : (why.isEmpty() ? "no trained " + r.property() + " model in the registry" : why)
            + (r.property().equals("hardness")
                ? "; no phase-hardness baseline for alloy system '" + r.alloySystem() + "' (known: "
                    + RuleOfMixturesHardness.systems() + ")"
                : "");
    return PropertyPrediction.unavailable(r.property(), unit, reason);
  }

  private PropertyPrediction fromModel(
      PredictionRequest r, ModelIO.Loaded loaded, Context ctx, long t0) throws IOException {
    PropertyModel m = loaded.model();
    Composition comp = new Composition(r.composition());
    AlloySample sample = new AlloySample(comp, r.processing(), r.phases(), r.testTemperatureC());
    Predictor.Batch b =
        Predictor.predict(m, List.of(sample), List.of(r.compositionSigma()), true, MC_DRAWS, 7);
    Predictor.Candidate c = b.candidates().get(0);
    Map<String, Double> shap = new LinkedHashMap<>();
    for (int j = 0; j < b.players().size(); j++) {
      shap.put(b.players().get(j), c.shap()[j]);
    }
    ArtifactRef modelRef = store.put(ModelIO.bytes(m), "application/vnd.alloyflow.model+json");
    if (!modelRef.sha256().equals(loaded.sha256())) {
      // the stored bytes are the re-serialised model; keep the version of the file that was loaded
      modelRef = store.put(java.nio.file.Files.readAllBytes(resolveFile(loaded)), "application/vnd.alloyflow.model+json");
    }
    byte[] png = ShapPlots.waterfall(b.players(), b.base(), c.shap(), c.mean(), m.unit(),
        m.property() + " of " + comp.canonical() + " (" + loaded.version() + ")");
    ArtifactRef pngRef = store.put(png, "image/png");
    String method = m.describe() + " on composition descriptors"
        + " (trained on " + m.card().dataFile() + ", " + m.card().rowsUsed() + " rows), conformal"
        + " intervals from grouped cross-validation, exact interventional SHAP";
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("property", m.property());
    doc.put("unit", m.unit());
    doc.put("mean", c.mean());
    doc.put("std", c.std());
    doc.put("modelStd", c.modelStd());
    doc.put("inputStd", c.inputStd());
    doc.put("lo95", c.lo95());
    doc.put("hi95", c.hi95());
    doc.put("modelVersion", loaded.version());
    doc.put("model", modelRef.uri());
    doc.put("trainingData", "sha256:" + m.card().dataSha256());
    doc.put("method", method);
    doc.put("shapBase", b.base());
    doc.put("shap", shap);
    doc.put("shapMethod", b.shapMethod());
    doc.put("composition", comp.atomicFractions());
    doc.put("compositionSigma", r.compositionSigma());
    doc.put("processing", r.processing());
    doc.put("phases", r.phases());
    doc.put("phaseFractions", r.phaseFractions());
    ArtifactRef docRef = store.put(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc), "application/json");
    Map<String, String> params = new LinkedHashMap<>();
    params.put("property", m.property());
    params.put("modelVersion", loaded.version());
    params.put("mcDraws", String.valueOf(MC_DRAWS));
    params.put("composition", comp.canonical());
    AlgorithmInfo algo = new AlgorithmInfo("mlp-deep-ensemble-predict", loaded.version(),
        "Lakshminarayanan et al., NeurIPS 2017 (deep ensembles); Lundberg and Lee, NeurIPS 2017 (SHAP)", params);
    Map<String, Double> summary = new LinkedHashMap<>();
    summary.put("mean", c.mean());
    summary.put("std", c.std());
    summary.put("modelStd", c.modelStd());
    summary.put("inputStd", c.inputStd());
    if (m.property().equals("hardness")) {
      summary.put("hardnessHv", c.mean());
      summary.put("sigmaHv", c.std());
    }
    List<ArtifactUse> used = new java.util.ArrayList<>();
    used.add(new ArtifactUse("featureSet", "FeatureSet", r.featureSet()));
    used.add(new ArtifactUse("model", "Model", modelRef));
    if (r.compositionSource() != null) {
      used.add(new ArtifactUse("edsSpectrum", "Spectrum", r.compositionSource()));
    }
    List<ArtifactUse> gen = List.of(
        new ArtifactUse("prediction", "Prediction", docRef),
        new ArtifactUse("explanation", "Explanation", pngRef));
    ActivityRecord rec = new ActivityRecord("prediction", "prediction", algo, used, gen, summary,
        ActivityRecord.currentEnvironment(), 7, t0, System.currentTimeMillis() - t0,
        ctx.workflowId(), ctx.runId(), ctx.attempt());
    ActivityRecord training = trainingRecord(m, loaded.version(), modelRef);
    return new PropertyPrediction(m.property(), m.unit(), c.mean(), c.std(), c.modelStd(), c.inputStd(),
        c.lo95(), c.hi95(), loaded.version(), method, shap, b.base(), docRef, pngRef, rec, training, "");
  }

  private static java.nio.file.Path resolveFile(ModelIO.Loaded l) {
    return l.dir().resolve("model.json");
  }

  /**
   * The training activity of a model as a provenance record: used the training table (by its
   * SHA-256; the table itself stays outside the store), generated the model artifact. Keyed by
   * the model version, so every prediction with this model links to the same activity node.
   */
  static ActivityRecord trainingRecord(PropertyModel m, String version, ArtifactRef modelRef) {
    var card = m.card();
    ArtifactRef data = new ArtifactRef(card.dataSha256(), "text/csv", 0);
    Map<String, String> params = new LinkedHashMap<>(card.hyperParameters());
    params.put("dataFile", card.dataFile());
    params.put("rowsUsed", String.valueOf(card.rowsUsed()));
    AlgorithmInfo algo = new AlgorithmInfo("mlp-deep-ensemble-train", version, card.algorithm(), params);
    Map<String, Double> summary = new LinkedHashMap<>();
    if (card.cv() != null && card.cv().shipped() != null) {
      card.cv().shipped().forEach((k, v) -> summary.put("cv_" + k, v));
    }
    long when;
    try {
      when = java.time.Instant.parse(card.trainedAt()).toEpochMilli();
    } catch (RuntimeException e) {
      when = 0;
    }
    return new ActivityRecord("model-training", "prediction", algo,
        List.of(new ArtifactUse("trainingData", "TrainingData", data)),
        List.of(new ArtifactUse("model", "Model", modelRef)), summary, card.software(),
        card.seeds().isEmpty() ? 0 : card.seeds().get(0), when, 0, "model/" + version, "", 1);
  }

  private PropertyPrediction baseline(PredictionRequest r, Context ctx, long t0, String whyNotModel)
      throws IOException {
    RuleOfMixturesHardness.Estimate est =
        RuleOfMixturesHardness.estimate(r.alloySystem(), r.phaseFractions(), Map.of());
    String method =
        "linear rule of mixtures over segmented phase fractions with literature phase hardness"
            + " ranges (a transparent baseline, not a trained model; " + whyNotModel + ")";
    String version = RuleOfMixturesHardness.NAME + "@" + RuleOfMixturesHardness.VERSION;
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("property", "hardness");
    doc.put("unit", "HV");
    doc.put("mean", est.hardnessHv());
    doc.put("std", est.sigmaHv());
    doc.put("modelVersion", version);
    doc.put("method", method);
    doc.put("contributions", est.contributions());
    doc.put("inputs", r.phaseFractions());
    ArtifactRef ref = store.put(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc), "application/json");
    Map<String, String> params = new LinkedHashMap<>();
    params.put("alloySystem", r.alloySystem());
    AlgorithmInfo algo = new AlgorithmInfo(RuleOfMixturesHardness.NAME, RuleOfMixturesHardness.VERSION,
        RuleOfMixturesHardness.REFERENCE, params);
    Map<String, Double> summary = new LinkedHashMap<>();
    summary.put("mean", est.hardnessHv());
    summary.put("std", est.sigmaHv());
    summary.put("hardnessHv", est.hardnessHv());
    summary.put("sigmaHv", est.sigmaHv());
    ActivityRecord rec = new ActivityRecord("prediction", "prediction", algo,
        List.of(new ArtifactUse("featureSet", "FeatureSet", r.featureSet())),
        List.of(new ArtifactUse("prediction", "Prediction", ref)), summary,
        ActivityRecord.currentEnvironment(), 0, t0, System.currentTimeMillis() - t0,
        ctx.workflowId(), ctx.runId(), ctx.attempt());
    double s = est.sigmaHv();
    return new PropertyPrediction("hardness", "HV", est.hardnessHv(), s, s, 0.0,
        est.hardnessHv() - 1.959964 * s, est.hardnessHv() + 1.959964 * s, version, method,
        est.contributions(), 0.0, ref, null, rec, null, "");
  }
}
