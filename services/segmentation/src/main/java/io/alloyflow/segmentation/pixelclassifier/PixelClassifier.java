package io.alloyflow.segmentation.pixelclassifier;

import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.segmentation.morphology.LabelCleanup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tribuo.Example;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.impl.ArrayExample;

/**
 * A trained pixel classifier: filter-bank features + Tribuo XGBoost or random forest. Training is
 * {@link PixelClassifierTrainer}'s work (class-balanced sampling, memory bounded by the sample),
 * the file format {@link PixelClassifierFile}'s; this class holds the settings and the trained
 * model and predicts.
 *
 * <p>Prediction with XGBoost
 * feeds dense feature blocks straight to the trained boosters (the feature ids equal the column
 * order because feature names sort lexically in column order), which avoids one Tribuo example
 * object per pixel. Saved as a ZIP holding {@code model.json} (class names, feature bank,
 * AlgorithmInfo, training-data hashes, Tribuo model provenance) and {@code tribuo-model.pb}
 * (Tribuo protobuf serialisation).
 */
public final class PixelClassifier {
  /** Learner choice. */
  public enum Learner {
    XGBOOST,
    RANDOM_FOREST
  }

  /**
   * Training settings.
   *
   * @param learner XGBoost or random forest
   * @param trees boosting rounds / forest size
   * @param maxDepth maximum tree depth
   * @param samplesPerClassPerImage labelled pixels sampled per class and image (stratified)
   * @param seed sampling and learner seed
   * @param threads learner threads
   * @param autoContextStages extra auto-context stages (0 = plain pixel classifier); each stage
   *     adds features of the previous stage's class-probability maps
   * @param priorCorrection re-weight the output probabilities from the class-balanced training
   *     sample to the class frequencies of the dense training masks
   * @param minRegionPx connected regions of one class smaller than this many pixels are merged
   *     into the surrounding class after prediction (0 or 1 = no clean-up)
   */
  public record Settings(
      Learner learner,
      int trees,
      int maxDepth,
      int samplesPerClassPerImage,
      long seed,
      int threads,
      int autoContextStages,
      boolean priorCorrection,
      int minRegionPx) {
    public Settings {
      if (trees < 1 || maxDepth < 1 || samplesPerClassPerImage < 1 || threads < 1) {
        throw new IllegalArgumentException(
            "trees, maxDepth, samplesPerClassPerImage and threads must be >= 1");
      }
      if (autoContextStages < 0 || autoContextStages > 5) {
        throw new IllegalArgumentException(
            "autoContextStages must be 0..5, found " + autoContextStages);
      }
      if (minRegionPx < 0) {
        throw new IllegalArgumentException("minRegionPx must be >= 0, found " + minRegionPx);
      }
    }

    /** A single-stage classifier without prior correction or clean-up (the version-1 model). */
    public Settings(
        Learner learner, int trees, int maxDepth, int samplesPerClassPerImage, long seed,
        int threads) {
      this(learner, trees, maxDepth, samplesPerClassPerImage, seed, threads, 0, false, 0);
    }

    public static Settings defaults() {
      return new Settings(Learner.XGBOOST, 80, 6, 3000, 42L, 2, 1, true, 0);
    }

    /** A copy with other auto-context, prior-correction and clean-up settings. */
    public Settings withRefinement(int stages, boolean prior, int minRegion) {
      return new Settings(learner, trees, maxDepth, samplesPerClassPerImage, seed, threads, stages,
          prior, minRegion);
    }

    /** A copy with another number of trees and samples per class and image. */
    public Settings withCapacity(int nTrees, int depth, int samples) {
      return new Settings(learner, nTrees, depth, samples, seed, threads, autoContextStages,
          priorCorrection, minRegionPx);
    }
  }

  public static final String ALGORITHM = "pixel-classifier";
  public static final String VERSION = "1.0";
  public static final String REFERENCE =
      "Berg S. et al. 2019, ilastik, Nature Methods 16:1226; Chen T. and Guestrin C. 2016,"
          + " XGBoost, KDD; Breiman L. 2001, Random forests, Machine Learning 45:5";

  private final FeatureBank bank;
  private final List<String> classNames;
  /** Stage 0 = the plain pixel classifier; stage s >= 1 also sees auto-context features. */
  private final List<Model<Label>> stages;
  /** Multiplicative factor per class applied to the last stage's probabilities. */
  private final double[] priorWeights;
  private final int minRegionPx;
  private final AlgorithmInfo algorithm;
  private final List<String> trainingData;
  private final List<int[]> idToClass;

