package io.alloyflow.prediction.vqvae;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.tracker.Tracker;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.prediction.model.TorchRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A trained VQ-VAE for square one-channel phase maps (0 ferrite, 1 martensite): training with
 * reconstruction (binary cross-entropy) + beta x commitment loss |z_e - sg(z_q)|^2 (van den Oord,
 * Vinyals and Kavukcuoglu 2017, eq. 3, beta 0.25), the codebook updated by exponential moving
 * averages of its assigned encoder outputs (ibid., appendix A.1; Razavi et al. 2019) with Laplace
 * smoothing of the counts, and dead-code restarts: a code that no encoder output has chosen for
 * {@code restartAfter} steps is re-initialised to a random encoder output of the current batch
 * (as in Dhariwal et al. 2020, Jukebox; all codes start this way at step 0, a data-dependent
 * initialisation). Codebook usage (codes used, perplexity exp(-sum p log p) of the code
 * frequencies) and restarts are recorded per epoch.
 */
public final class VqVae extends DjlNet {

  private static final System.Logger LOG = System.getLogger(VqVae.class.getName());

  /**
   * Settings.
   *
   * @param side input side (multiple of 4); code maps are side/4 x side/4
   * @param width encoder filters of the first layer (doubled in the second)
   * @param codeDim dimension D of the code vectors
   * @param codes codebook size K (512 in the paper and the issue)
   * @param epochs training epochs
   * @param batch batch size
   * @param learningRate Adam learning rate
   * @param beta commitment loss weight
   * @param decay EMA decay of the codebook statistics
   * @param restartAfter steps without any assignment after which a code is restarted
   * @param seed seed of initialisation, shuffling, augmentation and restarts
   * @param augment train on random periodic shifts and mirror images of the maps
   */
  public record Config(
      int side, int width, int codeDim, int codes, int epochs, int batch, double learningRate,
      double beta, double decay, int restartAfter, long seed, boolean augment) {

    public Config {
      if (side < 8 || side % 4 != 0 || width < 1 || codeDim < 1 || codes < 2 || epochs < 0
          || batch < 1 || !(learningRate > 0) || !(beta >= 0) || !(decay >= 0 && decay < 1)
          || restartAfter < 1) {
        throw new IllegalArgumentException("bad VQ-VAE settings: side=" + side
            + " (multiple of 4, >= 8) width=" + width + " codeDim=" + codeDim + " codes=" + codes
            + " (>= 2) epochs=" + epochs + " batch=" + batch + " lr=" + learningRate + " beta="
            + beta + " decay=" + decay + " (in [0, 1)) restartAfter=" + restartAfter);
      }
    }

    /** Side of the code map. */
    public int codeSide() {
      return side / 4;
    }
  }

  /**
   * Codebook statistics of one training epoch.
   *
   * @param epoch epoch index
   * @param reconstruction mean binary cross-entropy per pixel
   * @param commitment mean |z_e - z_q|^2 per component
   * @param codesUsed distinct codes chosen during the epoch
   * @param perplexity exp of the entropy of the epoch's code frequencies
   * @param restarts dead codes re-initialised during the epoch
   */
  public record EpochStats(
      int epoch, double reconstruction, double commitment, int codesUsed, double perplexity,
      int restarts) {}

  private final Config config;
  private final VqVaeBlock block;
  private final List<EpochStats> history;

  private VqVae(Config config, Model model, VqVaeBlock block, List<EpochStats> history) {
    super(model);
    this.config = config;
    this.block = block;
    this.history = history;
  }

  public Config config() {
    return config;
  }

  /** Per-epoch training statistics (empty for a loaded model that recorded none). */
  public List<EpochStats> history() {
    return List.copyOf(history);
  }

  VqVaeBlock block() {
    return block;
  }

  static Model newModel(VqVaeBlock block) {
    return newModel("vqvae", block);
  }

  /** Adam at a fixed learning rate ({@link DjlNet#adam}). */
  static DefaultTrainingConfig trainingConfig(double lr) {
    return adam(Tracker.fixed((float) lr));
  }

