package io.alloyflow.prediction.model;

import java.util.ArrayList;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

/**
 * Tribuo baselines trained on the same features and folds as the ensemble: gradient-boosted trees
 * (XGBoost; Chen and Guestrin, KDD 2016), a random forest of CART trees (Breiman, Mach. Learn. 45
 * (2001) 5-32) and a linear model fitted by AdaGrad SGD on standardised features.
 */
public final class TribuoBaselines {
  /** Tribuo logs every bagged tree and SGD epoch at INFO; held so the level is not collected. */
  private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

  static {
    TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private TribuoBaselines() {}

  /** Baseline names, in report order. */
  public static final List<String> NAMES = List.of("tribuo-xgboost", "tribuo-random-forest", "tribuo-linear");

  /** The trainer of a named baseline. */
  public static Trainer<Regressor> trainer(String name, long seed) {
    return switch (name) {
      case "tribuo-xgboost" ->
          new XGBoostRegressionTrainer(
              XGBoostRegressionTrainer.RegressionType.LINEAR, 400, 0.05, 0.0, 5, 1.0, 0.8, 0.8, 1.0,
              0.0, 1, true, seed);
      case "tribuo-random-forest" ->
          new RandomForestTrainer<>(
              new CARTRegressionTrainer(Integer.MAX_VALUE, 1.0f, 0.0f, 0.5f, new MeanSquaredError(), seed),
              new AveragingCombiner(), 300, seed);
      case "tribuo-linear" ->
          new LinearSGDTrainer(new SquaredLoss(), new AdaGrad(0.1, 0.1), 200, 1000, 1, seed);
      default -> throw new IllegalArgumentException(
          "unknown baseline '" + name + "' (known: " + NAMES + ")");
    };
  }

  /**
   * Trains a named baseline and returns it as a batch function of raw features. Features and
   * target are standardised on the training rows (the linear SGD model needs it; trees are
   * invariant to it).
   */
  public static BatchModel fit(String name, double[][] x, double[] y, List<String> featureNames, long seed) {
    return train(name, x, y, featureNames, seed).asBatchModel();
  }

  /**
   * Trains a given Tribuo regression trainer (e.g. an XGBoost trainer with tuned settings) the
   * same way as the named baselines and returns it as a batch function of raw features.
   */
  public static BatchModel fit(Trainer<Regressor> trainer, double[][] x, double[] y, List<String> featureNames) {
    return train(trainer, x, y, featureNames).asBatchModel();
  }

  /** A trained Tribuo model with the scalings it was trained under. */
  private record Trained(
      org.tribuo.Model<Regressor> model, Standardizer sc, double yMean, double yScale, String[] names) {
    List<Example<Regressor>> examples(double[][] rows) {
      List<Example<Regressor>> ex = new ArrayList<>();
      for (double[] r : rows) {
        ex.add(new ArrayExample<>(RegressionFactory.UNKNOWN_REGRESSOR, names, sc.apply(r)));
      }
      return ex;
    }

    BatchModel asBatchModel() {
      return rows -> {
        List<Prediction<Regressor>> ps = model.predict(examples(rows));
        double[] out = new double[rows.length];
        for (int i = 0; i < out.length; i++) {
          out[i] = yMean + yScale * ps.get(i).getOutput().getValues()[0];
        }
        return out;
      };
    }
  }

  private static Trained train(String name, double[][] x, double[] y, List<String> featureNames, long seed) {
    return train(trainer(name, seed), x, y, featureNames);
  }

  private static Trained train(Trainer<Regressor> trainer, double[][] x, double[] y, List<String> featureNames) {
    Standardizer sc = Standardizer.fit(x);
    double ym = 0;
    for (double v : y) {
      ym += v / y.length;
    }
    double ys = 0;
    for (double v : y) {
      ys += (v - ym) * (v - ym);
    }
    ys = Math.sqrt(ys / Math.max(1, y.length - 1));
    final double yMean = ym;
    final double yScale = ys > 0 ? ys : 1;
    String[] names = featureNames.toArray(String[]::new);
    RegressionFactory f = new RegressionFactory();
    MutableDataset<Regressor> ds =
        new MutableDataset<>(new SimpleDataSourceProvenance("alloy table", f), f);
    for (int i = 0; i < x.length; i++) {
      ds.add(new ArrayExample<>(new Regressor("target", (y[i] - yMean) / yScale), names, sc.apply(x[i])));
    }
    return new Trained(trainer.train(ds), sc, yMean, yScale, names);
  }

  /** The XGBoost version a JSON model names ({@code "version": [major, minor, patch]}). */
  static String xgboostVersion(byte[] json) {
    try {
      var v = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("version");
      List<String> parts = new ArrayList<>();
      v.forEach(n -> parts.add(n.asText()));
      return parts.isEmpty() ? "(version not recorded)" : String.join(".", parts);
    } catch (java.io.IOException e) {
      return "(version not readable)";
    }
  }

  /** Largest difference allowed between the pure-Java trees and XGBoost's own predictions (scaled target). */
  public static final double TREE_CHECK_TOLERANCE = 1e-5;

  /**
   * Trains the {@code tribuo-xgboost} baseline and returns its trees as a pure-Java {@link
   * BoostedTrees}, taken from the booster's JSON model and checked against XGBoost's own
   * predictions on the training rows and on rows that mix columns of different training rows
   * (the kind of rows a Shapley computation evaluates): they must agree within {@link
   * #TREE_CHECK_TOLERANCE} in the standardised target, else this throws.
   */
  public static BoostedTrees fitXgboostTrees(double[][] x, double[] y, List<String> featureNames, long seed) {
    Trained t = train("tribuo-xgboost", x, y, featureNames, seed);
    if (!(t.model() instanceof org.tribuo.common.xgboost.XGBoostModel<Regressor> xm)
        || xm.getInnerModels().size() != 1) {
      throw new IllegalStateException("Tribuo XGBoost regression did not produce one booster");
    }
    byte[] json;
    try {
      json = xm.getInnerModels().get(0).toByteArray("json");
    } catch (ml.dmlc.xgboost4j.java.XGBoostError e) {
      throw new IllegalStateException("XGBoost could not write its model as JSON: " + e.getMessage(), e);
    }
    var fmap = xm.getFeatureIDMap();
    int[] columnOf = new int[fmap.size()];
    java.util.Arrays.fill(columnOf, -1);
    for (int j = 0; j < t.names().length; j++) {
      var info = fmap.get(t.names()[j]);
      if (info != null) {
        columnOf[info.getID()] = j;
      }
    }
    BoostedTrees trees = BoostedTrees.fromXgboostJson(json, columnOf, t.sc(), t.yMean(), t.yScale(),
        "XGBoost " + xgboostVersion(json) + " via Tribuo " + org.tribuo.Tribuo.VERSION + ": reg:squarederror, 400 trees, eta 0.05, depth 5,"
            + " subsample 0.8, colsample 0.8, seed " + seed + "; standardised features and target");
    double[][] check = new double[2 * x.length][];
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
    for (int i = 0; i < x.length; i++) {
      check[i] = x[i];
      double[] h = new double[x[i].length];
      for (int j = 0; j < h.length; j++) {
        h[j] = x[rnd.nextInt(x.length)][j];
      }
      check[x.length + i] = h;
    }
    double[] mine = trees.predict(check);
    List<Prediction<Regressor>> ref = t.model().predict(t.examples(check));
    for (int i = 0; i < check.length; i++) {
      double a = (mine[i] - t.yMean()) / t.yScale();
      double b = ref.get(i).getOutput().getValues()[0];
      if (!(Math.abs(a - b) <= TREE_CHECK_TOLERANCE)) {
        throw new IllegalStateException(String.format(java.util.Locale.ROOT,
            "pure-Java trees disagree with XGBoost on check row %d: %.8f vs %.8f (scaled target)", i, a, b));
      }
    }
    return trees;
  }
}