  PixelClassifier(
      FeatureBank bank,
      List<String> classNames,
      List<Model<Label>> stages,
      double[] priorWeights,
      int minRegionPx,
      AlgorithmInfo algorithm,
      List<String> trainingData) {
    this.bank = bank;
    this.classNames = List.copyOf(classNames);
    this.stages = List.copyOf(stages);
    this.priorWeights = priorWeights.clone();
    this.minRegionPx = minRegionPx;
    this.algorithm = algorithm;
    this.trainingData = List.copyOf(trainingData);
    this.idToClass = new ArrayList<>();
    for (Model<Label> m : stages) {
      ImmutableOutputInfo<Label> info = m.getOutputIDInfo();
      int[] map = new int[info.size()];
      for (var pair : info) {
        map[pair.getA()] = Integer.parseInt(pair.getB().getLabel());
      }
      idToClass.add(map);
    }
  }

  public List<String> classNames() {
    return classNames;
  }

  public AlgorithmInfo algorithm() {
    return algorithm;
  }

  public FeatureBank featureBank() {
    return bank;
  }

  /** Number of auto-context stages after the first classifier. */
  public int autoContextStages() {
    return stages.size() - 1;
  }

  /** Per-class factors applied to the output probabilities (all 1 without prior correction). */
  public double[] priorWeights() {
    return priorWeights.clone();
  }

  /** Minimum region area of the label clean-up (0 = none). */
  public int minRegionPx() {
    return minRegionPx;
  }

  /**
   * The same trained classifier with per-class output weights refitted on labelled validation
   * images (not used in training) so that the arg-max label counts over those images equal their
   * true class counts: iterative proportional fitting w_c <- w_c (N_true,c / N_pred,c)^0.7, 30
   * rounds, starting from the current weights. This removes the systematic area bias of the
   * classifier at phase boundaries (the boundary-displacement bias of the "classify and count"
   * estimator; Forman G., 2008, "Quantifying counts and costs via classification", Data Mining
   * and Knowledge Discovery 17:164-206), which prior correction alone does not. Pixels with a
   * negative (or, for scribbles, zero) label are ignored.
   */
  public PixelClassifier calibrateClassWeights(List<TrainingImage> validation) {
    if (validation.isEmpty()) {
      throw new IllegalArgumentException("no validation images given");
    }
    int k = classNames.size();
    double[] trueCount = new double[k];
    List<float[][]> probs = new ArrayList<>();
    List<TrainingImage> used = new ArrayList<>();
    for (TrainingImage im : validation) {
      for (int i = 0; i < im.labels().length; i++) {
        int c = im.classAt(i);
        if (c >= k) {
          throw new IllegalArgumentException("validation mask " + im.source() + " holds class "
              + c + " but only " + k + " classes are named " + classNames);
        }
        if (c >= 0) {
          trueCount[c]++;
        }
      }
      probs.add(probabilities(im.pixels(), im.width(), im.height()));
      used.add(im);
    }
    // probabilities() already carries the current weights: fit a factor on top of them
    double[] factor = new double[k];
    java.util.Arrays.fill(factor, 1.0);
    for (int round = 0; round < 30; round++) {
      double[] predCount = new double[k];
      for (int m = 0; m < probs.size(); m++) {
        float[][] p = probs.get(m);
        TrainingImage im = used.get(m);
        for (int i = 0; i < p[0].length; i++) {
          if (im.classAt(i) < 0) {
            continue;
          }
          int b = 0;
          for (int c = 1; c < k; c++) {
            if (p[c][i] * factor[c] > p[b][i] * factor[b]) {
              b = c;
            }
          }
          predCount[b]++;
        }
      }
      for (int c = 0; c < k; c++) {
        if (trueCount[c] > 0) {
          factor[c] *= Math.pow(trueCount[c] / Math.max(1, predCount[c]), 0.7);
        }
      }
    }
    double[] w = new double[k];
    for (int c = 0; c < k; c++) {
      w[c] = priorWeights[c] * factor[c];
    }
    Map<String, String> p = new LinkedHashMap<>(algorithm.parameters());
    p.put("priorWeights", java.util.Arrays.toString(w));
    p.put("classWeightsCalibratedOn", validation.size() + " validation images");
    List<String> data = new ArrayList<>(trainingData);
    for (TrainingImage im : validation) {
      data.add("calibration: " + im.source() + " sha256="
          + PixelClassifierTrainer.sha256(im.pixels(), im.labels()));
    }
    return new PixelClassifier(bank, classNames, stages, w, minRegionPx,
        new AlgorithmInfo(algorithm.name(), algorithm.version(), algorithm.reference(), p), data);
  }

