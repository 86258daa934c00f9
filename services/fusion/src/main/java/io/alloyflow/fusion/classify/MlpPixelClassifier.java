package io.alloyflow.fusion.classify;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A multilayer perceptron pixel classifier (the "ANN" of the comparison in Wang et al.): ReLU
 * hidden layers and a softmax output trained with cross-entropy and Adam (Kingma and Ba, ICLR
 * 2015) on standardised features, on the PyTorch engine of DJL (CPU, offline). The trained weights
 * are copied out and inference runs in plain Java, so a fitted classifier holds no native
 * resources.
 */
public final class MlpPixelClassifier implements PixelClassifier {
  private final int[] hidden;
  private final int epochs;
  private final int batchSize;
  private final double learningRate;
  private final long seed;
  private PixelClassifier.Standardiser scaler;
  private List<float[]> weights;
  private List<float[]> biases;
  private int[] sizes;

  /**
   * A classifier.
   *
   * @param hidden hidden layer widths (at least one)
   * @param epochs passes over the training rows
   * @param batchSize mini-batch size
   * @param learningRate Adam step size
   * @param seed initialisation and shuffling seed
   */
  public MlpPixelClassifier(int[] hidden, int epochs, int batchSize, double learningRate,
      long seed) {
    if (hidden.length == 0 || epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
      throw new IllegalArgumentException("MLP needs >= 1 hidden layer, epochs and batch size >= 1"
          + " and a positive learning rate; found layers=" + hidden.length + " epochs=" + epochs
          + " batch=" + batchSize + " lr=" + learningRate);
    }
    this.hidden = hidden.clone();
    this.epochs = epochs;
    this.batchSize = batchSize;
    this.learningRate = learningRate;
    this.seed = seed;
  }

  /** Two hidden layers of 64, 40 epochs, batches of 256, learning rate 3e-3. */
  public static MlpPixelClassifier defaults(long seed) {
    return new MlpPixelClassifier(new int[] {64, 64}, 40, 256, 3e-3, seed);
  }

  @Override
  public String name() {
    return "mlp";
  }

  /**
   * DJL's PyTorch engine as this module runs it: offline, two intra-op and one inter-op thread
   * (shared build machines) unless the system properties say otherwise.
   */
  public static Engine engine() {
    System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
    System.setProperty("ai.djl.pytorch.num_threads",
        System.getProperty("ai.djl.pytorch.num_threads", "2"));
    System.setProperty("ai.djl.pytorch.num_interop_threads",
        System.getProperty("ai.djl.pytorch.num_interop_threads", "1"));
    return Engine.getEngine("PyTorch");
  }

  @Override
  public void fit(float[] x, int m, int[] y, int k) {
    int n = x.length / m;
    if (n != y.length || n < 2) {
      throw new IllegalArgumentException("MLP training needs >= 2 rows with one label each, found "
          + n + " rows and " + y.length + " labels");
    }
    scaler = new PixelClassifier.Standardiser(x, m);
    float[] xs = new float[n * m];
    for (int r = 0; r < n; r++) {
      double[] row = scaler.row(x, r, m);
      for (int f = 0; f < m; f++) {
        xs[r * m + f] = (float) row[f];
      }
    }
    Engine engine = engine();
    engine.setRandomSeed((int) seed);
    SequentialBlock net = new SequentialBlock();
    for (int h : hidden) {
      net.add(Linear.builder().setUnits(h).build());
      net.add(Activation::relu);
    }
    net.add(Linear.builder().setUnits(k).build());
    try (Model model = Model.newInstance("fusion-mlp", engine.defaultDevice(),
        engine.getEngineName())) {
      model.setBlock(net);
      DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
          .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT)
          .optOptimizer(Adam.builder()
              .optLearningRateTracker(Tracker.fixed((float) learningRate)).build());
      try (Trainer trainer = model.newTrainer(tc)) {
        int b = Math.min(batchSize, n);
        trainer.initialize(new Shape(b, m));
        NDManager root = model.getNDManager();
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
          idx[i] = i;
        }
        float[] xb = new float[b * m];
        float[] yb = new float[b];
        for (int e = 0; e < epochs; e++) {
          for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
          }
          for (int s = 0; s + b <= n; s += b) {
            for (int r = 0; r < b; r++) {
              System.arraycopy(xs, idx[s + r] * m, xb, r * m, m);
              yb[r] = y[idx[s + r]];
            }
            // a sub-manager per step keeps native memory flat
            try (NDManager sub = root.newSubManager()) {
              NDArray xa = sub.create(xb, new Shape(b, m));
              NDArray ya = sub.create(yb, new Shape(b, 1));
              try (GradientCollector gc = trainer.newGradientCollector()) {
                NDList pred = trainer.forward(new NDList(xa));
                gc.backward(trainer.getLoss().evaluate(new NDList(ya), pred));
              }
              trainer.step();
            }
          }
        }
        weights = new ArrayList<>();
        biases = new ArrayList<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
          float[] v = p.getValue().getArray().toFloatArray();
          if (p.getKey().endsWith("weight")) {
            weights.add(v);
          } else {
            biases.add(v);
          }
        }
      }
    }
    sizes = new int[hidden.length + 2];
    sizes[0] = m;
    System.arraycopy(hidden, 0, sizes, 1, hidden.length);
    sizes[sizes.length - 1] = k;
  }

  @Override
  public float[] predictProba(float[] x, int m) {
    if (weights == null) {
      throw new IllegalStateException("MLP classifier used before fit");
    }
    if (m != sizes[0]) {
      throw new IllegalArgumentException("rows have " + m + " features, the model expects "
          + sizes[0]);
    }
    int n = x.length / m;
    int k = sizes[sizes.length - 1];
    float[] out = new float[n * k];
    int widest = 0;
    for (int s : sizes) {
      widest = Math.max(widest, s);
    }
    double[] a = new double[widest];
    double[] z = new double[widest];
    for (int r = 0; r < n; r++) {
      double[] in = scaler.row(x, r, m);
      System.arraycopy(in, 0, a, 0, m);
      for (int l = 0; l < weights.size(); l++) {
        int din = sizes[l];
        int dout = sizes[l + 1];
        float[] w = weights.get(l); // [out][in]
        float[] bias = biases.get(l);
        for (int o = 0; o < dout; o++) {
          double s = bias[o];
          int off = o * din;
          for (int i = 0; i < din; i++) {
            s += w[off + i] * a[i];
          }
          z[o] = l < weights.size() - 1 ? Math.max(0, s) : s;
        }
        System.arraycopy(z, 0, a, 0, dout);
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        max = Math.max(max, a[c]);
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        sum += Math.exp(a[c] - max);
      }
      for (int c = 0; c < k; c++) {
        out[r * k + c] = (float) (Math.exp(a[c] - max) / sum);
      }
    }
    return out;
  }
}
