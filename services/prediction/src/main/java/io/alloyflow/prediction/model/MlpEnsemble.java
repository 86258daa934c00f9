package io.alloyflow.prediction.model;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
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
 * A deep ensemble of multilayer perceptrons (Lakshminarayanan, Pritzel, Blundell, NeurIPS 2017):
 * members differ only in their random initialisation and mini-batch order (one seed each); the
 * ensemble mean is the prediction and the spread across members the model (epistemic) standard
 * deviation. Members are ReLU MLPs trained with Adam (Kingma and Ba, ICLR 2015) on a squared loss
 * over standardised features and a standardised log-target, on the PyTorch engine of DJL;
 * inference runs on the same engine in large batches (the exact Shapley explanations evaluate
 * millions of rows).
 *
 * @param config how it was trained
 * @param scaler feature scaling fitted on the training rows
 * @param targetMean mean of the transformed training target
 * @param targetScale standard deviation of the transformed training target
 * @param members weights of each member
 */
public record MlpEnsemble(
    Config config, Standardizer scaler, double targetMean, double targetScale, List<Member> members)
    implements FlatBatchModel {

  /**
   * Training settings.
   *
   * @param members ensemble size (>= 1; 5 or more for a useful spread)
   * @param hidden hidden layer widths
   * @param epochs passes over the training rows per member
   * @param batchSize mini-batch size
   * @param learningRate Adam step size
   * @param weightDecay L2 weight decay
   * @param logTarget fit log(y) (positive targets such as hardness) instead of y
   * @param seed base seed; member m uses seed + 1000 m
   */
  public record Config(
      int members, int[] hidden, int epochs, int batchSize, double learningRate, double weightDecay,
      boolean logTarget, long seed) {
    public Config {
      if (members < 1 || epochs < 1 || batchSize < 1 || hidden.length == 0) {
        throw new IllegalArgumentException(
            "MLP ensemble needs members, epochs, batch size >= 1 and at least one hidden layer; found members="
                + members + " epochs=" + epochs + " batch=" + batchSize + " layers=" + hidden.length);
      }
      hidden = hidden.clone();
    }

    /** Defaults used for the shipped hardness model. */
    public static Config defaults() {
      return new Config(5, new int[] {64, 64}, 300, 32, 3e-3, 1e-4, true, 42);
    }

    /** Member seed. */
    public long memberSeed(int m) {
      return seed + 1000L * m;
    }
  }

  /**
   * One member: dense layers, weights row-major {@code [out][in]}.
   *
   * @param weights per layer, flattened {@code out x in}
   * @param biases per layer
   * @param sizes layer sizes including input and output
   */
  public record Member(List<float[]> weights, List<float[]> biases, int[] sizes) {}

  /** Trains an ensemble on raw features {@code x} and targets {@code y}. */
  public static MlpEnsemble train(double[][] x, double[] y, Config cfg) {
    if (x.length != y.length || x.length < 2) {
      throw new IllegalArgumentException(
          "training needs >= 2 rows with one target each, found " + x.length + " rows and " + y.length + " targets");
    }
    double[] t = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      if (cfg.logTarget() && !(y[i] > 0)) {
        throw new IllegalArgumentException("log-target training needs positive targets, row " + i + " has " + y[i]);
      }
      t[i] = cfg.logTarget() ? Math.log(y[i]) : y[i];
    }
    double tm = 0;
    for (double v : t) {
      tm += v;
    }
    tm /= t.length;
    double ts = 0;
    for (double v : t) {
      ts += (v - tm) * (v - tm);
    }
    ts = Math.sqrt(ts / (t.length - 1));
    if (!(ts > 0)) {
      ts = 1;
    }
    Standardizer sc = Standardizer.fit(x);
    double[][] xs = sc.apply(x);
    float[] tsd = new float[t.length];
    for (int i = 0; i < t.length; i++) {
      tsd[i] = (float) ((t[i] - tm) / ts);
    }
    List<Member> members = new ArrayList<>();
    for (int m = 0; m < cfg.members(); m++) {
      members.add(trainMember(xs, tsd, cfg, cfg.memberSeed(m)));
    }
    return new MlpEnsemble(cfg, sc, tm, ts, members);
  }

  private static Member trainMember(double[][] xs, float[] t, Config cfg, long seed) {
    var engine = TorchRuntime.engine();
    engine.setRandomSeed((int) seed);
    int n = xs.length;
    int d = xs[0].length;
    SequentialBlock net = new SequentialBlock();
    for (int h : cfg.hidden()) {
      net.add(Linear.builder().setUnits(h).build());
      net.add(Activation::relu);
    }
    net.add(Linear.builder().setUnits(1).build());
    try (Model model = Model.newInstance("mlp", engine.defaultDevice(), engine.getEngineName())) {
      model.setBlock(net);
      DefaultTrainingConfig tc =
          new DefaultTrainingConfig(Loss.l2Loss())
              .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT)
              .optOptimizer(
                  Adam.builder()
                      .optLearningRateTracker(Tracker.fixed((float) cfg.learningRate()))
                      .optWeightDecays((float) cfg.weightDecay())
                      .build());
      try (Trainer trainer = model.newTrainer(tc)) {
        int b = Math.min(cfg.batchSize(), n);
        trainer.initialize(new Shape(b, d));
        NDManager root = model.getNDManager();
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
          idx[i] = i;
        }
        for (int e = 0; e < cfg.epochs(); e++) {
          io.alloyflow.prediction.data.Shuffle.inPlace(idx, rnd);
          for (int s = 0; s < n; s += b) {
            int len = Math.min(b, n - s);
            float[] xb = new float[len * d];
            float[] yb = new float[len];
            for (int k = 0; k < len; k++) {
              double[] row = xs[idx[s + k]];
              for (int j = 0; j < d; j++) {
                xb[k * d + j] = (float) row[j];
              }
              yb[k] = t[idx[s + k]];
            }
            try (NDManager sub = root.newSubManager()) {
              NDArray xa = sub.create(xb, new Shape(len, d));
              NDArray ya = sub.create(yb, new Shape(len, 1));
              try (GradientCollector gc = trainer.newGradientCollector()) {
                NDList pred = trainer.forward(new NDList(xa));
                NDArray loss = trainer.getLoss().evaluate(new NDList(ya), pred);
                gc.backward(loss);
              }
              trainer.step();
            }
          }
        }
        List<float[]> ws = new ArrayList<>();
        List<float[]> bs = new ArrayList<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
          float[] v = p.getValue().getArray().toFloatArray();
          if (p.getKey().endsWith("weight")) {
            ws.add(v);
          } else {
            bs.add(v);
          }
        }
        int[] sizes = new int[cfg.hidden().length + 2];
        sizes[0] = d;
        System.arraycopy(cfg.hidden(), 0, sizes, 1, cfg.hidden().length);
        sizes[sizes.length - 1] = 1;
        return new Member(ws, bs, sizes);
      }
    }
  }

  /** Number of input features. */
  public int inputs() {
    return members.get(0).sizes()[0];
  }

  /**
   * Each member's prediction of every row, in target units: {@code [member][row]}. Rows go through
   * the engine in chunks of {@code 2^16}.
   */
  public double[][] predictMembers(double[][] x) {
    int d = inputs();
    double[] flat = new double[x.length * d];
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != d) {
        throw new IllegalArgumentException(
            "row " + i + " has " + x[i].length + " features, the model expects " + d);
      }
      System.arraycopy(x[i], 0, flat, i * d, d);
    }
    return predictMembersFlat(flat, x.length, d);
  }

  /** As {@link #predictMembers(double[][])} over a flat row-major {@code n x d} buffer. */
  public double[][] predictMembersFlat(double[] rows, int n, int d) {
    if (d != inputs()) {
      throw new IllegalArgumentException("rows have " + d + " features, the model expects " + inputs());
    }
    double[][] out = new double[members.size()][n];
    if (n == 0) {
      return out;
    }
    var engine = TorchRuntime.engine();
    int chunk = 1 << 16;
    try (NDManager mgr = engine.newBaseManager()) {
      List<List<NDArray[]>> layers = new ArrayList<>();
      for (Member m : members) {
        List<NDArray[]> ls = new ArrayList<>();
        for (int l = 0; l < m.weights().size(); l++) {
          NDArray w = mgr.create(m.weights().get(l), new Shape(m.sizes()[l + 1], m.sizes()[l])).transpose();
          NDArray bb = mgr.create(m.biases().get(l), new Shape(m.sizes()[l + 1]));
          ls.add(new NDArray[] {w, bb});
        }
        layers.add(ls);
      }
      float[] buf = new float[Math.min(chunk, n) * d];
      double[] mu = scaler.mean();
      double[] sc = scaler.scale();
      for (int s = 0; s < n; s += chunk) {
        int len = Math.min(chunk, n - s);
        for (int i = 0; i < len; i++) {
          int o = (s + i) * d;
          for (int j = 0; j < d; j++) {
            buf[i * d + j] = (float) ((rows[o + j] - mu[j]) / sc[j]);
          }
        }
        try (NDManager sub = mgr.newSubManager()) {
          NDArray xa = sub.create(java.nio.FloatBuffer.wrap(buf, 0, len * d), new Shape(len, d), DataType.FLOAT32);
          for (int m = 0; m < members.size(); m++) {
            NDArray h = xa;
            List<NDArray[]> ls = layers.get(m);
            for (int l = 0; l < ls.size(); l++) {
              h = h.matMul(ls.get(l)[0]).add(ls.get(l)[1]);
              if (l < ls.size() - 1) {
                h = h.maximum(0f);
              }
            }
            float[] o = h.toFloatArray();
            for (int i = 0; i < len; i++) {
              double tv = targetMean + targetScale * o[i];
              out[m][s + i] = config.logTarget() ? Math.exp(tv) : tv;
            }
          }
        }
      }
    }
    return out;
  }

  @Override
  public double[] predictFlat(double[] rows, int n, int d) {
    return mean(predictMembersFlat(rows, n, d));
  }

  private static double[] mean(double[][] pm) {
    double[] mean = new double[pm[0].length];
    for (double[] p : pm) {
      for (int i = 0; i < mean.length; i++) {
        mean[i] += p[i];
      }
    }
    for (int i = 0; i < mean.length; i++) {
      mean[i] /= pm.length;
    }
    return mean;
  }

  /** Ensemble mean of every row (the function the Shapley values explain). */
  @Override
  public double[] predict(double[][] x) {
    return mean(predictMembers(x));
  }

  /** Mean and sample standard deviation across members: {@code [row] -> {mean, std}}. */
  public static double[][] meanStd(double[][] memberPredictions) {
    int k = memberPredictions.length;
    int n = memberPredictions[0].length;
    double[][] o = new double[n][2];
    for (int i = 0; i < n; i++) {
      double m = 0;
      for (double[] p : memberPredictions) {
        m += p[i];
      }
      m /= k;
      double v = 0;
      for (double[] p : memberPredictions) {
        v += (p[i] - m) * (p[i] - m);
      }
      o[i][0] = m;
      o[i][1] = k > 1 ? Math.sqrt(v / (k - 1)) : 0.0;
    }
    return o;
  }
}