  /**
   * The same trained classifier with another clean-up area (e.g. chosen on validation images);
   * the change is recorded in the algorithm parameters.
   */
  public PixelClassifier withMinRegionPx(int minRegion) {
    if (minRegion < 0) {
      throw new IllegalArgumentException("minRegionPx must be >= 0, found " + minRegion);
    }
    Map<String, String> p = new LinkedHashMap<>(algorithm.parameters());
    p.put("minRegionPx", Integer.toString(minRegion));
    return new PixelClassifier(bank, classNames, stages, priorWeights, minRegion,
        new AlgorithmInfo(algorithm.name(), algorithm.version(), algorithm.reference(), p),
        trainingData);
  }

  /**
   * Why an image is far from this model's training images by its intensity statistics ({@link
   * IntensityStats#farFrom}); empty when it is not or when the model recorded none.
   */
  public List<String> inputWarnings(float[] px, int w, int h) {
    return IntensityStats.of(px, w, h).farFrom(algorithm.parameters());
  }

  /** Tribuo's provenance of the trained model (trainer, hyper-parameters, dataset). */
  public String tribuoProvenance() {
    return stages.get(stages.size() - 1).getProvenance().toString();
  }

  /** SHA-256 hashes (with sources) of the training images and masks. */
  public List<String> trainingData() {
    return trainingData;
  }

  /**
   * Trains a classifier (see {@link PixelClassifierTrainer#train(List, List, FeatureBank,
   * Settings)}).
   */
  public static PixelClassifier train(
      List<TrainingImage> images, List<String> classNames, FeatureBank bank, Settings s) {
    return PixelClassifierTrainer.train(images, classNames, bank, s);
  }

  /** Feature column names of a stage: the bank's, then each auto-context stage's (sorted = column order). */
  static List<String> featureNames(FeatureBank bank, int classes, int stage) {
    List<String> n = new ArrayList<>(bank.featureNames());
    for (int s = 1; s <= stage; s++) {
      for (String c : ContextFeatures.names(classes, s)) {
        n.add(String.format(java.util.Locale.ROOT, "f%03d_%s", n.size(), c));
      }
    }
    if (n.size() > 1000) {
      throw new IllegalArgumentException(
          "at most 1000 features are supported (names must sort in column order), found "
              + n.size());
    }
    return n;
  }

  static int[] idToClass(Model<Label> m) {
    ImmutableOutputInfo<Label> info = m.getOutputIDInfo();
    int[] map = new int[info.size()];
    for (var pair : info) {
      map[pair.getA()] = Integer.parseInt(pair.getB().getLabel());
    }
    return map;
  }

