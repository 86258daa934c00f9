package io.alloyflow.prediction.volume;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.prediction.imagemodels.HeldOut;
import io.alloyflow.prediction.imagemodels.ImageModelTraining;
import io.alloyflow.prediction.imagemodels.Ridge;
import io.alloyflow.prediction.micromech.MicromechDatasets;
import io.alloyflow.prediction.model.BatchModel;
import io.alloyflow.prediction.model.TribuoBaselines;
import io.alloyflow.prediction.vqvae.VqStrainTraining;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

/**
 * The validated comparison of the symmetric 3D CNN ensemble ({@link VolumeEnsemble}) with ridge
 * regression and XGBoost on the engineered features ({@link VolumeFeatures#of}), on one seeded
 * split: the held-out test volumes (the same 80/20 split as {@code ImageModelTraining}) are
 * touched once per final model; every choice is made on a validation part carved from the
 * training volumes. XGBoost's settings (depth, learning rate, trees, minimum child weight) are
 * chosen on that validation part from a grid and the chosen setting is refitted on all training
 * volumes; ridge chooses its penalty by 5-fold cross-validation on the training volumes. The CNN
 * members are trained on the same training volumes with settings fixed beforehand; the
 * validation part scores them first when they are trained on the rest of the training volumes
 * ({@code refit=false}), or scores a first member trained that way before the final members are
 * trained on all training volumes ({@code refit=true}).
 */
public final class VolumeStudy {

  /**
   * Settings.
   *
   * @param property volume label: hotspot, plastic, young or yield
   * @param testFraction held-out fraction (outer split)
   * @param validationFraction part of the training volumes held out for choices
   * @param seed split seed (the validation split uses seed + 1)
   * @param members CNN ensemble members (seeds seed, seed + 1, ...)
   * @param refit train the final CNN members on all training volumes (else on the fit part)
   * @param cnn CNN settings of member 0 (channels, side and seed are filled in)
   * @param xgbGrid XGBoost settings to choose from (empty: the grid of {@link #defaultGrid})
   */
  public record Settings(
      String property, double testFraction, double validationFraction, long seed, int members,
      boolean refit, VolumeCnn.Config cnn, List<XgbSetting> xgbGrid) {

    public Settings {
      if (!(testFraction > 0 && testFraction < 0.9) || !(validationFraction > 0
          && validationFraction < 0.9)) {
        throw new IllegalArgumentException("test and validation fractions must be in (0, 0.9), found "
            + testFraction + " and " + validationFraction);
      }
      if (members < 1) {
        throw new IllegalArgumentException("the ensemble needs >= 1 member, found " + members);
      }
      xgbGrid = xgbGrid == null || xgbGrid.isEmpty() ? defaultGrid() : List.copyOf(xgbGrid);
    }
  }

  /**
   * One XGBoost setting (squared error, subsample 0.8, column subsample 0.8, L2 1).
   *
   * @param trees boosting rounds
   * @param eta learning rate
   * @param depth maximum tree depth
   * @param minChildWeight minimum child weight
   */
  public record XgbSetting(int trees, double eta, int depth, double minChildWeight) {

    public XgbSetting {
      if (trees < 1 || !(eta > 0 && eta <= 1) || depth < 1 || !(minChildWeight >= 0)) {
        throw new IllegalArgumentException("bad XGBoost setting: trees=" + trees + " eta=" + eta
            + " depth=" + depth + " minChildWeight=" + minChildWeight);
      }
    }

    XGBoostRegressionTrainer trainer(long seed) {
      return new XGBoostRegressionTrainer(XGBoostRegressionTrainer.RegressionType.LINEAR, trees,
          eta, 0.0, depth, minChildWeight, 0.8, 0.8, 1.0, 0.0, 2, true, seed);
    }
  }

  /**
   * The XGBoost grid: the earlier fixed baseline (400 trees, eta 0.05, depth 5) and depth 3, 5, 7
   * x eta 0.03, 0.1 x 300, 1000 trees x minimum child weight 1, 5.
   */
  public static List<XgbSetting> defaultGrid() {
    List<XgbSetting> g = new ArrayList<>(List.of(new XgbSetting(400, 0.05, 5, 1)));
    for (int depth : new int[] {3, 5, 7}) {
      for (double eta : new double[] {0.03, 0.1}) {
        for (int trees : new int[] {300, 1000}) {
          for (double mcw : new double[] {1, 5}) {
            g.add(new XgbSetting(trees, eta, depth, mcw));
          }
        }
      }
    }
    return g;
  }

  /**
   * Outcome.
   *
   * @param validation validation scores (XGBoost grid, CNN variants)
   * @param test held-out scores of the final models
   * @param chosenXgb the XGBoost setting chosen on the validation part
   */
  public record Outcome(List<HeldOut.Score> validation, List<HeldOut.Score> test,
      XgbSetting chosenXgb) {}

