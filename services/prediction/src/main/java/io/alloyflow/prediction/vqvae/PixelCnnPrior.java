package io.alloyflow.prediction.vqvae;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
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
 * The conditional code-map prior p(codes | property bin) = prod_i p(c_i | c_&lt;i, bin), a
 * {@link GatedPixelCnnBlock} trained by maximum likelihood (cross-entropy over the codes, Adam).
 */
public final class PixelCnnPrior extends DjlNet {

  private static final System.Logger LOG = System.getLogger(PixelCnnPrior.class.getName());

  /**
   * Settings.
   *
   * @param codes codebook size K
   * @param side code-map side
   * @param embedding code embedding dimension
   * @param channels channels C of each stack (2C before gating)
   * @param layers gated layers
   * @param kernel odd kernel size of the masked convolutions
   * @param bins property bins (conditioning classes)
   * @param epochs training epochs
   * @param batch batch size
   * @param learningRate Adam learning rate (the start value when {@code cosineDecay})
   * @param seed seed of initialisation and shuffling
   * @param cosineDecay decay the learning rate over all steps to 5 % of its start along a half
   *     cosine (Loshchilov and Hutter 2017, SGDR, one cycle without restarts); false: fixed
   */
  public record Config(
      int codes, int side, int embedding, int channels, int layers, int kernel, int bins,
      int epochs, int batch, double learningRate, long seed, boolean cosineDecay) {

    public Config {
      if (codes < 2 || side < 2 || embedding < 1 || channels < 1 || layers < 1 || kernel < 3
          || kernel % 2 == 0 || bins < 1 || epochs < 0 || batch < 1 || !(learningRate > 0)) {
        throw new IllegalArgumentException("bad PixelCNN settings: codes=" + codes + " side="
            + side + " embedding=" + embedding + " channels=" + channels + " layers=" + layers
            + " kernel=" + kernel + " (odd, >= 3) bins=" + bins + " epochs=" + epochs + " batch="
            + batch + " lr=" + learningRate);
      }
    }

    /** Settings with a fixed learning rate. */
    public Config(int codes, int side, int embedding, int channels, int layers, int kernel,
        int bins, int epochs, int batch, double learningRate, long seed) {
      this(codes, side, embedding, channels, layers, kernel, bins, epochs, batch, learningRate,
          seed, false);
    }
  }

  private final Config config;
  private final GatedPixelCnnBlock block;
  private final List<Double> history;

  private PixelCnnPrior(Config config, Model model, GatedPixelCnnBlock block,
      List<Double> history) {
    super(model);
    this.config = config;
    this.block = block;
    this.history = history;
  }

  public Config config() {
    return config;
  }

  /** Mean negative log-likelihood per code position (nats) of each training epoch. */
  public List<Double> history() {
    return List.copyOf(history);
  }

  GatedPixelCnnBlock block() {
    return block;
  }

  static Model newModel(GatedPixelCnnBlock block) {
    return newModel("pixelcnn", block);
  }

