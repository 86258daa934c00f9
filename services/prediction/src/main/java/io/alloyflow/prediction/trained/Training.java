package io.alloyflow.prediction.trained;

import io.alloyflow.prediction.data.AlloyTable;
import io.alloyflow.prediction.data.GroupedFolds;
import io.alloyflow.prediction.features.FeatureSchema;
import io.alloyflow.prediction.features.HardnessFeatures;
import io.alloyflow.prediction.model.BatchModel;
import io.alloyflow.prediction.model.BoostedTrees;
import io.alloyflow.prediction.model.ConformalCalibration;
import io.alloyflow.prediction.model.CvReport;
import io.alloyflow.prediction.model.Metrics;
import io.alloyflow.prediction.model.MlpEnsemble;
import io.alloyflow.prediction.model.ModelCard;
import io.alloyflow.prediction.model.TribuoBaselines;
import io.alloyflow.prediction.shap.Background;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains a property model from an alloy table: grouped K-fold cross-validation of the ensemble
 * and the Tribuo baselines on the same folds, conformal calibration of the intervals on the
 * out-of-fold residuals (with coverage measured by leaving each fold out of its own
 * calibration), then the final ensemble on every row.
 */
public final class Training {
  private Training() {}

  /** A known trainable property: name, unit and training-table column. */
  public record PropertySpec(String name, String unit, String targetColumn) {}

  /** Properties this module can train (the feature builder is the MPEA descriptor set). */
  public static final Map<String, PropertySpec> PROPERTIES =
      Map.of("hardness", new PropertySpec("hardness", "HV", "PROPERTY: HV"));

  /** Looks up a property by name, failing with the known names. */
  public static PropertySpec property(String name) {
    PropertySpec p = PROPERTIES.get(name);
    if (p == null) {
      throw new IllegalArgumentException(
          "unknown property '" + name + "' (trainable: " + PROPERTIES.keySet() + ")");
    }
    return p;
  }

  /**
   * Settings of a training run.
   *
   * @param ensemble ensemble settings
   * @param folds cross-validation folds (0 to skip CV; intervals then cannot be calibrated)
   * @param foldSeed fold assignment seed
   * @param baselines also cross-validate the Tribuo baselines
   * @param backgroundSize Shapley background medoids
   * @param treeWeight weight of the XGBoost member in the shipped blend, fixed before training (0:
   *     ensemble only)
   */
  public record Settings(
      MlpEnsemble.Config ensemble, int folds, long foldSeed, boolean baselines, int backgroundSize,
      double treeWeight) {
    public Settings {
      if (!(treeWeight >= 0 && treeWeight <= 1)) {
        throw new IllegalArgumentException("tree weight must be in [0, 1], found " + treeWeight);
      }
    }

    /**
     * Defaults of the shipped model. The blend weight 0.5 is fixed a priori (equal weights of two
     * members of similar cross-validated error; it is not tuned on any fold).
     */
    public static Settings defaults() {
      return new Settings(MlpEnsemble.Config.defaults(), 5, 7, true, 8, 0.5);
    }
  }

  /**
   * What a run produced.
   *
   * @param model the final model
   * @param cv the cross-validation report
   * @param x feature rows
   * @param y targets
   * @param groups canonical formulas
   * @param families element sets
   * @param fold fold of each row
   * @param oof out-of-fold predictions per model name
   */
  public record Result(
      PropertyModel model, CvReport cv, double[][] x, double[] y, List<String> groups,
      List<String> families, int[] fold, Map<String, double[]> oof) {}

