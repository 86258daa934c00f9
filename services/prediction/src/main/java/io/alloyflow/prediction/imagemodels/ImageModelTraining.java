package io.alloyflow.prediction.imagemodels;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.prediction.micromech.MicromechDatasets;
import io.alloyflow.prediction.model.BatchModel;
import io.alloyflow.prediction.model.FlatBatchModel;
import io.alloyflow.prediction.shap.Background;
import io.alloyflow.prediction.shap.ExactShap;
import io.alloyflow.prediction.shap.ShapPlots;
import io.alloyflow.prediction.shap.ShapValues;
import io.alloyflow.prediction.model.TribuoBaselines;
import io.alloyflow.prediction.volume.VolumeFeatures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains and compares the image and volume models on one seeded held-out split: the direct CNN
 * (2D on phase maps for the fracture strain, 3D on volumes for a volume property), ridge
 * regression and Tribuo XGBoost on the engineered features. Writes the CNN (the model a later
 * {@code predict} uses), the ridge coefficients, the held-out table ({@code REPORT.md},
 * {@code report.json}), SHAP importances of the feature model over interpretable feature groups
 * ({@code shap_importance.png}) and a model card.
 */
public final class ImageModelTraining {

  /**
   * Training sizes.
   *
   * @param epochs CNN epochs
   * @param width CNN first-block filters
   * @param batch batch size
   * @param learningRate Adam learning rate
   * @param testFraction held-out fraction
   * @param seed split and training seed
   * @param augment CNN training on periodic shifts and mirror images
   */
  public record Sizes(
      int epochs, int width, int batch, double learningRate, double testFraction, long seed,
      boolean augment) {}

  /** Maps drawn to fit the SHAP surrogate of a 2D model ({@link StrainExplainer}). */
  public static final int EXPLAINER_MAPS = 2000;

  private ImageModelTraining() {}

  /** Fracture strain from DP phase maps. */
  public static List<HeldOut.Score> fractureStrain(Path data, Path out, Sizes s)
      throws IOException {
    MicromechDatasets.DpDataset ds = MicromechDatasets.readFracture(data);
    int n = ds.maps().size();
    double[][] feats = new double[n][];
    float[][] img = new float[n][];
    for (int i = 0; i < n; i++) {
      feats[i] = ImageFeatures.of(ds.maps().get(i), ds.size());
      img[i] = ImageFeatures.cnnInput(ds.maps().get(i));
    }
    return run("fracture-strain", "1", data, out, feats, ImageFeatures.NAMES, img,
        ds.fractureStrain(), 2, 1, ds.size(), s);
  }

  /** A volume property ({@code young} in GPa or {@code yield} in MPa) from grain volumes. */
  public static List<HeldOut.Score> volumeProperty(Path data, String property, Path out, Sizes s)
      throws IOException {
    return volumeProperty(data, property, out, s, 4);
  }

  /**
   * A volume property with a CNN input of {@code channels} channels (4, or {@link
   * VolumeFeatures#RICH_CHANNELS} with per-voxel Schmid factor and stiffness invariant).
   */
  public static List<HeldOut.Score> volumeProperty(Path data, String property, Path out, Sizes s,
      int channels) throws IOException {
    MicromechDatasets.VolumeDataset ds = MicromechDatasets.readVolumes(data);
    double[] y = switch (property) {
      case "young" -> ds.youngGpa();
      case "yield" -> ds.yieldMpa();
      case "plastic" -> ds.plasticFraction();
      case "hotspot" -> ds.hotSpotFraction();
      default -> throw new IllegalArgumentException("volume property must be 'young' (GPa), 'yield'"
          + " (MPa), 'plastic' (plastic volume fraction) or 'hotspot' (stress hot-spot volume"
          + " fraction), found '" + property + "'");
    };
    if (Double.isNaN(y[0])) {
      throw new IllegalArgumentException(data + " was made before the '" + property + "' label"
          + " existed (no such column in labels.csv): regenerate it");
    }
    int n = ds.volumes().size();
    double[][] feats = new double[n][];
    float[][] vol = new float[n][];
    for (int i = 0; i < n; i++) {
      var v = ds.volumes().get(i);
      feats[i] = VolumeFeatures.of(ds.size(), v.grainId(), v.orientation());
      vol[i] = VolumeFeatures.cnnInput(ds.size(), v.grainId(), v.orientation(), channels);
    }
    String unit = switch (property) {
      case "young" -> "GPa";
      case "yield" -> "MPa";
      default -> "1";
    };
    return run("volume-" + property, unit, data, out, feats,
        VolumeFeatures.NAMES, vol, y, 3, channels, ds.size(), s);
  }

