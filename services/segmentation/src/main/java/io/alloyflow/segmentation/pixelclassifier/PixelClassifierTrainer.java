package io.alloyflow.segmentation.pixelclassifier;

import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.segmentation.pixelclassifier.PixelClassifier.Learner;
import io.alloyflow.segmentation.pixelclassifier.PixelClassifier.Settings;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains a {@link PixelClassifier}: class-balanced pixel sampling, the filter-bank features of the
 * sampled pixels, Tribuo XGBoost or random forest, optional auto-context stages and prior
 * correction.
 *
 * <p><b>Memory is bounded by the sample, not by the number of images.</b> Only the sampled
 * pixels' feature rows are kept; an image's dense feature planes exist while that image is
 * processed (they are cached across stages only when all of them fit in a quarter of the heap).
 * The earlier stages' probability maps, which auto-context needs, are kept per image as bytes
 * (1/255 resolution). The sample itself is capped: at most {@link #MAX_EXAMPLES_PER_CLASS}
 * pixels per class over all images.
 *
 * <p><b>Rare classes</b>: each class gets the same quota ({@code samplesPerClassPerImage} x
 * images, capped), shared equally among the images that contain it and refilled from the others
 * when an image has too few pixels of it (water filling), so a class present in a few images
 * only gets as many training pixels as a common one; prior correction then restores the true
 * class frequencies at prediction (Saerens M., Latinne P. and Decaestecker C., 2002, Neural
 * Computation 14:21-41).
 */
public final class PixelClassifierTrainer {
  private PixelClassifierTrainer() {}

  /** Most sampled pixels per class over all training images (bounds memory and time). */
  public static final int MAX_EXAMPLES_PER_CLASS = 30_000;

  /** Progress sink: called after each unit of work (an image's features or a model fit). */
  @FunctionalInterface
  public interface Progress {
    /**
     * Reports the step just finished, the estimated percentage done and the estimated seconds
     * left (NaN until the first model fit, whose duration the estimate needs).
     */
    void report(String step, int percent, double secondsLeft);

    /** Ignores all reports. */
    Progress NONE = (s, d, t) -> {};
  }

  /**
   * Time estimate from the measured cost of the two kinds of work: per-image feature and
   * probability passes, and model fits (weighted by their share of the examples).
   */
  private static final class Clock {
    private final long t0 = System.nanoTime();
    private long last = t0;
    private final double imageTotal;
    private final double fitTotal;
    private double imageDone;
    private double fitDone;
    private double imageSeconds;
    private double fitSeconds;

    Clock(double imageTotal, double fitTotal) {
      this.imageTotal = imageTotal;
      this.fitTotal = fitTotal;
    }

    void image(Progress p, String step) {
      double dt = lap();
      imageDone++;
      imageSeconds += dt;
      emit(p, step);
    }

    void fit(Progress p, String step, double weight) {
      double dt = lap();
      fitDone += weight;
      fitSeconds += dt;
      emit(p, step);
    }

    private double lap() {
      long now = System.nanoTime();
      double dt = (now - last) / 1e9;
      last = now;
      return dt;
    }

    private void emit(Progress p, String step) {
      double left = fitDone == 0 ? Double.NaN
          : (imageTotal - imageDone) * (imageSeconds / Math.max(1, imageDone))
              + (fitTotal - fitDone) * (fitSeconds / fitDone);
      double el = (System.nanoTime() - t0) / 1e9;
      int pct = Double.isNaN(left)
          ? (int) (100 * (imageDone + fitDone) / (imageTotal + fitTotal))
          : (int) Math.round(100 * el / (el + Math.max(0, left)));
      p.report(step, Math.min(100, pct), Double.isNaN(left) ? left : Math.max(0, left));
    }
  }

  /** Trains without progress reports or time budget. */
  public static PixelClassifier train(
      List<TrainingImage> images, List<String> classNames, FeatureBank bank, Settings s) {
    return train(images, classNames, bank, s, Progress.NONE, () -> false);
  }

  /**
   * Trains a classifier. With {@code autoContextStages > 0} the stage-s classifier is trained on
   * the filter bank plus {@link ContextFeatures} of stage s-1's probabilities; when there are at
   * least two training images those probabilities are cross-fitted (each image is predicted by
   * a stage model trained on the other images, up to 3 folds), so that stage s learns how much to
   * trust stage s-1 on unseen data rather than on its own training pixels (stacked
   * generalisation, Wolpert D.H., 1992, Neural Networks 5:241-259).
   *
   * @param progress progress sink (units: feature extraction per image and stage, model fits)
   * @param outOfTime checked before each auto-context stage; when true, training stops with the
   *     stages finished so far (a valid model with fewer stages, recorded in its parameters)
   */
  public static PixelClassifier train(
      List<TrainingImage> images, List<String> classNames, FeatureBank bank, Settings s,
      Progress progress, BooleanSupplier outOfTime) {
    return train(images, classNames, bank, s, PixelAugmentation.NONE, progress, outOfTime);
  }

  /**
   * Trains on the images and {@code augmentation.copies()} seeded augmented copies of each
   * ({@link PixelAugmentation}). The copies share the sampling quota (so memory and fit time stay
   * those of the originals), and each copy sits in its original's auto-context cross-fitting fold
   * (a fold model never predicts a copy of an image it was trained on). Intensity statistics and
   * training-data hashes are those of the originals.
   */
  public static PixelClassifier train(
      List<TrainingImage> originals, List<String> classNames, FeatureBank bank, Settings s,
      PixelAugmentation augmentation, Progress progress, BooleanSupplier outOfTime) {
    if (originals.isEmpty()) {
      throw new IllegalArgumentException("no training images given");
    }
    List<TrainingImage> images = new ArrayList<>(originals);
    SplittableRandom augRnd = new SplittableRandom(s.seed() ^ 0x5DEECE66DL);
    for (int copy = 1; copy <= augmentation.copies(); copy++) {
      for (TrainingImage im : originals) {
        images.add(augmentation.apply(im, copy, augRnd));
      }
    }
    // copies are appended in the originals' order: image m belongs to original m mod N
    int[] groupOf = IntStream.range(0, images.size()).map(m -> m % originals.size()).toArray();
    int k = classNames.size();
    if (k < 2) {
      throw new IllegalArgumentException("need at least 2 classes, found " + k);
    }
    int n = images.size();
    int nOriginal = originals.size();
    List<String> hashes = new ArrayList<>();
    for (TrainingImage im : originals) {
      hashes.add(im.source() + " sha256=" + sha256(im.pixels(), im.labels()));
    }
    int quota =
        (int) Math.min((long) s.samplesPerClassPerImage() * nOriginal, MAX_EXAMPLES_PER_CLASS);
    long[] perClass = new long[k];
    int[][] samples = samplePixels(images, k, quota, new SplittableRandom(s.seed()), perClass);
    for (int c = 0; c < k; c++) {
      if (perClass[c] == 0) {
        throw new IllegalArgumentException(
            "class '" + classNames.get(c) + "' has no labelled pixels in the training data");
      }
    }
    double[] prior = priorWeights(images, k, perClass, s.priorCorrection());
    boolean priorApplied = prior != null;
    if (prior == null) {
      prior = new double[k];
      Arrays.fill(prior, 1.0);
    }
    int[][] y = new int[n][];
    for (int m = 0; m < n; m++) {
      y[m] = new int[samples[m].length];
      for (int t = 0; t < samples[m].length; t++) {
        y[m][t] = images.get(m).classAt(samples[m][t]);
      }
    }
    int folds = Math.min(nOriginal, 3);
    int stagesWanted = s.autoContextStages();
    double foldWeight = folds < 2 ? 0 : (folds - 1.0) / folds;
    Clock clock = new Clock((2.0 * stagesWanted + 1) * n,
        stagesWanted + 1 + stagesWanted * folds * foldWeight);
    FeatureSource src = new FeatureSource(images, bank, k, stagesWanted);
    int[] all = IntStream.range(0, n).toArray();
    List<Model<Label>> stageModels = new ArrayList<>();
    boolean stoppedEarly = false;
    for (int stage = 0; stage <= stagesWanted; stage++) {
      if (stage > 0 && outOfTime.getAsBoolean()) {
        stoppedEarly = true;
        break;
      }
      List<String> names = PixelClassifier.featureNames(bank, k, stage);
      List<float[][]> rows = new ArrayList<>();
      for (int m = 0; m < n; m++) {
        rows.add(rowsOf(src.features(m, stage), samples[m]));
        clock.image(progress, "stage " + stage + ": features of image " + (m + 1) + "/" + n);
      }
      long seed = s.seed() + 7919L * stage;
      Model<Label> full = fit(rows, y, names, all, s, seed, stage);
      stageModels.add(full);
      clock.fit(progress, "stage " + stage + ": model fitted", 1.0);
      if (stage == stagesWanted) {
        break;
      }
      // probabilities of this stage on the training images, cross-fitted when possible
      List<Model<Label>> foldModels = new ArrayList<>();
      if (folds >= 2) {
        for (int fold = 0; fold < folds; fold++) {
          final int fo = fold;
          int[] trainIdx =
              IntStream.range(0, n).filter(m -> groupOf[m] % folds != fo).toArray();
          foldModels.add(fit(rows, y, names, trainIdx, s, seed + fold + 1, stage));
          clock.fit(progress, "stage " + stage + ": cross-fit fold " + (fold + 1) + "/" + folds,
              foldWeight);
        }
      }
      rows = null; // the sampled rows of this stage are no longer needed
      for (int m = 0; m < n; m++) {
        Model<Label> pm = folds >= 2 ? foldModels.get(groupOf[m] % folds) : full;
        src.setProbabilities(m, stage + 1,
            PixelClassifier.applyModel(pm, PixelClassifier.idToClass(pm),
                src.features(m, stage), k, names));
        clock.image(progress, "stage " + stage + ": probabilities of image " + (m + 1) + "/" + n);
      }
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("learner", s.learner().name());
    if (s.learner() == Learner.XGBOOST) {
      params.put("treeMethod", "hist");
    }
    params.put("trees", Integer.toString(s.trees()));
    params.put("maxDepth", Integer.toString(s.maxDepth()));
    params.put("samplesPerClassPerImage", Integer.toString(s.samplesPerClassPerImage()));
    params.put("samplesPerClass", Integer.toString(quota));
    params.put("sampling", "class-balanced, water-filled across images");
    params.put("augmentation", augmentation.describe());
    params.put("seed", Long.toString(s.seed()));
    params.put("sigmas", Arrays.toString(bank.sigmas()));
    params.put("localStatistics", Boolean.toString(bank.localStatistics()));
    params.put("classes", String.join(",", classNames));
    long examples = 0;
    for (int[] v : samples) {
      examples += v.length;
    }
    params.put("trainingExamples", Long.toString(examples));
    params.put("trainingExamplesPerClass", Arrays.toString(perClass));
    params.put("autoContextStages", Integer.toString(stageModels.size() - 1));
    if (stoppedEarly) {
      params.put("autoContextStagesRequested", Integer.toString(stagesWanted));
      params.put("stoppedBy", "time budget");
    }
    params.put("autoContextCrossFitFolds", Integer.toString(folds < 2 ? 0 : folds));
    params.put("priorCorrection", Boolean.toString(priorApplied));
    params.put("priorWeights", Arrays.toString(prior));
    params.put("minRegionPx", Integer.toString(s.minRegionPx()));
    List<IntensityStats> stats = new ArrayList<>();
    for (TrainingImage im : originals) {
      stats.add(IntensityStats.of(im.pixels(), im.width(), im.height()));
    }
    IntensityStats.record(stats, params);
    return new PixelClassifier(bank, classNames, stageModels, prior, s.minRegionPx(),
        new AlgorithmInfo(PixelClassifier.ALGORITHM, PixelClassifier.VERSION,
            PixelClassifier.REFERENCE, params), hashes);
  }

  /**
   * Dense feature planes of a training image at a stage: the filter bank plus the context
   * features of every earlier stage's probabilities. Bank planes are cached when all images' fit
   * in a quarter of the heap, else recomputed; probabilities are kept as bytes.
   */
  private static final class FeatureSource {
    private final List<TrainingImage> images;
    private final FeatureBank bank;
    private final int k;
    private final float[][][] cache;
    /** probs[stage][image][class] quantised to 0..255 (stage index = the stage that uses them). */
    private final byte[][][][] probs;

    FeatureSource(List<TrainingImage> images, FeatureBank bank, int k, int stages) {
      this.images = images;
      this.bank = bank;
      this.k = k;
      long bytes = 0;
      for (TrainingImage im : images) {
        bytes += 4L * im.pixels().length * bank.featureCount();
      }
      this.cache = bytes < Runtime.getRuntime().maxMemory() / 4 ? new float[images.size()][][] : null;
      this.probs = new byte[stages + 1][images.size()][][];
    }

    float[][] features(int m, int stage) {
      TrainingImage im = images.get(m);
      float[][] f = cache != null ? cache[m] : null;
      if (f == null) {
        f = bank.compute(im.pixels(), im.width(), im.height());
        if (cache != null) {
          cache[m] = f;
        }
      }
      for (int s = 1; s <= stage; s++) {
        f = PixelClassifier.concat(f,
            ContextFeatures.compute(dequantise(probs[s][m]), im.width(), im.height()));
      }
      return f;
    }

    void setProbabilities(int m, int stage, float[][] p) {
      byte[][] q = new byte[k][p[0].length];
      for (int c = 0; c < k; c++) {
        for (int i = 0; i < p[c].length; i++) {
          q[c][i] = (byte) Math.round(Math.max(0f, Math.min(1f, p[c][i])) * 255f);
        }
      }
      probs[stage][m] = q;
    }

    private static float[][] dequantise(byte[][] q) {
      float[][] p = new float[q.length][q[0].length];
      for (int c = 0; c < q.length; c++) {
        for (int i = 0; i < q[c].length; i++) {
          p[c][i] = (q[c][i] & 0xff) / 255f;
        }
      }
      return p;
    }
  }

  /** Rows [sample][feature] of the sampled pixels. */
  private static float[][] rowsOf(float[][] f, int[] pixels) {
    float[][] r = new float[pixels.length][f.length];
    for (int t = 0; t < pixels.length; t++) {
      int p = pixels[t];
      for (int q = 0; q < f.length; q++) {
        r[t][q] = f[q][p];
      }
    }
    return r;
  }

  /**
   * Prior-correction factors pi_c / q_c (dense-mask class frequency over sampled frequency), or
   * null when correction is off or every mask is a scribble (scribbles say nothing about priors).
   */
  private static double[] priorWeights(
      List<TrainingImage> images, int k, long[] perClass, boolean on) {
    if (!on) {
      return null;
    }
    double[] freq = new double[k];
    double dense = 0;
    for (TrainingImage im : images) {
      if (!im.scribbles()) {
        for (int i = 0; i < im.labels().length; i++) {
          int c = im.classAt(i);
          if (c >= 0) {
            freq[c]++;
            dense++;
          }
        }
      }
    }
    if (dense == 0) {
      return null;
    }
    long total = 0;
    for (long v : perClass) {
      total += v;
    }
    double[] prior = new double[k];
    for (int c = 0; c < k; c++) {
      // a class absent from the dense masks keeps a small floor instead of a zero prior
      double pi = Math.max(freq[c] / dense, 1e-4);
      prior[c] = pi / ((double) perClass[c] / total);
    }
    return prior;
  }

  /**
   * Sampled pixel indices per training image: per class, {@code quota} pixels over all images,
   * shared equally among the images that hold the class and water-filled (an image with fewer
   * pixels of the class gives all it has, the rest is shared among the others); within an image
   * a seeded sample without replacement (partial Fisher-Yates).
   */
  static int[][] samplePixels(
      List<TrainingImage> images, int k, int quota, SplittableRandom rnd, long[] countOut) {
    int n = images.size();
    int[][] count = new int[n][k];
    for (int m = 0; m < n; m++) {
      TrainingImage im = images.get(m);
      for (int i = 0; i < im.labels().length; i++) {
        int c = im.classAt(i);
        if (c >= k) {
          throw new IllegalArgumentException(
              "training mask " + im.source() + " holds class " + c + " at pixel (" + (i % im.width())
                  + ", " + (i / im.width()) + ") but only " + k + " classes are named");
        }
        if (c >= 0) {
          count[m][c]++;
        }
      }
    }
    int[][] take = new int[n][k];
    for (int c = 0; c < k; c++) {
      int remaining = quota;
      boolean[] full = new boolean[n];
      while (remaining > 0) {
        int open = 0;
        for (int m = 0; m < n; m++) {
          if (!full[m] && count[m][c] > take[m][c]) {
            open++;
          }
        }
        if (open == 0) {
          break;
        }
        int share = Math.max(1, remaining / open);
        for (int m = 0; m < n && remaining > 0; m++) {
          int avail = count[m][c] - take[m][c];
          if (full[m] || avail <= 0) {
            continue;
          }
          int t = Math.min(Math.min(share, avail), remaining);
          take[m][c] += t;
          remaining -= t;
          if (take[m][c] == count[m][c]) {
            full[m] = true;
          }
        }
      }
    }
    int[][] out = new int[n][];
    for (int m = 0; m < n; m++) {
      TrainingImage im = images.get(m);
      int[][] byClass = new int[k][];
      int[] fill = new int[k];
      for (int c = 0; c < k; c++) {
        byClass[c] = new int[count[m][c]];
      }
      for (int i = 0; i < im.labels().length; i++) {
        int c = im.classAt(i);
        if (c >= 0) {
          byClass[c][fill[c]++] = i;
        }
      }
      int total = 0;
      for (int c = 0; c < k; c++) {
        total += take[m][c];
      }
      int[] chosen = new int[total];
      int o = 0;
      for (int c = 0; c < k; c++) {
        int[] idx = byClass[c];
        for (int t = 0; t < take[m][c]; t++) {
          int j = t + rnd.nextInt(idx.length - t);
          int tmp = idx[t];
          idx[t] = idx[j];
          idx[j] = tmp;
          chosen[o++] = idx[t];
        }
        countOut[c] += take[m][c];
      }
      out[m] = chosen;
    }
    return out;
  }

  private static Model<Label> fit(
      List<float[][]> rows, int[][] y, List<String> names, int[] which, Settings s, long seed,
      int stage) {
    String[] nameArr = names.toArray(new String[0]);
    MutableDataset<Label> ds =
        new MutableDataset<>(
            new SimpleDataSourceProvenance(
                "alloyflow pixel features (" + which.length + " images, stage " + stage + ")",
                OffsetDateTime.parse("2000-01-01T00:00:00Z"),
                new LabelFactory()),
            new LabelFactory());
    for (int m : which) {
      float[][] r = rows.get(m);
      for (int t = 0; t < r.length; t++) {
        double[] v = new double[r[t].length];
        for (int q = 0; q < v.length; q++) {
          v[q] = r[t][q];
        }
        ds.add(new ArrayExample<>(new Label(Integer.toString(y[m][t])), nameArr, v));
      }
    }
    Trainer<Label> trainer;
    if (s.learner() == Learner.XGBOOST) {
      // histogram split finding (256 bins per feature; Chen and Guestrin 2016, sec. 3.3; the
      // "hist" method of XGBoost >= 0.81): several times faster than the exact greedy search on
      // 10^5 sampled pixels and as accurate on these smooth filter responses
      trainer =
          new XGBoostClassificationTrainer(
              XGBoostTrainer.BoosterType.GBTREE, XGBoostTrainer.TreeMethod.HIST, s.trees(), 0.3,
              0.0, s.maxDepth(), 1.0, 0.8, 1.0, 1.0, 0.0, s.threads(),
              XGBoostTrainer.LoggingVerbosity.SILENT, seed);
    } else {
      trainer =
          new RandomForestTrainer<>(
              new CARTClassificationTrainer(s.maxDepth(), 0.33f, seed),
              new VotingCombiner(),
              s.trees());
    }
    return trainer.train(ds);
  }

  /** SHA-256 of an image's float pixels followed by its int labels. */
  static String sha256(float[] px, int[] labels) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocate(4 * (px.length + labels.length));
      for (float v : px) {
        bb.putFloat(v);
      }
      for (int v : labels) {
        bb.putInt(v);
      }
      return HexFormat.of().formatHex(md.digest(bb.array()));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