  private VolumeStudy() {}

  /** The label column of a dataset. */
  public static double[] label(MicromechDatasets.VolumeDataset ds, String property) {
    double[] y = switch (property) {
      case "young" -> ds.youngGpa();
      case "yield" -> ds.yieldMpa();
      case "plastic" -> ds.plasticFraction();
      case "hotspot" -> ds.hotSpotFraction();
      default -> throw new IllegalArgumentException("volume property must be 'young' (GPa),"
          + " 'yield' (MPa), 'plastic' (plastic volume fraction) or 'hotspot' (stress hot-spot"
          + " volume fraction), found '" + property + "'");
    };
    if (y.length == 0 || Double.isNaN(y[0])) {
      throw new IllegalArgumentException("the dataset has no '" + property + "' labels (made before"
          + " the label existed): regenerate it");
    }
    return y;
  }

  /** Unit of a volume property. */
  public static String unit(String property) {
    return switch (property) {
      case "young" -> "GPa";
      case "yield" -> "MPa";
      default -> "1";
    };
  }

  /**
   * Runs the study on a dataset directory and writes the ensemble (the model {@code predict
   * volume-property} uses), {@code REPORT.md}, {@code report.json}, {@code predictions.csv} (per
   * held-out volume: dataset index, label, every final model's prediction), {@code
   * image-model.json}, {@code MODEL_CARD.md} and {@code SHA256SUMS} to {@code out}.
   */
  public static Outcome run(Path data, Path out, Settings s, Consumer<String> log)
      throws IOException {
    MicromechDatasets.VolumeDataset ds = MicromechDatasets.readVolumes(data);
    double[] y = label(ds, s.property());
    int n = y.length;
    int side = ds.size();
    double[][] feats = new double[n][];
    float[][] x = new float[n][];
    for (int i = 0; i < n; i++) {
      var v = ds.volumes().get(i);
      feats[i] = VolumeFeatures.of(side, v.grainId(), v.orientation());
      x[i] = VolumeFeatures.symmetricInput(side, v.grainId(), v.orientation());
    }
    int[][] outer = HeldOut.split(n, s.testFraction(), s.seed());
    int[] tr = outer[0];
    int[] te = outer[1];
    int[][] inner = HeldOut.split(tr.length, s.validationFraction(), s.seed() + 1);
    int[] fit = compose(tr, inner[0]);
    int[] val = compose(tr, inner[1]);
    log.accept(String.format(Locale.ROOT, "%d volumes: %d train (%d fit + %d validation), %d test",
        n, tr.length, fit.length, val.length, te.length));
    List<String> names = VolumeFeatures.NAMES;
    List<HeldOut.Score> vScores = new ArrayList<>();
    List<HeldOut.Score> tScores = new ArrayList<>();
    Map<String, double[]> testPred = new LinkedHashMap<>();

    // ridge: penalty by 5-fold CV on the training volumes
    long t0 = System.nanoTime();
    Ridge ridge = Ridge.fit(rows(feats, tr), pick(y, tr));
    double[] pr = new double[te.length];
    for (int k = 0; k < te.length; k++) {
      pr[k] = ridge.predict(feats[te[k]]);
    }
    tScores.add(HeldOut.score("ridge (features, CV penalty)", pick(y, te), pr, secs(t0)));
    testPred.put("ridge", pr);

    // XGBoost: setting chosen on the validation part, refitted on all training volumes
    XgbSetting best = null;
    double bestMse = Double.POSITIVE_INFINITY;
    for (XgbSetting g : s.xgbGrid()) {
      t0 = System.nanoTime();
      BatchModel m = TribuoBaselines.fit(g.trainer(s.seed()), rows(feats, fit), pick(y, fit), names);
      HeldOut.Score sc = HeldOut.score("XGBoost " + g, pick(y, val), m.predict(rows(feats, val)),
          secs(t0));
      vScores.add(sc);
      log.accept(String.format(Locale.ROOT, "validation %s: R2 %.4f MAE %.5f", sc.model(), sc.r2(),
          sc.mae()));
      if (sc.rmse() * sc.rmse() < bestMse) {
        bestMse = sc.rmse() * sc.rmse();
        best = g;
      }
    }
    t0 = System.nanoTime();
    BatchModel xgb = TribuoBaselines.fit(best.trainer(s.seed()), rows(feats, tr), pick(y, tr),
        names);
    double[] px = xgb.predict(rows(feats, te));
    tScores.add(HeldOut.score("XGBoost (features, tuned: " + best + ")", pick(y, te), px,
        secs(t0)));
    testPred.put("xgboost", px);

    // CNN members
    VolumeCnn.Config base = new VolumeCnn.Config(VolumeFeatures.SYMMETRIC_CHANNELS, side,
        s.cnn().width(), s.cnn().epochs(), s.cnn().batchSize(), s.cnn().learningRate(), s.seed());
    int[] cnnTrain = s.refit() ? tr : fit;
    List<VolumeCnn> members = new ArrayList<>();
    double cnnSeconds = 0;
    try {
      if (s.refit()) {
        t0 = System.nanoTime();
        try (VolumeCnn probe = trainMember(x, y, fit, base, 0, log)) {
          scoreVariants("member 0 on fit part", probe, x, y, val, vScores, log, secs(t0));
        }
      }
      for (int k = 0; k < s.members(); k++) {
        t0 = System.nanoTime();
        VolumeCnn m = trainMember(x, y, cnnTrain, base, k, log);
        members.add(m);
        cnnSeconds += secs(t0);
        if (!s.refit()) {
          scoreVariants("member " + k, m, x, y, val, vScores, log, 0);
        }
      }
      float[][] xte = rows(x, te);
      float[][] xval = rows(x, val);
      try (VolumeEnsemble ens = new VolumeEnsemble(members)) {
        if (!s.refit() && members.size() > 1) {
          double[][] ev = ens.predict(xval, true);
          vScores.add(HeldOut.score("3D CNN ensemble of " + members.size() + " + TTA",
              pick(y, val), ev[0], 0));
        }
        double[] single = members.get(0).predict(xte, false);
        double[] singleTta = members.get(0).predict(xte, true);
        double[][] ensTta = ens.predict(xte, true);
        tScores.add(HeldOut.score("3D CNN single (member 0, no TTA)", pick(y, te), single,
            cnnSeconds / members.size()));
        tScores.add(HeldOut.score("3D CNN single + TTA (16 symmetry maps)", pick(y, te),
            singleTta, cnnSeconds / members.size()));
        tScores.add(HeldOut.score("3D CNN ensemble of " + members.size() + " + TTA", pick(y, te),
            ensTta[0], cnnSeconds));
        testPred.put("cnn_single", single);
        testPred.put("cnn_single_tta", singleTta);
        testPred.put("cnn_ensemble_tta", ensTta[0]);
        testPred.put("cnn_ensemble_sd", ensTta[1]);
        write(data, out, s, ens, ds, y, tr, fit, val, te, vScores, tScores, testPred, best,
            ridge);
      }
    } finally {
      members.forEach(VolumeCnn::close);
    }
    return new Outcome(vScores, tScores, best);
  }

