package io.alloyflow.prediction.volume;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
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
import ai.djl.training.tracker.CosineTracker;
import ai.djl.training.tracker.Tracker;
import io.alloyflow.prediction.imagemodels.TargetScaling;
import io.alloyflow.prediction.model.TorchRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A 3D CNN for periodic grain volumes that respects the labels' symmetries ({@link
 * VolumeSymmetry}): every 3x3x3 convolution pads circularly (the cell is periodic, as in the FFT
 * solver), so the convolutional part is equivariant to circular shifts and the global average
 * pooling makes the output invariant to shifts by multiples of the pooling stride; training draws
 * a random element of the 16-element point group and a random circular shift for every sample
 * (augmentation), and prediction averages over the 16 group elements (test-time augmentation).
 * Layers: three blocks of 3x3x3 convolution + ReLU (filters w, 2w, 4w), 2x max pooling after the
 * first two, global average pooling, 64 ReLU units, a linear output; Adam with a cosine learning
 * rate decay (I. Loshchilov and F. Hutter, SGDR, ICLR 2017) on the standardised target. The
 * architecture is the scaled-down volume CNN of Herriott and Spear (Comput. Mater. Sci. 175 (2020)
 * 109599); periodic padding and group averaging follow the invariance arguments of T. Cohen and
 * M. Welling (Group equivariant CNNs, ICML 2016).
 */
public final class VolumeCnn implements AutoCloseable {

  /**
   * Settings.
   *
   * @param channels input channels
   * @param side input side (multiple of 4)
   * @param width filters of the first block
   * @param epochs training epochs
   * @param batchSize batch size
   * @param learningRate initial Adam learning rate (cosine decay to 1 % of it)
   * @param seed seed of initialisation, shuffling and augmentation
   */
  public record Config(
      int channels, int side, int width, int epochs, int batchSize, double learningRate, long seed) {

    public Config {
      if (channels < 1 || side < 4 || side % 4 != 0 || width < 1 || epochs < 1 || batchSize < 1
          || !(learningRate > 0)) {
        throw new IllegalArgumentException(
            "bad volume CNN settings: channels=" + channels + " side=" + side
                + " (multiple of 4) width=" + width + " epochs=" + epochs + " batch=" + batchSize
                + " lr=" + learningRate);
      }
    }
  }

  private final Config config;
  private final Model model;
  private final double yMean;
  private final double yScale;

  private VolumeCnn(Config config, Model model, double yMean, double yScale) {
    this.config = config;
    this.model = model;
    this.yMean = yMean;
    this.yScale = yScale;
  }

  /** The settings. */
  public Config config() {
    return config;
  }

  /** Target mean the network's output is relative to. */
  public double yMean() {
    return yMean;
  }

  /** Target scale of the network's output. */
  public double yScale() {
    return yScale;
  }

  /** Pads the three spatial axes of an N x C x D x H x W array by one voxel, circularly. */
  static NDList circularPad(NDList in) {
    NDArray x = in.singletonOrThrow();
    for (int ax = 2; ax <= 4; ax++) {
      String lead = ":,".repeat(ax);
      NDArray last = x.get(new NDIndex(lead + "-1:"));
      NDArray first = x.get(new NDIndex(lead + ":1"));
      x = NDArrays.concat(new NDList(last, x, first), ax);
    }
    return new NDList(x);
  }

  static Block network(Config c) {
    SequentialBlock net = new SequentialBlock();
    int f = c.width();
    for (int b = 0; b < 3; b++) {
      net.add(VolumeCnn::circularPad);
      net.add(Conv3d.builder().setKernelShape(new Shape(3, 3, 3)).setFilters(f).build());
      net.add(Activation::relu);
      if (b < 2) {
        net.add(Pool.maxPool3dBlock(new Shape(2, 2, 2), new Shape(2, 2, 2)));
      }
      f *= 2;
    }
    net.add(Pool.globalAvgPool3dBlock());
    net.add(Blocks.batchFlattenBlock());
    net.add(Linear.builder().setUnits(64).build());
    net.add(Activation::relu);
    net.add(Linear.builder().setUnits(1).build());
    return net;
  }

  private Shape inputShape(int batch) {
    int s = config.side();
    return new Shape(batch, config.channels(), s, s, s);
  }

  private int sampleLength() {
    int s = config.side();
    return config.channels() * s * s * s;
  }

  /** Progress of a training run, called after every epoch. */
  public interface Progress {
    /** Called with the epoch (1-based) and its mean training loss (standardised units). */
    void epoch(int epoch, double loss);
  }

  /** Trains on inputs x (channel-major, channels x side^3 each) and targets y. */
  public static VolumeCnn train(float[][] x, double[] y, Config c) {
    return train(x, y, c, (e, l) -> { });
  }