  /** Trains on maps (each side x side values in {0, 1}, row-major). */
  public static VqVae train(float[][] maps, Config c) {
    int len = c.side() * c.side();
    if (maps.length < 2) {
      throw new IllegalArgumentException("VQ-VAE training needs >= 2 maps, found " + maps.length);
    }
    for (int i = 0; i < maps.length; i++) {
      if (maps[i].length != len) {
        throw new IllegalArgumentException("map " + i + " has " + maps[i].length
            + " values, expected " + len + " (" + c.side() + " x " + c.side() + ")");
      }
    }
    TorchRuntime.engine().setRandomSeed((int) c.seed());
    VqVaeBlock block = new VqVaeBlock(c);
    Model model = newModel(block);
    List<EpochStats> history = new ArrayList<>();
    VqVae vq = new VqVae(c, model, block, history);
    int k = c.codes();
    int d = c.codeDim();
    float[] emaCount = new float[k];
    float[] emaSum = new float[k * d];
    int[] lastUsed = new int[k];
    java.util.Arrays.fill(lastUsed, -c.restartAfter());
    SplittableRandom rnd = new SplittableRandom(c.seed());
    int n = maps.length;
    int bsz = Math.min(c.batch(), n);
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    int step = 0;
    try (Trainer trainer = model.newTrainer(trainingConfig(c.learningRate()))) {
      trainer.initialize(new Shape(bsz, 1, c.side(), c.side()));
      NDManager root = model.getNDManager();
      for (int e = 0; e < c.epochs(); e++) {
        io.alloyflow.prediction.data.Shuffle.inPlace(idx, rnd);
        long[] epochCounts = new long[k];
        double recon = 0;
        double commit = 0;
        int batches = 0;
        int restarts = 0;
        for (int s = 0; s + 1 < n; s += bsz) {
          int bl = Math.min(bsz, n - s);
          float[] xb = new float[bl * len];
          for (int j = 0; j < bl; j++) {
            if (c.augment()) {
              Nn.shiftMirror(maps[idx[s + j]], c.side(), xb, j * len, rnd);
            } else {
              System.arraycopy(maps[idx[s + j]], 0, xb, j * len, len);
            }
          }
          try (NDManager sub = root.newSubManager()) {
            NDArray xa = sub.create(xb, new Shape(bl, 1, c.side(), c.side()));
            NDList out;
            try (GradientCollector gc = trainer.newGradientCollector()) {
              out = trainer.forward(new NDList(xa));
              NDArray rl = Nn.bceWithLogits(out.get(0), xa).mean();
              NDArray cl = out.get(1).sub(out.get(2)).square().mean();
              gc.backward(rl.add(cl.mul(c.beta())));
              recon += rl.getFloat();
              commit += cl.getFloat();
            }
            trainer.step();
            batches++;
            restarts += vq.emaUpdate(out.get(1), out.get(3), emaCount, emaSum, lastUsed,
                epochCounts, step, rnd);
          }
          step++;
        }
        EpochStats st = new EpochStats(e, recon / batches, commit / batches, used(epochCounts),
            perplexity(epochCounts), restarts);
        history.add(st);
        LOG.log(System.Logger.Level.DEBUG, "VQ-VAE {0}", st);
      }
    }
    return vq;
  }

  /**
   * EMA codebook update from one batch and dead-code restarts; returns the number of restarts.
   */
  private int emaUpdate(NDArray ze, NDArray codeIdx, float[] emaCount, float[] emaSum,
      int[] lastUsed, long[] epochCounts, int step, SplittableRandom rnd) {
    int k = config.codes();
    int d = config.codeDim();
    float g = (float) config.decay();
    NDArray flat = ze.stopGradient().transpose(0, 2, 3, 1).reshape(-1, d);
    NDArray onehot = codeIdx.flatten().oneHot(k, DataType.FLOAT32);
    float[] cnt = onehot.sum(new int[] {0}).toFloatArray();
    float[] sum = onehot.transpose().matMul(flat).toFloatArray();
    float[] z = flat.toFloatArray();
    int rows = z.length / d;
    double total = 0;
    for (int j = 0; j < k; j++) {
      epochCounts[j] += Math.round(cnt[j]);
      if (cnt[j] > 0) {
        lastUsed[j] = step;
      }
      emaCount[j] = g * emaCount[j] + (1 - g) * cnt[j];
      for (int q = 0; q < d; q++) {
        emaSum[j * d + q] = g * emaSum[j * d + q] + (1 - g) * sum[j * d + q];
      }
      total += emaCount[j];
    }
    double sd = 0;
    for (float v : z) {
      sd += (double) v * v / z.length;
    }
    sd = Math.sqrt(sd);
    float eps = 1e-5f;
    float[] book = new float[k * d];
    int restarts = 0;
    for (int j = 0; j < k; j++) {
      if (step == 0 || step - lastUsed[j] >= config.restartAfter()) {
        int r = rnd.nextInt(rows);
        for (int q = 0; q < d; q++) {
          emaSum[j * d + q] = (float) (z[r * d + q] + 0.01 * sd * gauss(rnd));
        }
        emaCount[j] = 1f;
        lastUsed[j] = step;
        restarts++;
      }
      double nj = (emaCount[j] + eps) / (total + k * eps) * total;
      for (int q = 0; q < d; q++) {
        book[j * d + q] = (float) (emaSum[j * d + q] / Math.max(nj, eps));
      }
    }
    block.codebook.getArray().set(book);
    return restarts;
  }