  static float[][] concat(float[][] a, float[][] b) {
    float[][] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  /** Class index per pixel: arg-max of {@link #probabilities}, then the region clean-up. */
  public int[] predict(float[] px, int w, int h) {
    float[][] p = probabilities(px, w, h);
    int[] out = argMax(p);
    return minRegionPx > 1 ? LabelCleanup.removeSmallRegions(out, w, h, minRegionPx) : out;
  }

  /** Arg-max over classes per pixel (ties to the lower class index). */
  public static int[] argMax(float[][] p) {
    int n = p[0].length;
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int c = 1; c < p.length; c++) {
        if (p[c][i] > p[best][i]) {
          best = c;
        }
      }
      out[i] = best;
    }
    return out;
  }

  /**
   * Class probabilities [class][pixel] of the last stage, prior-corrected when the model was
   * trained so (each pixel's probabilities sum to 1).
   */
  public float[][] probabilities(float[] px, int w, int h) {
    return probabilities(px, w, h, stages.size() - 1);
  }

  /** Class probabilities after stage {@code upTo} (0 = the plain pixel classifier). */
  public float[][] probabilities(float[] px, int w, int h, int upTo) {
    if (upTo < 0 || upTo >= stages.size()) {
      throw new IllegalArgumentException(
          "stage " + upTo + " not in 0.." + (stages.size() - 1));
    }
    int k = classNames.size();
    float[][] f = bank.compute(px, w, h);
    float[][] prob = applyModel(stages.get(0), idToClass.get(0), f, k, featureNames(bank, k, 0));
    for (int s = 1; s <= upTo; s++) {
      f = concat(f, ContextFeatures.compute(prob, w, h));
      prob = applyModel(stages.get(s), idToClass.get(s), f, k, featureNames(bank, k, s));
    }
    boolean weighted = false;
    for (double v : priorWeights) {
      weighted |= v != 1.0;
    }
    if (weighted && upTo == stages.size() - 1) {
      int n = px.length;
      for (int i = 0; i < n; i++) {
        double sum = 0;
        for (int c = 0; c < k; c++) {
          sum += prob[c][i] * priorWeights[c];
        }
        for (int c = 0; c < k; c++) {
          prob[c][i] = sum > 0 ? (float) (prob[c][i] * priorWeights[c] / sum) : prob[c][i];
        }
      }
    }
    return prob;
  }

  /** Applies one stage model to dense feature planes. */
  static float[][] applyModel(
      Model<Label> model, int[] idToClass, float[][] f, int k, List<String> names) {
    int n = f[0].length;
    int nf = f.length;
    float[][] prob = new float[k][n];
    if (model instanceof XGBoostModel<Label> xgb) {
      List<Booster> boosters = xgb.getInnerModels();
      if (boosters.size() != 1) {
        throw new IllegalStateException(
            "expected one XGBoost booster for a classifier, found " + boosters.size());
      }
      Booster b = boosters.get(0);
      int chunk = 1 << 16;
      float[] block = new float[chunk * nf];
      for (int s = 0; s < n; s += chunk) {
        int rows = Math.min(chunk, n - s);
        for (int r = 0; r < rows; r++) {
          int base = r * nf;
          for (int q = 0; q < nf; q++) {
            block[base + q] = f[q][s + r];
          }
        }
        try {
          DMatrix dm =
              new DMatrix(
                  rows == chunk ? block : java.util.Arrays.copyOf(block, rows * nf),
                  rows,
                  nf,
                  Float.NaN);
          float[][] pr = b.predict(dm);
          dm.dispose();
          for (int r = 0; r < rows; r++) {
            if (pr[r].length == 1) {
              prob[idToClass[1]][s + r] = pr[r][0];
              prob[idToClass[0]][s + r] = 1 - pr[r][0];
            } else {
              for (int id = 0; id < pr[r].length; id++) {
                prob[idToClass[id]][s + r] = pr[r][id];
              }
            }
          }
        } catch (XGBoostError e) {
          throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
        }
      }
      return prob;
    }
    if (names.size() != nf) {
      throw new IllegalStateException(
          "stage expects " + names.size() + " features, the feature planes are " + nf);
    }
    String[] nameArr = names.toArray(new String[0]);
    int chunk = 8192;
    for (int s = 0; s < n; s += chunk) {
      int rows = Math.min(chunk, n - s);
      List<Example<Label>> ex = new ArrayList<>(rows);
      for (int r = 0; r < rows; r++) {
        double[] v = new double[nf];
        for (int q = 0; q < nf; q++) {
          v[q] = f[q][s + r];
        }
        ex.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, nameArr, v));
      }
      List<Prediction<Label>> preds = model.predict(ex);
      for (int r = 0; r < rows; r++) {
        Prediction<Label> pr = preds.get(r);
        if (pr.hasProbabilities()) {
          for (var e : pr.getOutputScores().entrySet()) {
            prob[Integer.parseInt(e.getKey())][s + r] = (float) e.getValue().getScore();
          }
        } else {
          prob[Integer.parseInt(pr.getOutput().getLabel())][s + r] = 1f;
        }
      }
    }
    return prob;
  }

  /** Tribuo's own prediction path of the first stage for a few pixels (cross-checks the fast path). */
  int[] predictViaTribuo(float[][] features, int[] pixels) {
    String[] nameArr = bank.featureNames().toArray(new String[0]);
    int[] out = new int[pixels.length];
    for (int t = 0; t < pixels.length; t++) {
      double[] v = new double[features.length];
      for (int q = 0; q < features.length; q++) {
        v[q] = features[q][pixels[t]];
      }
      out[t] =
          Integer.parseInt(
              stages.get(0)
                  .predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, nameArr, v))
                  .getOutput()
                  .getLabel());
    }
    return out;
  }

  /** Writes the model ZIP (see {@link PixelClassifierFile}). */
  public void save(Path file) throws IOException {
    PixelClassifierFile.save(this, file);
  }

  /** Reads a model ZIP written by {@link #save} (format versions 1 and 2). */
  public static PixelClassifier load(Path file) throws IOException {
    return PixelClassifierFile.load(file);
  }

  /** The stage models (stage 0 first), for the file format. */
  List<Model<Label>> stages() {
    return stages;
  }
}