  private static List<HeldOut.Score> run(
      String name, String unit, Path data, Path out, double[][] feats, List<String> featNames,
      float[][] x, double[] y, int dims, int channels, int side, Sizes s) throws IOException {
    int[][] sp = HeldOut.split(y.length, s.testFraction(), s.seed());
    int[] tr = sp[0];
    int[] te = sp[1];
    double[] ytr = HeldOut.pick(y, tr);
    double[] yte = HeldOut.pick(y, te);
    double[][] ftr = rows(feats, tr);
    double[][] fte = rows(feats, te);
    List<HeldOut.Score> scores = new ArrayList<>();
    long t0 = System.nanoTime();
    Ridge ridge = Ridge.fit(ftr, ytr);
    double[] pr = new double[te.length];
    for (int k = 0; k < te.length; k++) {
      pr[k] = ridge.predict(fte[k]);
    }
    scores.add(HeldOut.score("ridge (features)", yte, pr, (System.nanoTime() - t0) / 1e9));
    t0 = System.nanoTime();
    BatchModel xgb = TribuoBaselines.fit("tribuo-xgboost", ftr, ytr, featNames, s.seed());
    double[] px = xgb.predict(fte);
    scores.add(HeldOut.score("XGBoost (features)", yte, px, (System.nanoTime() - t0) / 1e9));
    Files.createDirectories(out);
    Map<String, Double> shap = explain(xgb, ftr, fte, featNames, dims == 2 ? IMAGE_PLAYERS
        : VOLUME_PLAYERS, name, unit, out, s.seed());
    t0 = System.nanoTime();
    ConvRegressor.Config cfg = new ConvRegressor.Config(dims, channels, side, s.width(),
        s.epochs(), s.batch(), s.learningRate(), s.seed(), s.augment());
    float[][] xtr = new float[tr.length][];
    float[][] xte = new float[te.length][];
    for (int k = 0; k < tr.length; k++) {
      xtr[k] = x[tr[k]];
    }
    for (int k = 0; k < te.length; k++) {
      xte[k] = x[te[k]];
    }
    double[] pc;
    StrainExplainer explainer = null;
    try (ConvRegressor cnn = ConvRegressor.train(xtr, ytr, cfg)) {
      pc = cnn.predict(xte);
      scores.add(HeldOut.score(dims + "D CNN (direct)", yte, pc, (System.nanoTime() - t0) / 1e9));
      cnn.save(out);
      if (dims == 2) {
        explainer = StrainExplainer.fit(cnn::predict, side, EXPLAINER_MAPS, s.seed() + 7);
        explainer.save(out);
      }
    }
    String table = HeldOut.table(name, unit, scores, tr.length, te.length);
    Files.writeString(out.resolve("REPORT.md"), table);
    Map<String, Object> rep = new LinkedHashMap<>();
    rep.put("property", name);
    rep.put("unit", unit);
    rep.put("dataset", data.toAbsolutePath().toString());
    rep.put("datasetProvenanceSha256", sha(data.resolve("provenance.json")));
    rep.put("split", Map.of("train", tr.length, "test", te.length, "seed", s.seed()));
    rep.put("sizes", s);
    rep.put("features", featNames);
    rep.put("ridge", ridge);
    rep.put("scores", scores);
    rep.put("xgboostShapMeanAbs", shap);
    if (explainer != null) {
      rep.put("surrogateFidelityR2", explainer.fidelityR2());
      rep.put("surrogateFidelityMae", explainer.fidelityMae());
    }
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(
        out.resolve("report.json").toFile(), rep);
    Map<String, Object> kind = new LinkedHashMap<>();
    kind.put("property", name);
    kind.put("unit", unit);
    kind.put("input", dims == 2 ? "phase map " + side + "x" + side + " (0 ferrite, 1 martensite)"
        : "grain volume " + side + "^3 (grain-volume-properties dataset)");
    kind.put("dims", dims);
    kind.put("side", side);
    if (dims == 2) {
      // the scale the labels are meant at, and the martensite fractions the model has seen
      kind.put("method", "cnn");
      kind.put("pixelSizeUm", io.alloyflow.synthetic.micromech.DpPhaseMaps.NOMINAL_PIXEL_UM);
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double[] f : ftr) {
        lo = Math.min(lo, f[0]);
        hi = Math.max(hi, f[0]);
      }
      kind.put("trainingFractionRange", List.of(lo, hi));
    }
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(
        out.resolve("image-model.json").toFile(), kind);
    Files.writeString(out.resolve("MODEL_CARD.md"), "# " + name + " model (direct " + dims
        + "D CNN)\n\n"
        + "Input: " + kind.get("input") + ". Output: " + name + " (" + unit + ").\n\n"
        + "Trained on the synthetic dataset " + data.getFileName() + " (provenance.json SHA-256 "
        + rep.get("datasetProvenanceSha256") + "): labels from alloyflow's FFT micromechanics "
        + "solver, not from experiments; valid only for microstructures like the generator's.\n\n"
        + "Settings: " + s + ".\n\n" + table
        + (explainer == null ? "" : explainerCard(explainer)));
    StringBuilder sums = new StringBuilder();
    try (var files = Files.list(out)) {
      for (Path f : files.sorted().toList()) {
        if (Files.isRegularFile(f) && !f.getFileName().toString().equals("SHA256SUMS")) {
          sums.append(sha(f)).append("  ").append(f.getFileName()).append('\n');
        }
      }
    }
    Files.writeString(out.resolve("SHA256SUMS"), sums.toString());
    return scores;
  }

  /** The model card's paragraph on scale and explanations of a 2D model. */
  public static String explainerCard(StrainExplainer e) {
    return String.format(java.util.Locale.ROOT, "%n## Scale and explanations%n%n"
        + "Cells are %.3g um per pixel (image-model.json `pixelSizeUm`, DpPhaseMaps.NOMINAL_PIXEL_UM:"
        + " 1-4 um islands, 5 um damage window = ferrite grain size of the flow curve); an analysis'"
        + " phase map is resampled to it and tiled (TiledFractureStrain). SHAP explanations go through"
        + " a ridge surrogate on image features and their squares (`%s`; every feature but the"
        + " martensite fraction as its residual from a quadratic fit on the fraction), fitted to the CNN's"
        + " predictions on %d generator maps (seed %d): fidelity against the CNN on the held-out"
        + " quarter R2 %.3f, MAE %.4f.%n", io.alloyflow.synthetic.micromech.DpPhaseMaps.NOMINAL_PIXEL_UM,
        StrainExplainer.FILE, e.maps(), e.seed(), e.fidelityR2(), e.fidelityMae());
  }

  /** SHAP players (feature-name prefixes) of the image features. */
  static final List<List<String>> IMAGE_PLAYERS = List.of(
      List.of("martensite_fraction"), List.of("interface_density"),
      List.of("martensite_chord_x", "martensite_chord_y"),
      List.of("ferrite_chord_x", "ferrite_chord_y"),
      List.of("island_count_per_kpx", "mean_island_area"), List.of("banding_index"),
      List.of("s2_x"), List.of("s2_y"), List.of("local_fraction"));

  /** SHAP players of the volume features. */
  static final List<List<String>> VOLUME_PLAYERS = List.of(
      List.of("grain_count", "mean_grain_diameter_vox"), List.of("grain_size_bin"),
      List.of("gamma_mean"), List.of("gamma_bin"), List.of("schmid_bin"), List.of("gamma_s2"));

  /**
   * Exact interventional Shapley values of the XGBoost feature model over interpretable feature
   * groups (Prediction I's {@link ExactShap}) for up to 64 held-out rows against 8 medoids of the
   * training rows; writes {@code shap_importance.png} and returns the mean |SHAP| per group.
   */
  static Map<String, Double> explain(
      BatchModel model, double[][] train, double[][] test, List<String> featNames,
      List<List<String>> groups, String name, String unit, Path out, long seed) throws IOException {
    int[][] players = new int[groups.size()][];
    List<String> pnames = new ArrayList<>();
    boolean[] used = new boolean[featNames.size()];
    for (int g = 0; g < groups.size(); g++) {
      List<Integer> cols = new ArrayList<>();
      for (int c = 0; c < featNames.size(); c++) {
        for (String pre : groups.get(g)) {
          if (featNames.get(c).startsWith(pre) && !used[c]) {
            cols.add(c);
            used[c] = true;
          }
        }
      }
      players[g] = cols.stream().mapToInt(Integer::intValue).toArray();
      pnames.add(String.join("+", groups.get(g)));
    }
    for (int c = 0; c < used.length; c++) {
      if (!used[c]) {
        throw new IllegalStateException("feature " + featNames.get(c) + " belongs to no SHAP player");
      }
    }
    Background bg = Background.summarise(train, 8, seed);
    double[][] rows = java.util.Arrays.copyOf(test, Math.min(64, test.length));
    ShapValues sv = ExactShap.explain(FlatBatchModel.of(model), rows, bg.rows(), bg.weights(),
        players, pnames);
    double[] ma = sv.meanAbs();
    Files.write(out.resolve("shap_importance.png"),
        ShapPlots.importance(pnames, ma, unit, name + ": mean |SHAP| of XGBoost on features"));
    Map<String, Double> m = new LinkedHashMap<>();
    for (int g = 0; g < ma.length; g++) {
      m.put(pnames.get(g), ma[g]);
    }
    return m;
  }

  /** Hex SHA-256 of a file. */
  public static String sha(Path p) throws IOException {
    try {
      return java.util.HexFormat.of().formatHex(
          java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double[][] rows(double[][] a, int[] idx) {
    double[][] out = new double[idx.length][];
    for (int k = 0; k < idx.length; k++) {
      out[k] = a[idx[k]];
    }
    return out;
  }
}
