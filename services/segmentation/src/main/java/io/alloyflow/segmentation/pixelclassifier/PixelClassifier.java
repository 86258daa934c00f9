package io.alloyflow.segmentation.pixelclassifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alloyflow.core.provenance.AlgorithmInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tribuo.Example;
import org.tribuo.ImmutableOutputInfo;
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
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * A trained pixel classifier: filter-bank features + Tribuo XGBoost or random forest.
 *
 * <p>Training samples at most {@code samplesPerClassPerImage} labelled pixels of each class from
 * every image (stratified, seeded) so that rare phases are not swamped. Prediction with XGBoost
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

  /** Training settings. */
  public record Settings(
      Learner learner, int trees, int maxDepth, int samplesPerClassPerImage, long seed, int threads) {
    public Settings {
      if (trees < 1 || maxDepth < 1 || samplesPerClassPerImage < 1 || threads < 1) {
        throw new IllegalArgumentException(
            "trees, maxDepth, samplesPerClassPerImage and threads must be >= 1");
      }
    }

    public static Settings defaults() {
      return new Settings(Learner.XGBOOST, 80, 6, 3000, 42L, 2);
    }
  }

  public static final String ALGORITHM = "pixel-classifier";
  public static final String VERSION = "1.0";
  public static final String REFERENCE =
      "Berg S. et al. 2019, ilastik, Nature Methods 16:1226; Chen T. and Guestrin C. 2016,"
          + " XGBoost, KDD; Breiman L. 2001, Random forests, Machine Learning 45:5";

  private final FeatureBank bank;
  private final List<String> classNames;
  private final Model<Label> model;
  private final AlgorithmInfo algorithm;
  private final List<String> trainingData;
  private final int[] idToClass;

  private PixelClassifier(
      FeatureBank bank,
      List<String> classNames,
      Model<Label> model,
      AlgorithmInfo algorithm,
      List<String> trainingData) {
    this.bank = bank;
    this.classNames = List.copyOf(classNames);
    this.model = model;
    this.algorithm = algorithm;
    this.trainingData = List.copyOf(trainingData);
    ImmutableOutputInfo<Label> info = model.getOutputIDInfo();
    idToClass = new int[info.size()];
    for (var pair : info) {
      idToClass[pair.getA()] = Integer.parseInt(pair.getB().getLabel());
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

  /** Tribuo's provenance of the trained model (trainer, hyper-parameters, dataset). */
  public String tribuoProvenance() {
    return model.getProvenance().toString();
  }

  /** SHA-256 hashes (with sources) of the training images and masks. */
  public List<String> trainingData() {
    return trainingData;
  }

  /** Trains a classifier. */
  public static PixelClassifier train(
      List<TrainingImage> images, List<String> classNames, FeatureBank bank, Settings s) {
    if (images.isEmpty()) {
      throw new IllegalArgumentException("no training images given");
    }
    int k = classNames.size();
    if (k < 2) {
      throw new IllegalArgumentException("need at least 2 classes, found " + k);
    }
    List<String> names = bank.featureNames();
    String[] nameArr = names.toArray(new String[0]);
    MutableDataset<Label> ds =
        new MutableDataset<>(
            new SimpleDataSourceProvenance(
                "alloyflow pixel features (" + images.size() + " images)",
                OffsetDateTime.parse("2000-01-01T00:00:00Z"),
                new LabelFactory()),
            new LabelFactory());
    SplittableRandom rnd = new SplittableRandom(s.seed());
    List<String> hashes = new ArrayList<>();
    long[] perClass = new long[k];
    for (TrainingImage im : images) {
      hashes.add(im.source() + " sha256=" + sha256(im.pixels(), im.labels()));
      List<List<Integer>> byClass = new ArrayList<>();
      for (int c = 0; c < k; c++) {
        byClass.add(new ArrayList<>());
      }
      for (int i = 0; i < im.labels().length; i++) {
        int c = im.classAt(i);
        if (c >= k) {
          throw new IllegalArgumentException(
              "training mask "
                  + im.source()
                  + " holds class "
                  + c
                  + " at pixel "
                  + i
                  + " but only "
                  + k
                  + " classes are named "
                  + classNames);
        }
        if (c >= 0) {
          byClass.get(c).add(i);
        }
      }
      float[][] f = bank.compute(im.pixels(), im.width(), im.height());
      for (int c = 0; c < k; c++) {
        List<Integer> idx = byClass.get(c);
        int take = Math.min(idx.size(), s.samplesPerClassPerImage());
        // partial Fisher-Yates shuffle for a seeded sample without replacement
        for (int t = 0; t < take; t++) {
          int j = t + rnd.nextInt(idx.size() - t);
          int tmp = idx.get(t);
          idx.set(t, idx.get(j));
          idx.set(j, tmp);
          int p = idx.get(t);
          double[] v = new double[f.length];
          for (int q = 0; q < f.length; q++) {
            v[q] = f[q][p];
          }
          ds.add(new ArrayExample<>(new Label(Integer.toString(c)), nameArr, v));
        }
        perClass[c] += take;
      }
    }
    for (int c = 0; c < k; c++) {
      if (perClass[c] == 0) {
        throw new IllegalArgumentException(
            "class '" + classNames.get(c) + "' has no labelled pixels in the training data");
      }
    }
    Trainer<Label> trainer;
    if (s.learner() == Learner.XGBOOST) {
      trainer =
          new XGBoostClassificationTrainer(
              s.trees(), 0.3, 0.0, s.maxDepth(), 1.0, 0.8, 1.0, 1.0, 0.0, s.threads(), true,
              s.seed());
    } else {
      trainer =
          new RandomForestTrainer<>(
              new CARTClassificationTrainer(s.maxDepth(), 0.33f, s.seed()),
              new VotingCombiner(),
              s.trees());
    }
    Model<Label> m = trainer.train(ds);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("learner", s.learner().name());
    params.put("trees", Integer.toString(s.trees()));
    params.put("maxDepth", Integer.toString(s.maxDepth()));
    params.put("samplesPerClassPerImage", Integer.toString(s.samplesPerClassPerImage()));
    params.put("seed", Long.toString(s.seed()));
    params.put("sigmas", java.util.Arrays.toString(bank.sigmas()));
    params.put("classes", String.join(",", classNames));
    params.put("trainingExamples", Integer.toString(ds.size()));
    return new PixelClassifier(
        bank, classNames, m, new AlgorithmInfo(ALGORITHM, VERSION, REFERENCE, params), hashes);
  }

  /** Class index per pixel. */
  public int[] predict(float[] px, int w, int h) {
    float[][] p = probabilities(px, w, h);
    int n = px.length;
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

  /** Class probabilities [class][pixel]. */
  public float[][] probabilities(float[] px, int w, int h) {
    float[][] f = bank.compute(px, w, h);
    int n = px.length;
    int nf = f.length;
    int k = classNames.size();
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
    List<String> names = bank.featureNames();
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

  /** Tribuo's own prediction path for a few pixels (used to cross-check the fast path). */
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
              model
                  .predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, nameArr, v))
                  .getOutput()
                  .getLabel());
    }
    return out;
  }

  /** Writes the model ZIP. */
  public void save(Path file) throws IOException {
    ObjectMapper om = new ObjectMapper();
    ObjectNode root = om.createObjectNode();
    root.put("format", "alloyflow-pixel-classifier");
    root.put("formatVersion", 1);
    ArrayNode cn = root.putArray("classNames");
    classNames.forEach(cn::add);
    ArrayNode sg = root.putArray("sigmas");
    for (double v : bank.sigmas()) {
      sg.add(v);
    }
    ObjectNode alg = root.putObject("algorithm");
    alg.put("name", algorithm.name());
    alg.put("version", algorithm.version());
    alg.put("reference", algorithm.reference());
    ObjectNode par = alg.putObject("parameters");
    algorithm.parameters().forEach(par::put);
    ArrayNode td = root.putArray("trainingData");
    trainingData.forEach(td::add);
    root.put("tribuoProvenance", tribuoProvenance());
    ByteArrayOutputStream modelBytes = new ByteArrayOutputStream();
    model.serializeToStream(modelBytes);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream os = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(os)) {
      zip.putNextEntry(new ZipEntry("model.json"));
      zip.write(om.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("tribuo-model.pb"));
      zip.write(modelBytes.toByteArray());
      zip.closeEntry();
    }
  }

  /** Reads a model ZIP written by {@link #save}. */
  @SuppressWarnings("unchecked")
  public static PixelClassifier load(Path file) throws IOException {
    Map<String, byte[]> entries = new HashMap<>();
    try (InputStream is = Files.newInputStream(file);
        ZipInputStream zip = new ZipInputStream(is)) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        entries.put(e.getName(), zip.readAllBytes());
      }
    } catch (IOException e) {
      throw new IOException(
          file + ": not a pixel-classifier model (expected a ZIP with model.json): " + e.getMessage(),
          e);
    }
    if (!entries.containsKey("model.json") || !entries.containsKey("tribuo-model.pb")) {
      throw new IOException(
          file
              + ": not a pixel-classifier model (expected ZIP entries model.json and"
              + " tribuo-model.pb, found "
              + entries.keySet()
              + ")");
    }
    ObjectMapper om = new ObjectMapper();
    var root = om.readTree(entries.get("model.json"));
    if (!"alloyflow-pixel-classifier".equals(root.path("format").asText())) {
      throw new IOException(file + ": model.json format is not alloyflow-pixel-classifier");
    }
    List<String> names = new ArrayList<>();
    root.path("classNames").forEach(n -> names.add(n.asText()));
    List<Double> sig = new ArrayList<>();
    root.path("sigmas").forEach(n -> sig.add(n.asDouble()));
    double[] sigmas = sig.stream().mapToDouble(Double::doubleValue).toArray();
    var alg = root.path("algorithm");
    Map<String, String> params = new LinkedHashMap<>();
    alg.path("parameters").fields().forEachRemaining(en -> params.put(en.getKey(), en.getValue().asText()));
    List<String> td = new ArrayList<>();
    root.path("trainingData").forEach(n -> td.add(n.asText()));
    Model<?> m = Model.deserializeFromStream(new ByteArrayInputStream(entries.get("tribuo-model.pb")));
    if (!m.validate(Label.class)) {
      throw new IOException(file + ": the Tribuo model is not a classification model");
    }
    return new PixelClassifier(
        new FeatureBank(sigmas),
        names,
        (Model<Label>) m,
        new AlgorithmInfo(
            alg.path("name").asText(ALGORITHM),
            alg.path("version").asText(VERSION),
            alg.path("reference").asText(REFERENCE),
            params),
        td);
  }

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