  private static VolumeCnn trainMember(float[][] x, double[] y, int[] idx, VolumeCnn.Config base,
      int k, Consumer<String> log) {
    VolumeCnn.Config c = new VolumeCnn.Config(base.channels(), base.side(), base.width(),
        base.epochs(), base.batchSize(), base.learningRate(), base.seed() + k);
    long t0 = System.nanoTime();
    VolumeCnn m = VolumeCnn.train(rows(x, idx), pick(y, idx), c, (e, l) -> {
      if (e % 5 == 0 || e == c.epochs()) {
        log.accept(String.format(Locale.ROOT, "member %d epoch %d loss %.4f (%.0f s)", k, e, l,
            secs(t0)));
      }
    });
    return m;
  }

  private static void scoreVariants(String name, VolumeCnn m, float[][] x, double[] y, int[] val,
      List<HeldOut.Score> scores, Consumer<String> log, double seconds) {
    float[][] xv = rows(x, val);
    double[] yv = pick(y, val);
    for (boolean tta : new boolean[] {false, true}) {
      HeldOut.Score sc = HeldOut.score("3D CNN " + name + (tta ? " + TTA" : ""), yv,
          m.predict(xv, tta), seconds);
      scores.add(sc);
      log.accept(String.format(Locale.ROOT, "validation %s: R2 %.4f MAE %.5f", sc.model(), sc.r2(),
          sc.mae()));
    }
  }

