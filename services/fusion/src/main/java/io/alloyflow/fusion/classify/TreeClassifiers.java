package io.alloyflow.fusion.classify;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Tree ensembles through Tribuo 4.3: gradient-boosted trees (XGBoost; Chen and Guestrin, KDD
 * 2016) and a random forest of CART trees with a third of the features per split (Breiman,
 * "Random forests", Mach. Learn. 45 (2001) 5).
 */
public final class TreeClassifiers implements PixelClassifier {
  private final boolean boosted;
  private final int trees;
  private final int depth;
  private final long seed;
  private Model<Label> model;
  private String[] names;
  private int k;

  private TreeClassifiers(boolean boosted, int trees, int depth, long seed) {
    this.boosted = boosted;
    this.trees = trees;
    this.depth = depth;
    this.seed = seed;
  }

  /** XGBoost with the given trees and depth. */
  public static PixelClassifier xgboost(int trees, int depth, long seed) {
    return new TreeClassifiers(true, trees, depth, seed);
  }

  /** Random forest with the given trees and depth. */
  public static PixelClassifier randomForest(int trees, int depth, long seed) {
    return new TreeClassifiers(false, trees, depth, seed);
  }

  @Override
  public String name() {
    return boosted ? "xgb" : "rf";
  }

  @Override
  public void fit(float[] x, int m, int[] y, int k) {
    this.k = k;
    names = new String[m];
    for (int f = 0; f < m; f++) {
      names[f] = String.format("f%03d", f);
    }
    MutableDataset<Label> ds = new MutableDataset<>(new SimpleDataSourceProvenance(
        "alloyflow fused pixel features", OffsetDateTime.parse("2000-01-01T00:00:00Z"),
        new LabelFactory()), new LabelFactory());
    for (int r = 0; r < y.length; r++) {
      double[] v = new double[m];
      for (int f = 0; f < m; f++) {
        v[f] = x[r * m + f];
      }
      ds.add(new ArrayExample<>(new Label(Integer.toString(y[r])), names, v));
    }
    Trainer<Label> t = boosted
        ? new XGBoostClassificationTrainer(trees, 0.3, 0.0, depth, 1.0, 0.8, 1.0, 1.0, 0.0, 2,
            true, seed)
        : new RandomForestTrainer<>(new CARTClassificationTrainer(depth, 0.33f, seed),
            new VotingCombiner(), trees);
    model = t.train(ds);
  }

  @Override
  public float[] predictProba(float[] x, int m) {
    if (model == null) {
      throw new IllegalStateException(name() + " classifier is not trained");
    }
    int n = x.length / m;
    float[] out = new float[n * k];
    int chunk = 8192;
    for (int s = 0; s < n; s += chunk) {
      int rows = Math.min(chunk, n - s);
      List<Example<Label>> ex = new ArrayList<>(rows);
      for (int r = 0; r < rows; r++) {
        double[] v = new double[m];
        for (int f = 0; f < m; f++) {
          v[f] = x[(s + r) * m + f];
        }
        ex.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, v));
      }
      List<Prediction<Label>> preds = model.predict(ex);
      for (int r = 0; r < rows; r++) {
        Prediction<Label> pr = preds.get(r);
        if (pr.hasProbabilities()) {
          for (var e : pr.getOutputScores().entrySet()) {
            out[(s + r) * k + Integer.parseInt(e.getKey())] = (float) e.getValue().getScore();
          }
        } else {
          out[(s + r) * k + Integer.parseInt(pr.getOutput().getLabel())] = 1f;
        }
      }
    }
    return out;
  }
}