  /** Trains on a table file. */
  public static Result run(Path data, String property, Settings s, PrintStream log) throws IOException {
    PropertySpec spec = property(property);
    AlloyTable table = AlloyTable.read(data, spec.targetColumn());
    List<AlloyTable.Row> rows = table.labelled();
    if (rows.size() < Math.max(10, 2 * s.folds())) {
      throw new IllegalArgumentException(
          data + ": only " + rows.size() + " usable rows with a " + spec.targetColumn()
              + " value; at least " + Math.max(10, 2 * s.folds()) + " are needed");
    }
    FeatureSchema schema = HardnessFeatures.schema();
    int n = rows.size();
    double[][] x = new double[n][];
    double[] y = new double[n];
    List<String> groups = new ArrayList<>();
    List<String> families = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      AlloyTable.Row r = rows.get(i);
      x[i] = HardnessFeatures.vector(r.sample());
      y[i] = r.target();
      groups.add(r.sample().composition().canonical());
      families.add(r.sample().composition().family());
    }
    log.printf("%s: %d rows with %s (%d distinct alloys); skipped: %s%n",
        data.getFileName(), n, spec.targetColumn(), new java.util.HashSet<>(groups).size(), table.skipped());
    CvReport cv = null;
    ConformalCalibration cal;
    int[] fold = new int[n];
    Map<String, double[]> oof = new LinkedHashMap<>();
    if (s.folds() >= 2) {
      fold = GroupedFolds.assign(groups, s.folds(), s.foldSeed());
      double[] mean = new double[n];
      double[] std = new double[n];
      boolean blend = s.treeWeight() > 0;
      double[] treeOof = new double[n];
      List<String> names = new ArrayList<>();
      if (blend) {
        names.add(CvReport.BLEND);
      }
      names.add(CvReport.ENSEMBLE);
      if (s.baselines()) {
        names.addAll(TribuoBaselines.NAMES);
      }
      for (String nm : names) {
        oof.put(nm, new double[n]);
      }
      for (int f = 0; f < s.folds(); f++) {
        List<Integer> tr = new ArrayList<>();
        List<Integer> te = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          (fold[i] == f ? te : tr).add(i);
        }
        double[][] xtr = pick(x, tr);
        double[] ytr = pick(y, tr);
        double[][] xte = pick(x, te);
        long t0 = System.nanoTime();
        MlpEnsemble ens = MlpEnsemble.train(xtr, ytr, s.ensemble());
        double[][] ms = MlpEnsemble.meanStd(ens.predictMembers(xte));
        for (int k = 0; k < te.size(); k++) {
          mean[te.get(k)] = ms[k][0];
          std[te.get(k)] = ms[k][1];
          oof.get(CvReport.ENSEMBLE)[te.get(k)] = ms[k][0];
        }
        log.printf("fold %d/%d: %d train / %d test rows, ensemble %.1f s%n",
            f + 1, s.folds(), tr.size(), te.size(), (System.nanoTime() - t0) / 1e9);
        BoostedTrees foldTrees = null;
        if (blend) {
          // the pure-Java trees (checked against XGBoost inside) are the tribuo-xgboost baseline too
          foldTrees = TribuoBaselines.fitXgboostTrees(xtr, ytr, schema.names(), s.ensemble().seed());
          double[] p = foldTrees.predict(xte);
          for (int k = 0; k < te.size(); k++) {
            int i = te.get(k);
            treeOof[i] = p[k];
            mean[i] = (1 - s.treeWeight()) * mean[i] + s.treeWeight() * p[k];
            oof.get(CvReport.BLEND)[i] = mean[i];
          }
        }
        if (s.baselines()) {
          for (String b : TribuoBaselines.NAMES) {
            if (b.equals("tribuo-xgboost") && foldTrees != null) {
              for (int k = 0; k < te.size(); k++) {
                oof.get(b)[te.get(k)] = treeOof[te.get(k)];
              }
              continue;
            }
            BatchModel bm = TribuoBaselines.fit(b, xtr, ytr, schema.names(), s.ensemble().seed());
            double[] p = bm.predict(xte);
            for (int k = 0; k < te.size(); k++) {
              oof.get(b)[te.get(k)] = p[k];
            }
          }
        }
      }
      cal = ConformalCalibration.fit(y, mean, std);
      // coverage: each fold's intervals calibrated on the other folds' residuals only
      int in68 = 0;
      int in95 = 0;
      double hw = 0;
      for (int f = 0; f < s.folds(); f++) {
        List<Integer> other = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          if (fold[i] != f) {
            other.add(i);
          }
        }
        ConformalCalibration c =
            ConformalCalibration.fit(pick(y, other), pick(mean, other), pick(std, other));
        for (int i = 0; i < n; i++) {
          if (fold[i] == f) {
            double r = Math.abs(y[i] - mean[i]);
            in68 += r <= c.sigma(std[i]) ? 1 : 0;
            in95 += r <= c.halfWidth95(std[i]) ? 1 : 0;
            hw += c.halfWidth95(std[i]);
          }
        }
      }
      String bigFamily = largest(families);
      List<Integer> fam = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (families.get(i).equals(bigFamily)) {
          fam.add(i);
        }
      }
      Map<String, Map<String, Double>> models = new LinkedHashMap<>();
      for (Map.Entry<String, double[]> e : oof.entrySet()) {
        double[] p = e.getValue();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("r2", Metrics.r2(y, p));
        m.put("mae", Metrics.mae(y, p));
        m.put("rmse", Metrics.rmse(y, p));
        m.put("mape", Metrics.mape(y, p));
        m.put("mape_largest_family", Metrics.mape(pick(y, fam), pick(p, fam)));
        if (e.getKey().equals(blend ? CvReport.BLEND : CvReport.ENSEMBLE)) {
          m.put("coverage68", (double) in68 / n);
          m.put("coverage95", (double) in95 / n);
          m.put("mean_halfwidth95", hw / n);
        }
        models.put(e.getKey(), m);
        log.printf("  %-22s R2 %.3f  MAE %.1f  RMSE %.1f  MAPE %.1f %%  MAPE(%s) %.1f %%%n",
            e.getKey(), m.get("r2"), m.get("mae"), m.get("rmse"), m.get("mape"), bigFamily,
            m.get("mape_largest_family"));
      }
      log.printf("  intervals (each fold calibrated on the others): 68 %% -> %.1f %%, 95 %% -> %.1f %%%n",
          100.0 * in68 / n, 100.0 * in95 / n);
      cv = new CvReport(s.folds(), n, new java.util.HashSet<>(groups).size(), bigFamily, fam.size(), models);
    } else {
      throw new IllegalArgumentException(
          "training needs >= 2 cross-validation folds: the intervals are calibrated on their residuals");
    }
    long t0 = System.nanoTime();
    MlpEnsemble finalEns = MlpEnsemble.train(x, y, s.ensemble());
    log.printf("final ensemble on %d rows: %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
    BoostedTrees finalTrees =
        s.treeWeight() > 0 ? TribuoBaselines.fitXgboostTrees(x, y, schema.names(), s.ensemble().seed()) : null;
    Background bg = Background.summarise(x, s.backgroundSize(), s.ensemble().seed());
    Map<String, String> hp = new TreeMap<>();
    MlpEnsemble.Config c = s.ensemble();
    hp.put("members", String.valueOf(c.members()));
    hp.put("hidden", java.util.Arrays.toString(c.hidden()));
    hp.put("activation", "relu");
    hp.put("epochs", String.valueOf(c.epochs()));
    hp.put("batchSize", String.valueOf(c.batchSize()));
    hp.put("optimizer", "adam");
    hp.put("learningRate", String.valueOf(c.learningRate()));
    hp.put("weightDecay", String.valueOf(c.weightDecay()));
    hp.put("target", c.logTarget() ? "log" : "identity");
    hp.put("folds", String.valueOf(s.folds()));
    hp.put("foldSeed", String.valueOf(s.foldSeed()));
    hp.put("foldGrouping", "canonical alloy formula");
    hp.put("backgroundSize", String.valueOf(bg.rows().length));
    hp.put("treeWeight", String.valueOf(s.treeWeight()));
    if (finalTrees != null) {
      hp.put("trees", finalTrees.source());
    }
    List<Long> seeds = new ArrayList<>();
    for (int m = 0; m < c.members(); m++) {
      seeds.add(c.memberSeed(m));
    }
    Map<String, String> sw = new TreeMap<>();
    sw.put("java", System.getProperty("java.version"));
    sw.put("djl", ai.djl.engine.Engine.getDjlVersion());
    sw.put("pytorch", io.alloyflow.prediction.model.TorchRuntime.engine().getVersion());
    sw.put("tribuo", org.tribuo.Tribuo.VERSION);
    sw.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    ModelCard card =
        new ModelCard(
            spec.name(), spec.unit(), spec.targetColumn(), data.getFileName().toString(),
            sha256(data), n, table.skipped(),
            s.treeWeight() > 0
                ? "fixed-weight blend of a deep ensemble of MLPs (Lakshminarayanan et al. 2017) and XGBoost trees"
                    + " (Chen and Guestrin 2016), normalised conformal intervals"
                : "deep ensemble of MLPs (Lakshminarayanan et al. 2017), normalised conformal intervals",
            hp, seeds, cv, sw, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
            "./alloyflow train " + spec.name() + " --data " + data.getFileName() + " --out MODEL_DIR");
    double[][] domain = new double[2][schema.size()];
    java.util.Arrays.fill(domain[0], Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(domain[1], Double.NEGATIVE_INFINITY);
    for (double[] row : x) {
      for (int j = 0; j < row.length; j++) {
        domain[0][j] = Math.min(domain[0][j], row[j]);
        domain[1][j] = Math.max(domain[1][j], row[j]);
      }
    }
    PropertyModel model = new PropertyModel(
        PropertyModel.FORMAT, schema, finalEns, cal, bg, card, domain, finalTrees, finalTrees == null ? 0 : s.treeWeight());
    return new Result(model, cv, x, y, groups, families, fold, oof);
  }

  static String largest(List<String> families) {
    Map<String, Integer> c = new HashMap<>();
    for (String f : families) {
      c.merge(f, 1, Integer::sum);
    }
    return c.entrySet().stream()
        .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .orElseThrow().getKey();
  }

  /** Lower-case hex SHA-256 of a file. */
  public static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static double[][] pick(double[][] a, List<Integer> idx) {
    double[][] o = new double[idx.size()][];
    for (int i = 0; i < o.length; i++) {
      o[i] = a[idx.get(i)];
    }
    return o;
  }

  static double[] pick(double[] a, List<Integer> idx) {
    double[] o = new double[idx.size()];
    for (int i = 0; i < o.length; i++) {
      o[i] = a[idx.get(i)];
    }
    return o;
  }
}
