package io.alloyflow.prediction.imagemodels;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.prediction.model.TorchRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A small convolutional regressor, 2D (phase maps, C x H x W) or 3D (volumes, C x D x H x W):
 * three blocks of 3x3(x3) convolution + ReLU, the first two followed by 2x max pooling, global
 * average pooling, a 64-unit ReLU layer and a linear output; trained with Adam on the
 * standardised target (mean squared error), a DJL sub-manager per step. The direct-regression
 * baseline of the image models (LeCun et al. 1998 style CNN; the 3D variant follows the volume
 * CNN of Herriott and Spear, Comput. Mater. Sci. 175 (2020) 109599, scaled down).
 */
public final class ConvRegressor implements AutoCloseable {

  /**
   * Settings.
   *
   * @param dims 2 or 3
   * @param channels input channels
   * @param side input side length (square / cubic), divisible by 4
   * @param width filters of the first block (doubled per block)
   * @param epochs training epochs
   * @param batchSize batch size
   * @param learningRate Adam learning rate
   * @param seed seed of initialisation and shuffling
   * @param augment train on random periodic translations and mirror images of the inputs (labels
   *     of periodic cells under uniaxial loading along x are invariant to both)
   */
  public record Config(
      int dims, int channels, int side, int width, int epochs, int batchSize, double learningRate,
      long seed, boolean augment) {

    public Config {
      if (dims != 2 && dims != 3) {
        throw new IllegalArgumentException("dims must be 2 or 3, found " + dims);
      }
      if (channels < 1 || side < 4 || side % 4 != 0 || width < 1 || epochs < 1 || batchSize < 1
          || !(learningRate > 0)) {
        throw new IllegalArgumentException(
            "bad CNN settings: channels=" + channels + " side=" + side + " (multiple of 4) width="
                + width + " epochs=" + epochs + " batch=" + batchSize + " lr=" + learningRate);
      }
    }
  }

  private final Config config;
  private final Model model;
  private final double yMean;
  private final double yScale;

  private ConvRegressor(Config config, Model model, double yMean, double yScale) {
    this.config = config;
    this.model = model;
    this.yMean = yMean;
    this.yScale = yScale;
  }

  /** The configuration. */
  public Config config() {
    return config;
  }