  private static void write(Path data, Path out, Settings s, VolumeEnsemble ens,
      MicromechDatasets.VolumeDataset ds, double[] y, int[] tr, int[] fit, int[] val, int[] te,
      List<HeldOut.Score> vScores, List<HeldOut.Score> tScores, Map<String, double[]> testPred,
      XgbSetting best, Ridge ridge) throws IOException {
    Files.createDirectories(out);
    ens.save(out);
    String name = "volume-" + s.property();
    String unit = unit(s.property());
    String vTable = HeldOut.table(name + ": validation (choices)", unit, vScores, fit.length,
        val.length);
    String tTable = HeldOut.table(name + ": held-out test (final models, touched once)", unit,
        tScores, tr.length, te.length);
    Files.writeString(out.resolve("REPORT.md"), tTable + "\n" + vTable);
    StringBuilder csv = new StringBuilder("index,label");
    for (String k : testPred.keySet()) {
      csv.append(',').append(k);
    }
    csv.append('\n');
    for (int i = 0; i < te.length; i++) {
      csv.append(te[i]).append(',').append(String.format(Locale.ROOT, "%.6f", y[te[i]]));
      for (double[] p : testPred.values()) {
        csv.append(',').append(String.format(Locale.ROOT, "%.6f", p[i]));
      }
      csv.append('\n');
    }
    Files.writeString(out.resolve("predictions.csv"), csv.toString());
    Map<String, Object> prov = readProvenance(data);
    Map<String, Object> rep = new LinkedHashMap<>();
    rep.put("property", name);
    rep.put("unit", unit);
    rep.put("dataset", Map.of("name", data.getFileName().toString(), "count", y.length,
        "side", ds.size(), "seed", prov.getOrDefault("seed", -1), "generator",
        prov.getOrDefault("generator", "?"), "solver", prov.getOrDefault("solver", "?"),
        "provenanceSha256", sha(data.resolve("provenance.json"))));
    rep.put("split", Map.of("seed", s.seed(), "validationSeed", s.seed() + 1, "train", tr.length,
        "fit", fit.length, "validation", val.length, "test", te.length));
    rep.put("settings", s);
    rep.put("chosenXgboost", best);
    rep.put("ridgeLambda", ridge.lambda());
    rep.put("test", tScores);
    rep.put("validation", vScores);
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(
        out.resolve("report.json").toFile(), rep);
    Map<String, Object> kind = new LinkedHashMap<>();
    kind.put("property", name);
    kind.put("unit", unit);
    kind.put("input", "grain volume " + ds.size() + "^3 (grain-volume-properties dataset)");
    kind.put("dims", 3);
    kind.put("side", ds.size());
    kind.put("method", VolumeEnsemble.METHOD);
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(
        out.resolve("image-model.json").toFile(), kind);
    Files.writeString(out.resolve("MODEL_CARD.md"), "# " + name + " model (symmetric 3D CNN"
        + " ensemble)\n\n"
        + "Input: grain volume " + ds.size() + "^3 (a grain-volume-properties dataset). Output: "
        + name + " (" + unit + ") as the mean of " + ens.members().size() + " members, each"
        + " averaged over the 16 symmetry maps of the load (VolumeSymmetry), with the members'"
        + " standard deviation as uncertainty.\n\n"
        + "Trained on the synthetic dataset " + data.getFileName() + " (" + y.length + " volumes,"
        + " generator seed " + prov.getOrDefault("seed", "?") + ", provenance.json SHA-256 "
        + sha(data.resolve("provenance.json")) + "): labels from alloyflow's FFT elastic solver"
        + " (" + prov.getOrDefault("solver", "?") + "), not from experiments; valid only for"
        + " microstructures like the generator's.\n\n"
        + "Protocol: split seed " + s.seed() + ": " + tr.length + " training / " + te.length
        + " held-out test volumes; the validation part (" + val.length + " of the training volumes,"
        + " seed " + (s.seed() + 1) + ") chose XGBoost's setting (" + best + ") from "
        + s.xgbGrid().size() + " and scored the CNN; ridge's penalty by 5-fold CV (lambda "
        + ridge.lambda() + "). CNN members trained on " + (s.refit() ? "all training" : "the fit")
        + " volumes. Settings of member 0 (member k: seed + k): " + ens.members().get(0).config()
        + ".\n\n" + tTable + "\n" + vTable);
    VqStrainTraining.writeSums(out);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> readProvenance(Path data) throws IOException {
    return new ObjectMapper().readValue(data.resolve("provenance.json").toFile(), Map.class);
  }

  /** Hex SHA-256 of a file. */
  static String sha(Path p) throws IOException {
    return ImageModelTraining.sha(p);
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static int[] compose(int[] outer, int[] inner) {
    int[] r = new int[inner.length];
    for (int k = 0; k < inner.length; k++) {
      r[k] = outer[inner[k]];
    }
    return r;
  }

  static double[] pick(double[] a, int[] idx) {
    double[] r = new double[idx.length];
    for (int k = 0; k < idx.length; k++) {
      r[k] = a[idx[k]];
    }
    return r;
  }

  static double[][] rows(double[][] a, int[] idx) {
    double[][] r = new double[idx.length][];
    for (int k = 0; k < idx.length; k++) {
      r[k] = a[idx[k]];
    }
    return r;
  }

  static float[][] rows(float[][] a, int[] idx) {
    float[][] r = new float[idx.length][];
    for (int k = 0; k < idx.length; k++) {
      r[k] = a[idx[k]];
    }
    return r;
  }
}
