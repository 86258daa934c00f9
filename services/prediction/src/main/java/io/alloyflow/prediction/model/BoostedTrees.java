package io.alloyflow.prediction.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;

/**
 * A gradient-boosted regression tree ensemble (Friedman, Ann. Stat. 29 (2001) 1189-1232; XGBoost:
 * Chen and Guestrin, KDD 2016) stored as flat arrays and evaluated in pure Java, so that the
 * millions of hybrid rows of an exact Shapley computation need no native call per row.
 *
 * <p>The trees come from XGBoost's own JSON model ({@link #fromXgboostJson}): a node {@code k}
 * is a leaf when {@code left[k] < 0}, its value is {@code value[k]} (the learning rate already
 * applied); otherwise the row goes left when {@code (float) x[feature[k]] < value[k]}, as
 * XGBoost's CPU predictor decides on 32-bit floats. The prediction in the scaled target is {@code
 * baseScore + sum of the reached leaves}, mapped back by {@code targetMean + targetScale * t}.
 * Features are standardised with {@code scaler} first (the trees were grown on standardised
 * features). Rows never hold missing values here, so XGBoost's default directions are not needed.
 *
 * @param scaler feature scaling the trees were trained on
 * @param targetMean mean of the training target
 * @param targetScale standard deviation of the training target
 * @param baseScore XGBoost's global bias (scaled target units)
 * @param roots index of each tree's root node in the node arrays
 * @param left left child of each node, -1 at a leaf
 * @param right right child of each node, -1 at a leaf
 * @param feature split column of each node (raw feature order), -1 at a leaf
 * @param value split threshold, or the leaf value at a leaf
 * @param source where the trees came from (library, objective, settings)
 */
