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
    org.tribuo.Model<Regressor> model = trainer(name, seed).train(ds);
    return rows -> {
      List<Example<Regressor>> ex = new ArrayList<>();
      for (double[] r : rows) {
        ex.add(new ArrayExample<>(RegressionFactory.UNKNOWN_REGRESSOR, names, sc.apply(r)));
      }
      List<Prediction<Regressor>> ps = model.predict(ex);
      double[] out = new double[rows.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = yMean + yScale * ps.get(i).getOutput().getValues()[0];
      }
      return out;
    };
  }
}