  private static double gauss(SplittableRandom r) {
    double u = 1 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  static int used(long[] counts) {
    int u = 0;
    for (long c : counts) {
      if (c > 0) {
        u++;
      }
    }
    return u;
  }

  /** exp(-sum p log p) of the code frequencies. */
  public static double perplexity(long[] counts) {
    double t = 0;
    for (long c : counts) {
      t += c;
    }
    double h = 0;
    for (long c : counts) {
      if (c > 0) {
        double p = c / t;
        h -= p * Math.log(p);
      }
    }
    return Math.exp(h);
  }

  private void checkMaps(float[][] maps) {
    int len = config.side() * config.side();
    for (int i = 0; i < maps.length; i++) {
      if (maps[i].length != len) {
        throw new IllegalArgumentException("map " + i + " has " + maps[i].length
            + " values, the VQ-VAE expects " + len + " (" + config.side() + " x " + config.side()
            + ")");
      }
    }
  }

  /** Maps s .. s+bl-1 as a {@code (bl, 1, side, side)} array. */
  private NDArray batch(NDManager sub, float[][] maps, int s, int bl) {
    int len = config.side() * config.side();
    float[] xb = new float[bl * len];
    for (int j = 0; j < bl; j++) {
      System.arraycopy(maps[s + j], 0, xb, j * len, len);
    }
    return sub.create(xb, new Shape(bl, 1, config.side(), config.side()));
  }

  /** Code maps (row-major, side/4 x side/4 indices in [0, codes)) of the maps. */
  public int[][] encode(float[][] maps) {
    checkMaps(maps);
    int[][] out = new int[maps.length][];
    ParameterStore ps = new ParameterStore(model.getNDManager(), false);
    for (int s = 0; s < maps.length; s += 64) {
      int bl = Math.min(64, maps.length - s);
      try (NDManager sub = model.getNDManager().newSubManager()) {
        NDArray x = batch(sub, maps, s, bl);
        long[] ix = block.quantise(ps, block.encode(ps, x, false), false).get(0).toLongArray();
        int m = config.codeSide() * config.codeSide();
        for (int j = 0; j < bl; j++) {
          out[s + j] = new int[m];
          for (int q = 0; q < m; q++) {
            out[s + j][q] = (int) ix[j * m + q];
          }
        }
      }
    }
    return out;
  }

  /** Reconstructions (probability of martensite per pixel) through the quantised codes. */
  public float[][] reconstruct(float[][] maps) {
    checkMaps(maps);
    int len = config.side() * config.side();
    float[][] out = new float[maps.length][];
    ParameterStore ps = new ParameterStore(model.getNDManager(), false);
    for (int s = 0; s < maps.length; s += 64) {
      int bl = Math.min(64, maps.length - s);
      try (NDManager sub = model.getNDManager().newSubManager()) {
        NDArray x = batch(sub, maps, s, bl);
        float[] p = ai.djl.nn.Activation.sigmoid(block.forward(ps, new NDList(x), false).get(0))
            .toFloatArray();
        for (int j = 0; j < bl; j++) {
          out[s + j] = java.util.Arrays.copyOfRange(p, j * len, (j + 1) * len);
        }
      }
    }
    return out;
  }

  /** Fraction of pixels whose thresholded reconstruction equals the input. */
  public double pixelAccuracy(float[][] maps) {
    float[][] r = reconstruct(maps);
    long ok = 0;
    long all = 0;
    for (int i = 0; i < maps.length; i++) {
      for (int q = 0; q < maps[i].length; q++) {
        ok += (r[i][q] > 0.5f) == (maps[i][q] > 0.5f) ? 1 : 0;
        all++;
      }
    }
    return (double) ok / all;
  }

  /** Code usage over a set of code maps: {codes used, perplexity}. */
  public static double[] usage(int[][] codeMaps, int codes) {
    long[] c = new long[codes];
    for (int[] m : codeMaps) {
      for (int v : m) {
        c[v]++;
      }
    }
    return new double[] {used(c), perplexity(c)};
  }

  /** The codebook, K x D. */
  public float[][] codebook() {
    float[] b = block.codebook.getArray().toFloatArray();
    int d = config.codeDim();
    float[][] o = new float[config.codes()][];
    for (int k = 0; k < o.length; k++) {
      o[k] = java.util.Arrays.copyOfRange(b, k * d, (k + 1) * d);
    }
    return o;
  }

  /** Writes {@code vqvae-0000.params} and {@code vqvae.json} to dir. */
  public void save(Path dir) throws IOException {
    saveTo(dir, "vqvae", config, history);
  }

  /** Loads a VQ-VAE saved by {@link #save}. */
  public static VqVae load(Path dir) throws IOException {
    var tree = readMeta(dir, "vqvae", "VQ-VAE");
    ObjectMapper om = new ObjectMapper();
    Config c = om.treeToValue(tree.get("config"), Config.class);
    List<EpochStats> hist = new ArrayList<>();
    if (tree.has("history")) {
      for (var h : tree.get("history")) {
        hist.add(om.treeToValue(h, EpochStats.class));
      }
    }
    VqVaeBlock block = new VqVaeBlock(c);
    Model model = loadParams(dir, "vqvae", "VQ-VAE", block, new Shape(1, 1, c.side(), c.side()));
    return new VqVae(c, model, block, hist);
  }
}