public record BoostedTrees(
    Standardizer scaler,
    double targetMean,
    double targetScale,
    double baseScore,
    int[] roots,
    int[] left,
    int[] right,
    int[] feature,
    float[] value,
    String source)
    implements FlatBatchModel {

  public BoostedTrees {
    int n = left.length;
    if (right.length != n || feature.length != n || value.length != n) {
      throw new IllegalArgumentException(
          "boosted trees: node arrays differ in length (left " + n + ", right " + right.length + ", feature "
              + feature.length + ", value " + value.length + ")");
    }
    if (roots.length == 0) {
      throw new IllegalArgumentException("boosted trees: no trees");
    }
    int d = scaler.mean().length;
    for (int k = 0; k < n; k++) {
      boolean leaf = left[k] < 0;
      if (leaf != (right[k] < 0) || (!leaf && (feature[k] < 0 || feature[k] >= d || left[k] >= n || right[k] >= n
          || left[k] <= k || right[k] <= k))) {
        throw new IllegalArgumentException(
            "boosted trees: node " + k + " is malformed (left " + left[k] + ", right " + right[k] + ", feature "
                + feature[k] + " of " + d + " columns, " + n + " nodes)");
      }
    }
    for (int r : roots) {
      if (r < 0 || r >= n) {
        throw new IllegalArgumentException("boosted trees: root " + r + " outside the " + n + " nodes");
      }
    }
    roots = roots.clone();
    left = left.clone();
    right = right.clone();
    feature = feature.clone();
    value = value.clone();
  }

  /** Number of input features. */
  public int inputs() {
    return scaler.mean().length;
  }

  /** Number of trees. */
  public int trees() {
    return roots.length;
  }

  /**
   * Builds the trees from an XGBoost model saved as JSON ({@code Booster.toByteArray("json")},
   * XGBoost >= 1.0 schema).
   *
   * @param json the booster's JSON model
   * @param columnOfXgbFeature raw feature column of each XGBoost feature index
   */
  public static BoostedTrees fromXgboostJson(
      byte[] json, int[] columnOfXgbFeature, Standardizer scaler, double targetMean, double targetScale,
      String source) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("XGBoost model JSON does not parse: " + e.getMessage());
    }
    JsonNode learner = root.path("learner");
    JsonNode trees = learner.path("gradient_booster").path("model").path("trees");
    String booster = learner.path("gradient_booster").path("name").asText("");
    if (!"gbtree".equals(booster) || !trees.isArray() || trees.size() == 0) {
      throw new IllegalArgumentException(
          "XGBoost model JSON: expected a gbtree booster with trees, found booster '" + booster + "' with "
              + trees.size() + " trees");
    }
    double base = Double.parseDouble(learner.path("learner_model_param").path("base_score").asText("NaN"));
    if (!Double.isFinite(base)) {
      throw new IllegalArgumentException("XGBoost model JSON: no learner_model_param.base_score");
    }
    int total = 0;
    for (JsonNode t : trees) {
      total += t.path("left_children").size();
    }
    int[] roots = new int[trees.size()];
    int[] l = new int[total];
    int[] r = new int[total];
    int[] f = new int[total];
    float[] v = new float[total];
    int off = 0;
    for (int ti = 0; ti < trees.size(); ti++) {
      JsonNode t = trees.get(ti);
      JsonNode lc = t.path("left_children");
      JsonNode rc = t.path("right_children");
      JsonNode si = t.path("split_indices");
      JsonNode sc = t.path("split_conditions");
      int nn = lc.size();
      if (rc.size() != nn || si.size() != nn || sc.size() != nn) {
        throw new IllegalArgumentException("XGBoost model JSON: tree " + ti + " has node arrays of unequal length");
      }
      JsonNode st = t.path("split_type");
      roots[ti] = off;
      for (int k = 0; k < nn; k++) {
        int a = lc.get(k).asInt();
        if (st.isArray() && st.size() == nn && st.get(k).asInt() != 0) {
          throw new IllegalArgumentException("XGBoost model JSON: tree " + ti + " node " + k + " is a categorical split");
        }
        if (a < 0) {
          l[off + k] = -1;
          r[off + k] = -1;
          f[off + k] = -1;
        } else {
          l[off + k] = off + a;
          r[off + k] = off + rc.get(k).asInt();
          int xi = si.get(k).asInt();
          if (xi < 0 || xi >= columnOfXgbFeature.length) {
            throw new IllegalArgumentException(
                "XGBoost model JSON: tree " + ti + " splits on feature " + xi + " of " + columnOfXgbFeature.length);
          }
          f[off + k] = columnOfXgbFeature[xi];
        }
        v[off + k] = (float) sc.get(k).asDouble();
      }
      off += nn;
    }
    return new BoostedTrees(scaler, targetMean, targetScale, base, roots, l, r, f, v, source);
  }

  /** Prediction in the scaled target for one already standardised float row. */
  double margin(float[] xs) {
    double s = baseScore;
    for (int root : roots) {
      int k = root;
      while (left[k] >= 0) {
        k = xs[feature[k]] < value[k] ? left[k] : right[k];
      }
      s += value[k];
    }
    return s;
  }

  /** A raw row standardised and rounded to float, as the trees compare it. */
  public float[] standardise(double[] row) {
    double[] mu = scaler.mean();
    double[] sc = scaler.scale();
    float[] xs = new float[row.length];
    for (int j = 0; j < row.length; j++) {
      xs[j] = (float) ((row[j] - mu[j]) / sc[j]);
    }
    return xs;
  }

  @Override
  public double[] predictFlat(double[] rows, int n, int d) {
    if (d != inputs()) {
      throw new IllegalArgumentException("rows have " + d + " features, the trees expect " + inputs());
    }
    double[] mu = scaler.mean();
    double[] sc = scaler.scale();
    float[] xs = new float[d];
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      int o = i * d;
      for (int j = 0; j < d; j++) {
        xs[j] = (float) ((rows[o + j] - mu[j]) / sc[j]);
      }
      out[i] = targetMean + targetScale * margin(xs);
    }
    return out;
  }

  @Override
  public double[] predict(double[][] x) {
    int d = inputs();
    double[] flat = new double[x.length * d];
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != d) {
        throw new IllegalArgumentException("row " + i + " has " + x[i].length + " features, the trees expect " + d);
      }
      System.arraycopy(x[i], 0, flat, i * d, d);
    }
    return predictFlat(flat, x.length, d);
  }

  /** Summary for model cards. */
  public Map<String, String> summary() {
    int leaves = 0;
    for (int a : left) {
      leaves += a < 0 ? 1 : 0;
    }
    return new java.util.TreeMap<>(Map.of("trees", String.valueOf(roots.length), "nodes", String.valueOf(left.length),
        "leaves", String.valueOf(leaves), "source", source));
  }
}