  /** A prior with initialised, untrained weights (for tests of the architecture). */
  static PixelCnnPrior untrained(Config c) {
    TorchRuntime.engine().setRandomSeed((int) c.seed());
    GatedPixelCnnBlock block = new GatedPixelCnnBlock(c);
    Model model = newModel(block);
    block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, c.side(), c.side()),
        new Shape(1));
    return new PixelCnnPrior(c, model, block, new ArrayList<>());
  }

  /** One-hot conditioning vectors of bins (checked against the number of bins). */
  float[][] oneHot(int[] bins) {
    return oneHot(bins, config.bins());
  }

  static float[][] oneHot(int[] bins, int nb) {
    float[][] c = new float[bins.length][nb];
    for (int i = 0; i < bins.length; i++) {
      if (bins[i] < 0 || bins[i] >= nb) {
        throw new IllegalArgumentException(
            "bin " + bins[i] + " of map " + i + " is outside 0.." + (nb - 1));
      }
      c[i][bins[i]] = 1f;
    }
    return c;
  }

  private void check(int[][] codes, float[][] cond) {
    int m = config.side() * config.side();
    if (cond.length != codes.length) {
      throw new IllegalArgumentException("need one conditioning vector per code map, found "
          + codes.length + " maps and " + cond.length + " vectors");
    }
    for (int i = 0; i < codes.length; i++) {
      if (codes[i].length != m) {
        throw new IllegalArgumentException("code map " + i + " has " + codes[i].length
            + " codes, the prior expects " + m + " (" + config.side() + " x " + config.side() + ")");
      }
      for (int v : codes[i]) {
        if (v < 0 || v >= config.codes()) {
          throw new IllegalArgumentException(
              "code map " + i + " holds code " + v + ", expected 0.." + (config.codes() - 1));
        }
      }
      if (cond[i].length != config.bins()) {
        throw new IllegalArgumentException("conditioning vector " + i + " has " + cond[i].length
            + " values, the prior expects one per bin (" + config.bins() + ")");
      }
      for (float v : cond[i]) {
        if (!(v >= 0 && v <= 1)) {
          throw new IllegalArgumentException("conditioning vector " + i + " holds " + v
              + ", expected bin weights in [0, 1]");
        }
      }
    }
  }

  /** Trains by maximum likelihood on code maps with their property bins. */
  public static PixelCnnPrior train(int[][] codes, int[] bins, Config c) {
    return train(codes, oneHot(bins, c.bins()), c);
  }

  /**
   * Trains by maximum likelihood on code maps with their conditioning vectors (one-hot bins or
   * soft bin weights, {@link LikelihoodRegressor.Bins#condition}).
   */
  public static PixelCnnPrior train(int[][] codes, float[][] cond, Config c) {
    if (codes.length < 2) {
      throw new IllegalArgumentException("PixelCNN training needs >= 2 code maps, found "
          + codes.length);
    }
    TorchRuntime.engine().setRandomSeed((int) c.seed());
    GatedPixelCnnBlock block = new GatedPixelCnnBlock(c);
    Model model = newModel(block);
    PixelCnnPrior p = new PixelCnnPrior(c, model, block, new ArrayList<>());
    p.check(codes, cond);
    int n = codes.length;
    int m = c.side() * c.side();
    int bsz = Math.min(c.batch(), n);
    SplittableRandom rnd = new SplittableRandom(c.seed());
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    int nb = c.bins();
    int steps = Math.max(1, c.epochs() * ((n - 2) / bsz + 1));
    Tracker lr = c.cosineDecay()
        ? Tracker.cosine().setBaseValue((float) c.learningRate())
            .optFinalValue((float) (0.05 * c.learningRate())).setMaxUpdates(steps).build()
        : Tracker.fixed((float) c.learningRate());
    try (Trainer trainer = model.newTrainer(adam(lr))) {
      trainer.initialize(new Shape(bsz, c.side(), c.side()), new Shape(bsz));
      NDManager root = model.getNDManager();
      for (int e = 0; e < c.epochs(); e++) {
        io.alloyflow.prediction.data.Shuffle.inPlace(idx, rnd);
        double nll = 0;
        int batches = 0;
        for (int s = 0; s + 1 < n; s += bsz) {
          int bl = Math.min(bsz, n - s);
          long[] cb = new long[bl * m];
          float[] bb = new float[bl * nb];
          for (int j = 0; j < bl; j++) {
            for (int q = 0; q < m; q++) {
              cb[j * m + q] = codes[idx[s + j]][q];
            }
            System.arraycopy(cond[idx[s + j]], 0, bb, j * nb, nb);
          }
          try (NDManager sub = root.newSubManager()) {
            NDArray ca = sub.create(cb, new Shape(bl, c.side(), c.side()));
            NDArray ba = sub.create(bb, new Shape(bl, nb));
            try (GradientCollector gc = trainer.newGradientCollector()) {
              NDArray logits = trainer.forward(new NDList(ca, ba)).singletonOrThrow();
              NDArray loss = GatedPixelCnnBlock.logProb(logits, ca).mean().neg();
              gc.backward(loss);
              nll += loss.getFloat();
            }
            trainer.step();
            batches++;
          }
        }
        p.history.add(nll / batches);
        LOG.log(System.Logger.Level.DEBUG, "PixelCNN epoch {0}: NLL/position {1}", e,
            nll / batches);
      }
    }
    return p;
  }

  /** Raw logits {@code [map][code * side^2 + position]} for code maps under one bin each. */
  float[][] logits(int[][] codes, int[] bins) {
    float[][] cond = oneHot(bins);
    check(codes, cond);
    int m = config.side() * config.side();
    int kk = config.codes() * m;
    float[][] out = new float[codes.length][];
    ParameterStore ps = new ParameterStore(model.getNDManager(), false);
    for (int s = 0; s < codes.length; s += 64) {
      int bl = Math.min(64, codes.length - s);
      try (NDManager sub = model.getNDManager().newSubManager()) {
        float[] l = block.forward(ps, inputs(sub, codes, cond, s, bl), false).singletonOrThrow()
            .toFloatArray();
        for (int j = 0; j < bl; j++) {
          out[s + j] = java.util.Arrays.copyOfRange(l, j * kk, (j + 1) * kk);
        }
      }
    }
    return out;
  }

  private NDList inputs(NDManager sub, int[][] codes, float[][] cond, int s, int bl) {
    int m = config.side() * config.side();
    int nb = config.bins();
    long[] cb = new long[bl * m];
    float[] bb = new float[bl * nb];
    for (int j = 0; j < bl; j++) {
      for (int q = 0; q < m; q++) {
        cb[j * m + q] = codes[s + j][q];
      }
      System.arraycopy(cond[s + j], 0, bb, j * nb, nb);
    }
    return new NDList(sub.create(cb, new Shape(bl, config.side(), config.side())),
        sub.create(bb, new Shape(bl, nb)));
  }

  /** Per-position log-likelihood log p(c_i | c_&lt;i, bin) (nats) of each map under its bin. */
  public float[][] logLikelihood(int[][] codes, int[] bins) {
    return logLikelihood(codes, oneHot(bins));
  }

  /**
   * Per-position log-likelihood log p(c_i | c_&lt;i, c) (nats) of each map under its
   * conditioning vector.
   */
  public float[][] logLikelihood(int[][] codes, float[][] cond) {
    check(codes, cond);
    int m = config.side() * config.side();
    float[][] out = new float[codes.length][];
    ParameterStore ps = new ParameterStore(model.getNDManager(), false);
    for (int s = 0; s < codes.length; s += 64) {
      int bl = Math.min(64, codes.length - s);
      try (NDManager sub = model.getNDManager().newSubManager()) {
        NDList in = inputs(sub, codes, cond, s, bl);
        NDArray logits = block.forward(ps, in, false).singletonOrThrow();
        float[] ll = GatedPixelCnnBlock.logProb(logits, in.get(0)).toFloatArray();
        for (int j = 0; j < bl; j++) {
          out[s + j] = java.util.Arrays.copyOfRange(ll, j * m, (j + 1) * m);
        }
      }
    }
    return out;
  }

  /**
   * Per-position log-likelihood of every map under every bin: {@code [map][bin][position]}.
   */
  public float[][][] logLikelihoodAllBins(int[][] codes) {
    int[] all = new int[config.bins()];
    for (int b = 0; b < all.length; b++) {
      all[b] = b;
    }
    return logLikelihoodGrid(codes, oneHot(all));
  }

  /**
   * Per-position log-likelihood of every map under every conditioning vector of a grid:
   * {@code [map][grid point][position]}.
   */
  public float[][][] logLikelihoodGrid(int[][] codes, float[][] grid) {
    int nb = grid.length;
    int n = codes.length;
    int[][] rep = new int[n * nb][];
    float[][] cond = new float[n * nb][];
    for (int i = 0; i < n; i++) {
      for (int b = 0; b < nb; b++) {
        rep[i * nb + b] = codes[i];
        cond[i * nb + b] = grid[b];
      }
    }
    float[][] ll = logLikelihood(rep, cond);
    float[][][] out = new float[n][nb][];
    for (int i = 0; i < n; i++) {
      for (int b = 0; b < nb; b++) {
        out[i][b] = ll[i * nb + b];
      }
    }
    return out;
  }

  /** Writes {@code pixelcnn-0000.params} and {@code pixelcnn.json} to dir. */
  public void save(Path dir) throws IOException {
    saveTo(dir, "pixelcnn", config, history);
  }

  /** Loads a prior saved by {@link #save}. */
  public static PixelCnnPrior load(Path dir) throws IOException {
    var tree = readMeta(dir, "pixelcnn", "PixelCNN prior");
    ObjectMapper om = new ObjectMapper();
    Config c = om.treeToValue(tree.get("config"), Config.class);
    List<Double> hist = new ArrayList<>();
    for (var h : tree.path("history")) {
      hist.add(h.asDouble());
    }
    GatedPixelCnnBlock block = new GatedPixelCnnBlock(c);
    Model model = loadParams(dir, "pixelcnn", "PixelCNN", block, new Shape(1, c.side(), c.side()),
        new Shape(1));
    return new PixelCnnPrior(c, model, block, hist);
  }
}
