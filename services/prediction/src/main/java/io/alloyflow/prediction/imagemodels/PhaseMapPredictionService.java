package io.alloyflow.prediction.imagemodels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.io.ArrowIO;
import io.alloyflow.core.materials.AlloySystems;
import io.alloyflow.core.models.ShippedModels;
import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.core.provenance.ArtifactUse;
import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.core.store.ArtifactStore;
import io.alloyflow.prediction.api.PhaseMapPredictionRequest;
import io.alloyflow.prediction.api.PropertyPrediction;
import io.alloyflow.prediction.shap.ShapPlots;
import io.alloyflow.prediction.vqvae.CriticalRegions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prediction from a segmented phase map with a shipped image model, without a framework: resolves
 * the property's model in the shipped-model zoo ({@code models/NAME}, checked against its {@code
 * SHA256SUMS}), reads the phase map from the store, maps its labels to ferrite/martensite by the
 * phase names the analysis gave them, predicts with {@link TiledFractureStrain} (scale, tiling,
 * uncertainty and occlusion map documented there), explains through {@link StrainExplainer}, and
 * stores the prediction document, the SHAP waterfall PNG and the critical-region overlay PNG. Its
 * provenance record uses the phase map, the feature set and the model (by the SHA-256 of the
 * network's parameters) and generates the three; a second record, keyed by the model version,
 * links the model to the dataset it was trained on.
 */
public final class PhaseMapPredictionService {
  /** Property predicted from phase maps. */
  public static final String FRACTURE_STRAIN = "fracture-strain";

  /** Shipped default model per property. */
  public static final Map<String, String> DEFAULT_MODELS = Map.of(FRACTURE_STRAIN, "fracture-strain-dp-cnn");

  /** Step name of the prediction activity (unique within an analysis: the graph keys steps). */
  public static final String STEP = "fracture-strain-prediction";

  /** Role of the critical-region overlay among the generated artifacts. */
  public static final String OVERLAY_ROLE = PhaseMapPredictionRequest.OVERLAY_ROLE;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ArtifactStore store;
  private final ShippedModels zoo;

  /**
   * @param store where phase maps are read and results written
   * @param zoo the shipped models
   */
  public PhaseMapPredictionService(ArtifactStore store, ShippedModels zoo) {
    this.store = store;
    this.zoo = zoo;
  }

  /** Execution context (Temporal ids, or blanks outside a workflow). */
  public record Context(String workflowId, String runId, int attempt) {}

  /**
   * Predicts, or says why not.
   *
   * @throws IOException when the store cannot be read or written
   */
  public PropertyPrediction predict(PhaseMapPredictionRequest r, Context ctx) throws IOException {
    long t0 = System.currentTimeMillis();
    if (!FRACTURE_STRAIN.equals(r.property())) {
      return PropertyPrediction.unavailable(r.property(), "", "no phase-map model for property '"
          + r.property() + "' (known: " + DEFAULT_MODELS.keySet() + ")");
    }
    if (!AlloySystems.DP_STEEL.equalsIgnoreCase(r.alloySystem())) {
      return unavailable("the fracture-strain model is for dual-phase steel (" + AlloySystems.DP_STEEL
          + "), not alloy system '" + r.alloySystem() + "'");
    }
    String name = r.model().isEmpty() ? DEFAULT_MODELS.get(FRACTURE_STRAIN) : r.model();
    Path dir;
    try {
      dir = zoo.resolve(name, "property-regression").folder();
      verifySums(dir);
    } catch (IllegalArgumentException | IOException e) {
      return unavailable("model " + name + " cannot be used: " + e.getMessage());
    }
    LabelMap map = ArrowIO.labelMapFromArrow(store.get(r.phaseMap()));
    int martensite = r.labelPhases().indexOf(AlloySystems.MARTENSITE);
    if (martensite < 0) {
      return unavailable("the phase map has no martensite class (phases by label: "
          + r.labelPhases() + ")");
    }
    int[] bin = new int[map.labels().length];
    int others = 0;
    for (int i = 0; i < bin.length; i++) {
      int l = map.labels()[i];
      bin[i] = l == martensite ? 1 : 0;
      boolean ferrite = l < r.labelPhases().size()
          && AlloySystems.FERRITE.equals(r.labelPhases().get(l));
      others += bin[i] == 0 && !ferrite ? 1 : 0;
    }
    double px = Double.isNaN(r.pixelSizeUm()) ? map.pixelSizeM() * 1e6 : r.pixelSizeUm();
    if (!(px > 0) || Double.isInfinite(px)) {
      return unavailable("the phase map's pixel size is unknown (give the micrograph's pixel size),"
          + " so it cannot be scaled to the model's training cells");
    }
    Computed c;
    try {
      c = compute(dir, name, bin, map.width(), map.height(), px);
    } catch (IllegalArgumentException e) {
      return unavailable(e.getMessage());
    }
    return stored(r, ctx, t0, dir, c, (double) others / bin.length);
  }

  /**
   * A prediction before it is stored.
   *
   * @param modelVersion {@code NAME@<first 12 hex of the parameters' SHA-256>}
   * @param modelPixelUm pixel size of the model's cells
   * @param side cell side
   * @param modelRmse per-cell model error
   * @param trainingFractionRange martensite fractions of the training cells
   * @param mapPixelUm pixel size of the map
   * @param result cells, aggregate and occlusion map
   * @param explanation SHAP over image features, null when the model has no explainer
   * @param explainer the surrogate, null when none
   * @param overlayPng the critical-region overlay
   */
  public record Computed(String modelVersion, double modelPixelUm, int side, double modelRmse,
      double[] trainingFractionRange, double mapPixelUm, TiledFractureStrain.Result result,
      StrainExplainer.Explanation explanation, StrainExplainer explainer, byte[] overlayPng) {}

  /**
   * Predicts a 0/1 map with the shipped model {@code name} (checked against its SHA256SUMS), for
   * callers without a store (HTTP).
   *
   * @throws IllegalArgumentException when the model is not shipped or changed, or the map cannot
   *     be predicted (too small, bad labels, bad pixel size)
   */
  public Computed predictMap(int[] map, int width, int height, double pixelUm, String name)
      throws IOException {
    String n = name == null || name.isEmpty() ? DEFAULT_MODELS.get(FRACTURE_STRAIN) : name;
    Path dir;
    try {
      dir = zoo.resolve(n, "property-regression").folder();
    } catch (IllegalArgumentException e) {
      // without the server's folder names
      throw new IllegalArgumentException("no shipped fracture-strain model '" + n + "' (default: "
          + DEFAULT_MODELS.get(FRACTURE_STRAIN) + ")");
    }
    try {
      verifySums(dir);
    } catch (IOException e) {
      throw new IllegalArgumentException("model " + n + " cannot be used: " + e.getMessage());
    }
    return compute(dir, n, map, width, height, pixelUm);
  }

  private static Computed compute(Path dir, String name, int[] bin, int w, int h, double px)
      throws IOException {
    String version = name + "@" + ImageModelTraining.sha(dir.resolve("cnn-0000.params")).substring(0, 12);
    try (TiledFractureStrain model = TiledFractureStrain.load(dir)) {
      TiledFractureStrain.Result res = model.predict(bin, w, h, px);
      int side = model.side();
      StrainExplainer ex = model.explainer();
      StrainExplainer.Explanation e = ex == null ? null : ex.explain(res.tiles().cells(), side);
      PhaseMapTiles.Tiles t = res.tiles();
      int mw = t.tilesX() * side;
      int mh = t.tilesY() * side;
      int[] mosaic = t.mosaic();
      float[] mf = new float[mosaic.length];
      for (int i = 0; i < mf.length; i++) {
        mf[i] = mosaic[i];
      }
      int scale = Math.max(1, Math.min(8, 512 / Math.max(mw, mh)));
      byte[] overlay = CriticalRegions.png(CriticalRegions.overlay(mf, mw, mh, res.effect(),
          TiledFractureStrain.BLOCK, scale, 0, side,
          TiledFractureStrain.describe(res, model.pixelUm(), side),
          "red: martensite here lowers the strain (occlusion; full colour %.3f); lines: cells"));
      return new Computed(version, model.pixelUm(), side, model.modelRmse(),
          model.trainingFractionRange(), px, res, e, ex, overlay);
    }
  }

  private static PropertyPrediction unavailable(String reason) {
    return PropertyPrediction.unavailable(FRACTURE_STRAIN, "1", reason);
  }

  private PropertyPrediction stored(PhaseMapPredictionRequest r, Context ctx, long t0, Path dir,
      Computed c, double otherShare) throws IOException {
    TiledFractureStrain.Result res = c.result();
    int side = c.side();
    double px = c.mapPixelUm();
    String version = c.modelVersion();
    String name = dir.getFileName().toString();
    ArtifactRef modelRef = store.putFile(dir.resolve("cnn-0000.params"), "application/vnd.alloyflow.djl-params");
    JsonNode rep = JSON.readTree(dir.resolve("report.json").toFile());
    String card = Files.readString(dir.resolve("MODEL_CARD.md")).lines().findFirst().orElse("")
        .replaceFirst("^#\\s*", "");
    Map<String, Double> shap = new LinkedHashMap<>();
    double base = Double.NaN;
    ArtifactRef waterfall = null;
    StrainExplainer ex = c.explainer();
    StrainExplainer.Explanation e = c.explanation();
    if (e != null) {
      for (int j = 0; j < e.players().size(); j++) {
        shap.put(e.players().get(j), e.values()[j]);
      }
      base = e.base();
      // drawn in percent strain: the plot prints one decimal
      double[] pct = new double[e.values().length];
      for (int j = 0; j < pct.length; j++) {
        pct[j] = 100 * e.values()[j];
      }
      waterfall = store.put(ShapPlots.waterfall(e.players(), 100 * e.base(), pct,
          100 * e.surrogateMean(), "% strain", String.format(Locale.ROOT,
              "fracture strain (%%), surrogate of %s (fidelity R2 %.2f vs CNN)", name,
              ex.fidelityR2())), "image/png");
    }
    PhaseMapTiles.Tiles t = res.tiles();
    ArtifactRef overlay = store.put(c.overlayPng(), "image/png");
    String method = String.format(Locale.ROOT, "direct 2D CNN %s on %d x %d px cells at %.3g um/px"
        + " (the phase map resampled from %.3g um/px, area-weighted and fraction-preserving, %d x %d"
        + " cells); mean over cells; uncertainty = held-out RMSE of one cell (model, %.3f) and the"
        + " spread of the cells / sqrt(n) (sampling, %.3f): a single network, no ensemble; trained on"
        + " synthetic phase maps labelled by an FFT J2-plasticity + Rice-Tracey damage solver, not on"
        + " experiments%s", version, side, side, c.modelPixelUm(), px, t.tilesX(), t.tilesY(),
        res.modelStd(), res.samplingStd(), ex == null ? ""
            : String.format(Locale.ROOT, "; SHAP through a ridge surrogate on image features"
                + " (fidelity R2 %.3f vs the CNN)", ex.fidelityR2()));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("property", FRACTURE_STRAIN);
    doc.put("unit", "1");
    doc.put("mean", res.mean());
    doc.put("std", res.std());
    doc.put("modelStd", res.modelStd());
    doc.put("samplingStd", res.samplingStd());
    doc.put("lo95", res.lo95());
    doc.put("hi95", res.hi95());
    doc.put("cellSd", res.tileSd());
    doc.put("weakestCell", res.weakest());
    doc.put("uncertaintySource", "held-out RMSE of the single CNN per cell + spread of cells; no ensemble");
    doc.put("modelVersion", version);
    doc.put("model", modelRef.uri());
    doc.put("modelCard", card);
    doc.put("trainingData", "sha256:" + rep.path("datasetProvenanceSha256").asText());
    doc.put("method", method);
    Map<String, Object> scale2 = new LinkedHashMap<>();
    scale2.put("mapPixelUm", px);
    scale2.put("modelPixelUm", c.modelPixelUm());
    scale2.put("resampledWidth", res.resampled().width());
    scale2.put("resampledHeight", res.resampled().height());
    scale2.put("cellSidePx", side);
    scale2.put("cellsX", t.tilesX());
    scale2.put("cellsY", t.tilesY());
    scale2.put("uncoveredFraction", t.uncoveredFraction());
    scale2.put("martensiteFractionSource", res.resampled().sourceFraction());
    scale2.put("martensiteFractionResampled", res.resampled().fraction());
    scale2.put("otherPhasesShare", otherShare);
    doc.put("scale", scale2);
    doc.put("cellPredictions", res.cellPredictions());
    doc.put("cellMartensiteFractions", res.cellFractions());
    doc.put("cellsOutsideTrainingFractionRange", res.outsideTraining());
    doc.put("trainingFractionRange", c.trainingFractionRange());
    if (e != null) {
      doc.put("shapBase", base);
      doc.put("shap", shap);
      doc.put("shapSurrogateMean", e.surrogateMean());
      doc.put("shapMaxAdditivityError", e.maxAdditivityError());
      doc.put("shapMethod", "exact interventional SHAP of a ridge surrogate, mean over cells");
      doc.put("surrogateFidelityR2", ex.fidelityR2());
      doc.put("surrogateFidelityMae", ex.fidelityMae());
    }
    ArtifactRef docRef = store.put(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc), "application/json");
    Map<String, String> p = new LinkedHashMap<>();
    p.put("property", FRACTURE_STRAIN);
    p.put("modelVersion", version);
    p.put("mapPixelUm", String.valueOf(px));
    p.put("modelPixelUm", String.valueOf(c.modelPixelUm()));
    p.put("cellSidePx", String.valueOf(side));
    p.put("aggregation", "mean over cells");
    AlgorithmInfo algo = new AlgorithmInfo("tiled-cnn-fracture-strain", version,
        "Noguchi et al. 2022 (image-based fracture strain of DP steel); Moulinec and Suquet 1998 (labels);"
            + " Zeiler and Fergus, ECCV 2014 (occlusion); Lundberg and Lee, NeurIPS 2017 (SHAP)", p);
    Map<String, Double> summary = new LinkedHashMap<>();
    summary.put("mean", res.mean());
    summary.put("std", res.std());
    summary.put("modelStd", res.modelStd());
    summary.put("inputStd", res.samplingStd());
    summary.put("fractureStrain", res.mean());
    summary.put("weakestCell", res.weakest());
    summary.put("cells", (double) res.cellPredictions().length);
    List<ArtifactUse> used = new ArrayList<>();
    used.add(new ArtifactUse("phaseMap", "PhaseMap", r.phaseMap()));
    if (r.featureSet() != null) {
      used.add(new ArtifactUse("featureSet", "FeatureSet", r.featureSet()));
    }
    used.add(new ArtifactUse("model", "Model", modelRef));
    List<ArtifactUse> gen = new ArrayList<>();
    gen.add(new ArtifactUse("prediction", "Prediction", docRef));
    gen.add(new ArtifactUse(OVERLAY_ROLE, "Explanation", overlay));
    if (waterfall != null) {
      gen.add(new ArtifactUse("explanation", "Explanation", waterfall));
    }
    ActivityRecord rec = new ActivityRecord(STEP, "prediction", algo, used, gen, summary,
        ActivityRecord.currentEnvironment(), 0, t0, System.currentTimeMillis() - t0,
        ctx.workflowId(), ctx.runId(), ctx.attempt());
    return new PropertyPrediction(FRACTURE_STRAIN, "1", res.mean(), res.std(), res.modelStd(),
        res.samplingStd(), res.lo95(), res.hi95(), version, method, shap, base, docRef, waterfall,
        rec, trainingRecord(rep, version, modelRef, dir), "");
  }

  /** The model's training activity: used the dataset (by its provenance SHA-256), generated the model. */
  static ActivityRecord trainingRecord(JsonNode rep, String version, ArtifactRef modelRef, Path dir) {
    ArtifactRef data = new ArtifactRef(rep.path("datasetProvenanceSha256").asText(), "application/json", 0);
    Map<String, String> params = new LinkedHashMap<>();
    if (rep.path("sizes").isObject()) {
      JSON.convertValue(rep.path("sizes"), Map.class).forEach((k, v) -> params.put(String.valueOf(k), String.valueOf(v)));
    }
    params.put("dataset", Path.of(rep.path("dataset").asText("")).getFileName() == null ? ""
        : Path.of(rep.path("dataset").asText("")).getFileName().toString());
    params.put("modelFolder", dir.getFileName().toString());
    Map<String, Double> summary = new LinkedHashMap<>();
    for (JsonNode s : rep.path("scores")) {
      if (s.path("model").asText().equals(TiledFractureStrain.CNN_SCORE)) {
        summary.put("heldOutR2", s.path("r2").asDouble());
        summary.put("heldOutMae", s.path("mae").asDouble());
        summary.put("heldOutRmse", s.path("rmse").asDouble());
      }
    }
    AlgorithmInfo algo = new AlgorithmInfo("direct-cnn-train", version,
        "alloyflow ImageModelTraining (ConvRegressor, Adam, periodic-shift and mirror augmentation)", params);
    return new ActivityRecord("model-training", "prediction", algo,
        List.of(new ArtifactUse("trainingData", "TrainingData", data)),
        List.of(new ArtifactUse("model", "Model", modelRef)), summary, Map.of(),
        rep.path("sizes").path("seed").asLong(), 0, 0, "model/" + version, "", 1);
  }

  /** Checks every file named in the folder's SHA256SUMS. */
  static void verifySums(Path dir) throws IOException {
    Path sums = dir.resolve("SHA256SUMS");
    if (!Files.isRegularFile(sums)) {
      throw new IOException("SHA256SUMS is missing in " + dir);
    }
    for (String line : Files.readAllLines(sums)) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.trim().split("\\s+", 2);
      Path f = dir.resolve(parts[1]).normalize();
      if (!f.startsWith(dir.normalize()) || !Files.isRegularFile(f)) {
        throw new IOException("file " + parts[1] + " named in SHA256SUMS is missing");
      }
      String sha = ImageModelTraining.sha(f);
      if (!sha.equals(parts[0])) {
        throw new IOException(parts[1] + ": SHA-256 " + sha + " does not match SHA256SUMS ("
            + parts[0] + "); the file was changed");
      }
    }
  }
}
