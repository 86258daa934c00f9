package io.alloyflow.fusion.activity;

import io.alloyflow.fusion.classify.TreeClassifiers;
import io.alloyflow.fusion.inclusions.BseScreening;
import io.alloyflow.fusion.inclusions.Particle;
import io.alloyflow.fusion.inclusions.ParticleDetector;
import io.alloyflow.synthetic.fusion.InclusionField;
import io.alloyflow.synthetic.micro.InclusionSteel;
import io.alloyflow.synthetic.micro.Instance;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The BSE-first screening model of the inclusion activities, trained reproducibly from the
 * synthetic world's labelled particles: synthetic steel fields ({@link InclusionField}, default
 * parameters, seeds {@code 1..trainFields} for training and {@code 501..} for calibration) are
 * rendered, particles are detected with {@link ParticleDetector} exactly as in a scan, each
 * detected particle takes the class of the true inclusion covering most of its pixels (particles
 * that no inclusion covers by half are left out), and gradient-boosted trees (Chen and Guestrin,
 * KDD 2016) on the BSE-only particle features are calibrated by temperature scaling (Guo et al.,
 * ICML 2017) in {@link BseScreening}. The same configuration gives the same model and the same
 * training-data SHA-256 on every worker. Models are cached per configuration in the JVM, so a
 * worker trains once, on its first screening request.
 */
public final class InclusionScreeningModel {
  /** Version of the training recipe (changes when the recipe does). */
  public static final String VERSION = "1";

  /** Class names: the synthetic world's inclusion types plus {@code other}. */
  public static final List<String> CLASSES;

  static {
    List<String> c = new ArrayList<>(InclusionSteel.TYPES);
    c.add("other");
    CLASSES = List.copyOf(c);
  }

  private static final Map<Config, InclusionScreeningModel> CACHE = new ConcurrentHashMap<>();

  /**
   * Training configuration.
   *
   * @param trainFields synthetic fields used for training (seeds 1..trainFields)
   * @param calibrationFields fields for the temperature calibration (seeds 501..)
   * @param trees boosted trees
   * @param depth tree depth
   * @param seed seed of the booster
   */
  public record Config(int trainFields, int calibrationFields, int trees, int depth, long seed) {
    public Config {
      if (trainFields < 1 || trainFields > 200 || calibrationFields < 1 || calibrationFields > 100
          || trees < 1 || trees > 2000 || depth < 1 || depth > 16) {
        throw new IllegalArgumentException("screening model config needs trainFields 1..200,"
            + " calibrationFields 1..100, trees 1..2000, depth 1..16; found " + trainFields + ", "
            + calibrationFields + ", " + trees + ", " + depth);
      }
    }

    /**
     * 10 training and 5 calibration fields of 512 x 512 px, 150 trees of depth 4 (the recipe of
     * the fusion throughput bench, {@code bench/fusion/throughput.txt}).
     */
    public static Config defaults() {
      return new Config(10, 5, 150, 4, 11);
    }
  }

  private final Config config;
  private final BseScreening screening;
  private final String trainingSha256;
  private final int trainingParticles;
  private final long trainingMs;

  private InclusionScreeningModel(Config config, BseScreening screening, String trainingSha256,
      int trainingParticles, long trainingMs) {
    this.config = config;
    this.screening = screening;
    this.trainingSha256 = trainingSha256;
    this.trainingParticles = trainingParticles;
    this.trainingMs = trainingMs;
  }

  /**
   * The model of a configuration, trained on first use (once per JVM).
   *
   * @param progress called after every synthetic field is prepared (a heartbeat)
   */
  public static InclusionScreeningModel shared(Config config, Runnable progress) {
    InclusionScreeningModel m = CACHE.get(config);
    if (m != null) {
      return m;
    }
    synchronized (CACHE) {
      return CACHE.computeIfAbsent(config, c -> train(c, progress));
    }
  }

  /** Trains a model (no cache). */
  public static InclusionScreeningModel train(Config c, Runnable progress) {
    long t0 = System.currentTimeMillis();
    InclusionField.Params p = InclusionField.Params.defaults();
    int m = ParticleDetector.FEATURE_NAMES.size();
    Rows train = new Rows(m);
    for (int s = 1; s <= c.trainFields(); s++) {
      train.add(InclusionField.generate(p, s));
      progress.run();
    }
    Rows calib = new Rows(m);
    for (int s = 0; s < c.calibrationFields(); s++) {
      calib.add(InclusionField.generate(p, 501 + s));
      progress.run();
    }
    if (train.labels.size() < 10 || calib.labels.isEmpty()) {
      throw new IllegalStateException("too few labelled particles to train the screening model: "
          + train.labels.size() + " training, " + calib.labels.size() + " calibration");
    }
    BseScreening scr = new BseScreening(TreeClassifiers.xgboost(c.trees(), c.depth(), c.seed()),
        CLASSES);
    scr.fit(train.x(), m, train.y(), calib.x(), calib.y());
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
    train.digest(md);
    calib.digest(md);
    return new InclusionScreeningModel(c, scr, HexFormat.of().formatHex(md.digest()),
        train.labels.size(), System.currentTimeMillis() - t0);
  }