  static Block network(Config c) {
    SequentialBlock net = new SequentialBlock();
    int f = c.width();
    for (int b = 0; b < 3; b++) {
      if (c.dims() == 2) {
        net.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
            .setFilters(f).build());
      } else {
        net.add(Conv3d.builder().setKernelShape(new Shape(3, 3, 3)).optPadding(new Shape(1, 1, 1))
            .setFilters(f).build());
      }
      net.add(Activation::relu);
      if (b < 2) {
        net.add(c.dims() == 2
            ? Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2))
            : Pool.maxPool3dBlock(new Shape(2, 2, 2), new Shape(2, 2, 2)));
      }
      f *= 2;
    }
    net.add(c.dims() == 2 ? Pool.globalAvgPool2dBlock() : Pool.globalAvgPool3dBlock());
    net.add(Blocks.batchFlattenBlock());
    net.add(Linear.builder().setUnits(64).build());
    net.add(Activation::relu);
    net.add(Linear.builder().setUnits(1).build());
    return net;
  }

  private Shape inputShape(int batch) {
    int s = config.side();
    return config.dims() == 2
        ? new Shape(batch, config.channels(), s, s)
        : new Shape(batch, config.channels(), s, s, s);
  }

  private int sampleLength() {
    int s = config.side();
    return config.channels() * (config.dims() == 2 ? s * s : s * s * s);
  }

  /**
   * Trains on inputs {@code x} (each of length channels * side^dims, channel-major) and targets
   * {@code y}.
   */
  public static ConvRegressor train(float[][] x, double[] y, Config c) {
    if (x.length != y.length || x.length < 2) {
      throw new IllegalArgumentException(
          "training needs >= 2 samples with one target each, found " + x.length + " and " + y.length);
    }
    TargetScaling scaling = TargetScaling.of(y);
    double m = scaling.mean();
    double sd = scaling.sd();
    var engine = TorchRuntime.engine();
    engine.setRandomSeed((int) c.seed());
    Model model = Model.newInstance("cnn", engine.defaultDevice(), engine.getEngineName());
    model.setBlock(network(c));
    ConvRegressor r = new ConvRegressor(c, model, m, sd);
    int len = r.sampleLength();
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != len) {
        throw new IllegalArgumentException(
            "sample " + i + " has " + x[i].length + " values, expected " + len);
      }
    }
    DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.l2Loss())
        .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT)
        .optOptimizer(Adam.builder()
            .optLearningRateTracker(Tracker.fixed((float) c.learningRate())).build());
    int n = x.length;
    try (Trainer trainer = model.newTrainer(tc)) {
      int b = Math.min(c.batchSize(), n);
      trainer.initialize(r.inputShape(b));
      NDManager root = model.getNDManager();
      SplittableRandom rnd = new SplittableRandom(c.seed());
      int[] idx = new int[n];
      for (int i = 0; i < n; i++) {
        idx[i] = i;
      }
      for (int e = 0; e < c.epochs(); e++) {
        io.alloyflow.prediction.data.Shuffle.inPlace(idx, rnd);
        for (int s = 0; s + 1 < n; s += b) {
          int bl = Math.min(b, n - s);
          float[] xb = new float[bl * len];
          float[] yb = new float[bl];
          for (int k = 0; k < bl; k++) {
            if (c.augment()) {
              r.augmentInto(x[idx[s + k]], xb, k * len, rnd);
            } else {
              System.arraycopy(x[idx[s + k]], 0, xb, k * len, len);
            }
            yb[k] = (float) ((y[idx[s + k]] - m) / sd);
          }
          try (NDManager sub = root.newSubManager()) {
            NDArray xa = sub.create(xb, r.inputShape(bl));
            NDArray ya = sub.create(yb, new Shape(bl, 1));
            try (GradientCollector gc = trainer.newGradientCollector()) {
              NDList pred = trainer.forward(new NDList(xa));
              NDArray loss = trainer.getLoss().evaluate(new NDList(ya), pred);
              gc.backward(loss);
            }
            trainer.step();
          }
        }
      }
    }
    return r;
  }

  /**
   * Copies {@code src} into {@code dst} at {@code off}, periodically shifted by a random offset
   * along every axis and mirrored along each axis with probability 1/2 (every channel alike).
   */
  void augmentInto(float[] src, float[] dst, int off, SplittableRandom rnd) {
    int n = config.side();
    int d = config.dims();
    int[] shift = new int[3];
    boolean[] flip = new boolean[3];
    for (int a = 0; a < d; a++) {
      shift[a] = rnd.nextInt(n);
      flip[a] = rnd.nextBoolean();
    }
    int per = d == 2 ? n * n : n * n * n;
    int nz = d == 2 ? 1 : n;
    for (int ch = 0; ch < config.channels(); ch++) {
      int base = ch * per;
      for (int z = 0; z < nz; z++) {
        int zs = d == 2 ? 0 : Math.floorMod((flip[2] ? n - 1 - z : z) + shift[2], n);
        for (int y = 0; y < n; y++) {
          int ys = Math.floorMod((flip[1] ? n - 1 - y : y) + shift[1], n);
          for (int xx = 0; xx < n; xx++) {
            int xs = Math.floorMod((flip[0] ? n - 1 - xx : xx) + shift[0], n);
            dst[off + base + (z * n + y) * n + xx] = src[base + (zs * n + ys) * n + xs];
          }
        }
      }
    }
  }

  /** Predictions for inputs x. */
  public double[] predict(float[][] x) {
    int len = sampleLength();
    double[] out = new double[x.length];
    int chunk = 64;
    ParameterStore ps = new ParameterStore(model.getNDManager(), false);
    for (int s = 0; s < x.length; s += chunk) {
      int bl = Math.min(chunk, x.length - s);
      float[] xb = new float[bl * len];
      for (int k = 0; k < bl; k++) {
        if (x[s + k].length != len) {
          throw new IllegalArgumentException(
              "input " + (s + k) + " has " + x[s + k].length + " values, the model expects " + len
                  + " (" + config.channels() + " channel(s) of side " + config.side() + ")");
        }
        System.arraycopy(x[s + k], 0, xb, k * len, len);
      }
      try (NDManager sub = model.getNDManager().newSubManager()) {
        NDArray xa = sub.create(xb, inputShape(bl));
        float[] p = model.getBlock().forward(ps, new NDList(xa), false).singletonOrThrow()
            .toFloatArray();
        for (int k = 0; k < bl; k++) {
          out[s + k] = yMean + yScale * p[k];
        }
      }
    }
    return out;
  }

  /** Writes {@code cnn-0000.params} and {@code cnn.json} to dir. */
  public void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    model.save(dir, "cnn");
    java.util.Map<String, Object> meta = new java.util.LinkedHashMap<>();
    meta.put("config", config);
    meta.put("yMean", yMean);
    meta.put("yScale", yScale);
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(dir.resolve("cnn.json").toFile(), meta);
  }

  /** Loads a regressor saved by {@link #save}. */
  public static ConvRegressor load(Path dir) throws IOException {
    Path meta = dir.resolve("cnn.json");
    if (!Files.isRegularFile(meta)) {
      throw new IOException("no CNN model at " + dir + ": cnn.json is missing");
    }
    var tree = new ObjectMapper().readTree(meta.toFile());
    Config c = new ObjectMapper().treeToValue(tree.get("config"), Config.class);
    var engine = TorchRuntime.engine();
    Model model = Model.newInstance("cnn", engine.defaultDevice(), engine.getEngineName());
    Block net = network(c);
    model.setBlock(net);
    ConvRegressor r = new ConvRegressor(c, model, tree.get("yMean").asDouble(),
        tree.get("yScale").asDouble());
    net.initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, r.inputShape(1));
    try {
      model.load(dir, "cnn");
    } catch (ai.djl.MalformedModelException e) {
      throw new IOException("CNN parameters at " + dir + " are damaged: " + e.getMessage(), e);
    }
    return r;
  }

  @Override
  public void close() {
    model.close();
  }
}