  /** Trains, reporting every epoch to {@code progress}. */
  public static VolumeCnn train(float[][] x, double[] y, Config c, Progress progress) {
    if (x.length != y.length || x.length < 2) {
      throw new IllegalArgumentException(
          "training needs >= 2 volumes with one target each, found " + x.length + " and "
              + y.length);
    }
    TargetScaling scaling = TargetScaling.of(y);
    double m = scaling.mean();
    double sd = scaling.sd();
    var engine = TorchRuntime.engine();
    engine.setRandomSeed((int) c.seed());
    Model model = Model.newInstance("volume-cnn", engine.defaultDevice(), engine.getEngineName());
    model.setBlock(network(c));
    VolumeCnn r = new VolumeCnn(c, model, m, sd);
    int len = r.sampleLength();
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != len) {
        throw new IllegalArgumentException(
            "volume " + i + " has " + x[i].length + " input values, expected " + len + " ("
                + c.channels() + " channels of " + c.side() + "^3)");
      }
    }
    int n = x.length;
    int b = Math.min(c.batchSize(), n);
    int steps = c.epochs() * ((n - 1 + b - 1) / b);
    Tracker lr = CosineTracker.builder().setBaseValue((float) c.learningRate())
        .optFinalValue((float) (0.01 * c.learningRate())).setMaxUpdates(Math.max(1, steps))
        .build();
    DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.l2Loss())
        .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT)
        .optOptimizer(Adam.builder().optLearningRateTracker(lr).build());
    int side = c.side();
    try (Trainer trainer = model.newTrainer(tc)) {
      trainer.initialize(r.inputShape(b));
      NDManager root = model.getNDManager();
      SplittableRandom rnd = new SplittableRandom(c.seed());
      int[] idx = new int[n];
      for (int i = 0; i < n; i++) {
        idx[i] = i;
      }
      for (int e = 0; e < c.epochs(); e++) {
        io.alloyflow.prediction.data.Shuffle.inPlace(idx, rnd);
        double lossSum = 0;
        int batches = 0;
        for (int s = 0; s + 1 < n; s += b) {
          int bl = Math.min(b, n - s);
          float[] xb = new float[bl * len];
          float[] yb = new float[bl];
          for (int k = 0; k < bl; k++) {
            VolumeSymmetry.Op op = VolumeSymmetry.GROUP.get(rnd.nextInt(16));
            int[] shift = {rnd.nextInt(side), rnd.nextInt(side), rnd.nextInt(side)};
            VolumeSymmetry.permuteInto(x[idx[s + k]], c.channels(),
                VolumeSymmetry.sourceIndex(side, op, shift), xb, k * len);
            yb[k] = (float) ((y[idx[s + k]] - m) / sd);
          }
          try (NDManager sub = root.newSubManager()) {
            NDArray xa = sub.create(xb, r.inputShape(bl));
            NDArray ya = sub.create(yb, new Shape(bl, 1));
            try (GradientCollector gc = trainer.newGradientCollector()) {
              NDList pred = trainer.forward(new NDList(xa));
              NDArray loss = trainer.getLoss().evaluate(new NDList(ya), pred);
              lossSum += loss.getFloat();
              batches++;
              gc.backward(loss);
            }
            trainer.step();
          }
        }
        progress.epoch(e + 1, lossSum / Math.max(1, batches));
      }
    }
    return r;
  }

  /** Predictions for inputs x without test-time augmentation. */
  public double[] predict(float[][] x) {
    return predict(x, false);
  }

  /**
   * Predictions for inputs x; with {@code tta} the mean over the 16 elements of {@link
   * VolumeSymmetry#GROUP} (each input's voxels permuted).
   */
  public double[] predict(float[][] x, boolean tta) {
    int len = sampleLength();
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != len) {
        throw new IllegalArgumentException(
            "volume " + i + " has " + x[i].length + " input values, the model expects " + len
                + " (" + config.channels() + " channels of " + config.side() + "^3)");
      }
    }
    double[] out = new double[x.length];
    int versions = tta ? VolumeSymmetry.GROUP.size() : 1;
    int side = config.side();
    int[][] src = new int[versions][];
    for (int v = 0; v < versions; v++) {
      src[v] = VolumeSymmetry.sourceIndex(side, VolumeSymmetry.GROUP.get(v), new int[3]);
    }
    int chunk = 64;
    ParameterStore ps = new ParameterStore(model.getNDManager(), false);
    for (int s = 0; s < x.length; s += chunk) {
      int bl = Math.min(chunk, x.length - s);
      for (int v = 0; v < versions; v++) {
        float[] xb = new float[bl * len];
        for (int k = 0; k < bl; k++) {
          VolumeSymmetry.permuteInto(x[s + k], config.channels(), src[v], xb, k * len);
        }
        try (NDManager sub = model.getNDManager().newSubManager()) {
          NDArray xa = sub.create(xb, inputShape(bl));
          float[] p = model.getBlock().forward(ps, new NDList(xa), false).singletonOrThrow()
              .toFloatArray();
          for (int k = 0; k < bl; k++) {
            out[s + k] += (yMean + yScale * p[k]) / versions;
          }
        }
      }
    }
    return out;
  }

  /** Writes {@code NAME-0000.params} to dir. */
  public void saveParameters(Path dir, String name) throws IOException {
    Files.createDirectories(dir);
    model.save(dir, name);
  }

  /** Loads parameters written by {@link #saveParameters}. */
  public static VolumeCnn load(Path dir, String name, Config c, double yMean, double yScale)
      throws IOException {
    var engine = TorchRuntime.engine();
    Model model = Model.newInstance("volume-cnn", engine.defaultDevice(), engine.getEngineName());
    Block net = network(c);
    model.setBlock(net);
    VolumeCnn r = new VolumeCnn(c, model, yMean, yScale);
    net.initialize(model.getNDManager(), DataType.FLOAT32, r.inputShape(1));
    if (!Files.isRegularFile(dir.resolve(name + "-0000.params"))) {
      model.close();
      throw new IOException("no volume CNN parameters " + name + "-0000.params in " + dir);
    }
    try {
      model.load(dir, name);
    } catch (ai.djl.MalformedModelException e) {
      model.close();
      throw new IOException("volume CNN parameters " + name + " in " + dir + " are damaged: "
          + e.getMessage(), e);
    }
    return r;
  }

  @Override
  public void close() {
    model.close();
  }
}