  /** Calibrated class probabilities per particle (rows in the order given). */
  public double[][] predict(List<Particle> particles) {
    int m = ParticleDetector.FEATURE_NAMES.size();
    if (particles.isEmpty()) {
      return new double[0][];
    }
    float[] x = new float[particles.size() * m];
    for (int k = 0; k < particles.size(); k++) {
      System.arraycopy(particles.get(k).bseFeatures(), 0, x, k * m, m);
    }
    return screening.predict(x, m);
  }

  /** Class names (index = column of {@link #predict}). */
  public List<String> classes() {
    return CLASSES;
  }

  /** SHA-256 of the training and calibration rows and labels (identifies the training data). */
  public String trainingSha256() {
    return trainingSha256;
  }

  /** Stable id: recipe version, configuration and training-data hash prefix. */
  public String id() {
    return "bse-screening-xgb-v" + VERSION + "-" + trainingSha256.substring(0, 12);
  }

  /** Number of labelled training particles. */
  public int trainingParticles() {
    return trainingParticles;
  }

  /** Time the training took on this worker (ms). */
  public long trainingMs() {
    return trainingMs;
  }

  /** Calibration temperature. */
  public double temperature() {
    return screening.temperature();
  }

  /** Parameters for provenance. */
  public Map<String, String> parameters() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("screeningModel", id());
    p.put("screeningRecipe", VERSION);
    p.put("trainFields", Integer.toString(config.trainFields()));
    p.put("calibrationFields", Integer.toString(config.calibrationFields()));
    p.put("trees", Integer.toString(config.trees()));
    p.put("depth", Integer.toString(config.depth()));
    p.put("boosterSeed", Long.toString(config.seed()));
    p.put("trainingParticles", Integer.toString(trainingParticles));
    p.put("trainingSha256", trainingSha256);
    p.put("temperature", String.format(java.util.Locale.ROOT, "%.4f", temperature()));
    return p;
  }

  /** Detected particles of a synthetic field with the class of the true inclusion under each. */
  public static List<Map.Entry<Particle, String>> labelled(InclusionField f) {
    List<Particle> detected = ParticleDetector.detect(f.bse(), ParticleDetector.Options.defaults());
    int[] ids = f.microstructure().instanceMap().labels();
    List<Instance> inst = f.microstructure().instances();
    List<Map.Entry<Particle, String>> out = new ArrayList<>();
    for (Particle d : detected) {
      int best = trueInstance(d, ids);
      if (best > 0) {
        out.add(Map.entry(d, inst.get(best - 1).className()));
      }
    }
    return out;
  }

  /**
   * The true inclusion under a detected particle: the instance id (1-based, as in the synthetic
   * instance map) covering most of its pixels, ties to the lower id, or 0 when no instance covers
   * at least half of the particle (a false detection or a merged pair).
   */
  public static int trueInstance(Particle d, int[] instanceIds) {
    Map<Integer, Integer> votes = new HashMap<>();
    for (int px : d.pixels()) {
      if (instanceIds[px] > 0) {
        votes.merge(instanceIds[px], 1, Integer::sum);
      }
    }
    int best = -1;
    int bestV = 0;
    for (Map.Entry<Integer, Integer> e : votes.entrySet()) {
      if (e.getValue() > bestV || (e.getValue() == bestV && e.getKey() < best)) {
        bestV = e.getValue();
        best = e.getKey();
      }
    }
    return best > 0 && bestV * 2 >= d.areaPx() ? best : 0;
  }

  /** Index of a class name ({@code other} for names outside {@link #CLASSES}). */
  public static int index(String cls) {
    int i = CLASSES.indexOf(cls);
    return i < 0 ? CLASSES.size() - 1 : i;
  }

  private static final class Rows {
    final int m;
    final List<float[]> features = new ArrayList<>();
    final List<Integer> labels = new ArrayList<>();

    Rows(int m) {
      this.m = m;
    }

    void add(InclusionField f) {
      for (Map.Entry<Particle, String> e : labelled(f)) {
        features.add(e.getKey().bseFeatures());
        labels.add(index(e.getValue()));
      }
    }

    float[] x() {
      float[] x = new float[features.size() * m];
      for (int r = 0; r < features.size(); r++) {
        System.arraycopy(features.get(r), 0, x, r * m, m);
      }
      return x;
    }

    int[] y() {
      return labels.stream().mapToInt(Integer::intValue).toArray();
    }

    void digest(MessageDigest md) {
      ByteBuffer b = ByteBuffer.allocate(4 * (m + 1));
      for (int r = 0; r < features.size(); r++) {
        b.clear();
        for (float v : features.get(r)) {
          b.putFloat(v);
        }
        b.putInt(labels.get(r));
        md.update(b.array(), 0, b.position());
      }
    }
  }
}
