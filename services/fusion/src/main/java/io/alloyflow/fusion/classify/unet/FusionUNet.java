package io.alloyflow.fusion.classify.unet;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import io.alloyflow.fusion.classify.MlpPixelClassifier;
import io.alloyflow.fusion.classify.Scores;
import io.alloyflow.nn.UNetBlock;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A trained stacked-channel U-Net ({@link UNetBlock}) for phase classification on the SEM
 * grid: {@link #train} fits one, {@link #load} reads a model folder, {@link #probabilities} and
 * {@link #predict} apply it, {@link #save} writes the parameters and the {@link FusionUNetCard}.
 *
 * <p>Training (Ronneberger et al. 2015): every optimiser step draws {@code batch} random crops
 * from randomly chosen training images, each rotated by a multiple of 90 degrees and flipped at
 * random (the same for every channel and the labels); loss = class-weighted pixel cross-entropy
 * {@code -sum(w_y log p_y) / sum(w_y)} (weights {@code (1 / (K f_c))^power}, capped; Long,
 * Shelhamer and Darrell 2015, CVPR); Adam with a cosine-annealed step size. After each epoch the
 * whole validation images are classified; the weights with the best validation macro-F1 are kept
 * (early stopping after {@code patience} epochs without improvement), and the prior correction
 * {@code p_c / w_c^a} (a in 0, 0.25, ..., 1) that maximises it is recorded. Channels are
 * standardised by the training planes' mean and standard deviation. Per-step arrays live in a
 * sub-manager closed after the step (native memory stays flat). Close the instance to free native
 * memory; not thread-safe.
 */
public final class FusionUNet implements AutoCloseable {

  /** Parameter file prefix inside a model folder ({@code fusion-unet-0000.params}). */
  public static final String PARAMS_PREFIX = "fusion-unet";

  /** Side of the inference patches (larger images are tiled with a margin). */
  static final int PATCH = 512;

  /** Margin of each inference tile that is predicted but not kept. */
  static final int MARGIN = 32;

  private static final double[] PRIOR_POWERS = {0, 0.25, 0.5, 0.75, 1};

  private final Model model;
  private final UNetBlock block;
  private FusionUNetCard card;

  private FusionUNet(Model model, UNetBlock block, FusionUNetCard card) {
    this.model = model;
    this.block = block;
    this.card = card;
  }

  /** The model card (architecture, channels, training record). */
  public FusionUNetCard card() {
    return card;
  }

  /**
   * Trains a network.
   *
   * @param images training inputs (all with the same channel names, in order)
   * @param labels per image class labels 0..K-1 ({@code -1} = unlabelled, ignored)
   * @param valImages validation inputs for model selection and early stopping (at least one)
   * @param valLabels their labels
   * @param trainingData free-text description recorded in the card
   * @param log progress sink (one line per epoch)
   */
  public static FusionUNet train(FusionUNetConfig cfg, List<StackedChannels> images,
      List<int[]> labels, List<StackedChannels> valImages, List<int[]> valLabels,
      String trainingData, PrintStream log) {
    int k = cfg.shape().numClasses();
    if (images.isEmpty() || valImages.isEmpty()) {
      throw new IllegalArgumentException("U-Net training needs at least one training and one"
          + " validation image, found " + images.size() + " and " + valImages.size());
    }
    List<String> channels = images.get(0).names();
    checkSet("training", images, labels, channels, k);
    checkSet("validation", valImages, valLabels, channels, k);
    if (channels.size() != cfg.shape().inChannels()) {
      throw new IllegalArgumentException("the images have " + channels.size() + " channels "
          + channels + " but the network expects " + cfg.shape().inChannels());
    }
    long t0 = System.nanoTime();
    int nc = channels.size();
    double[] mean = new double[nc];
    double[] sd = new double[nc];
    standardisation(images, mean, sd);
    double[] w = classWeights(labels, k, cfg.classWeightPower(), cfg.maxClassWeight());
    List<float[][]> x = new ArrayList<>();
    for (StackedChannels s : images) {
      x.add(normalised(s, mean, sd));
    }
    Engine engine = MlpPixelClassifier.engine();
    engine.setRandomSeed((int) cfg.seed());
    UNetBlock block = new UNetBlock(cfg.shape());
    Model model = Model.newInstance("fusion-unet", engine.defaultDevice(),
        engine.getEngineName());
    model.setBlock(block);
    FusionUNet net = new FusionUNet(model, block, null);
    try {
      int crop = cfg.crop();
      int b = cfg.batch();
      long totalSteps = (long) cfg.epochs() * cfg.stepsPerEpoch();
      float lr = (float) cfg.learningRate();
      Tracker cosine = step -> {
        double progress = Math.min(1, step / (double) totalSteps);
        if (cfg.maxSeconds() > 0) {
          progress = Math.max(progress,
              Math.min(1, (System.nanoTime() - t0) / 1e9 / cfg.maxSeconds()));
        }
        return (float) (lr * (0.02 + 0.98 * 0.5 * (1 + Math.cos(Math.PI * progress))));
      };
      DefaultTrainingConfig tc = new DefaultTrainingConfig(new WeightedCrossEntropy())
          .optOptimizer(Adam.builder().optLearningRateTracker(cosine).build());
      SplittableRandom rnd = new SplittableRandom(cfg.seed());
      List<double[]> history = new ArrayList<>();
      double bestScore = Double.NEGATIVE_INFINITY;
      double bestPower = 0;
      int bestEpoch = 0;
      int epochsRun = 0;
      List<float[]> best = null;
      long params;
      try (Trainer trainer = model.newTrainer(tc)) {
        trainer.initialize(new Shape(b, nc, crop, crop));
        params = block.parameterCount();
        log.printf(Locale.ROOT, "U-Net %s, %d parameters, channels %s, %d training / %d"
            + " validation images, class weights %s%n", cfg.shape(), params, channels,
            images.size(), valImages.size(), java.util.Arrays.toString(round(w)));
        NDManager root = model.getNDManager();
        int plane = crop * crop;
        for (int epoch = 1; epoch <= cfg.epochs(); epoch++) {
          long e0 = System.nanoTime();
          double lossSum = 0;
          for (int step = 0; step < cfg.stepsPerEpoch(); step++) {
            float[] xb = new float[b * nc * plane];
            float[] tb = new float[b * k * plane];
            for (int s = 0; s < b; s++) {
              int i = rnd.nextInt(images.size());
              StackedChannels img = images.get(i);
              sampleCrop(x.get(i), labels.get(i), img.width(), img.height(), crop, rnd, xb,
                  s * nc * plane, tb, s * k * plane, w);
            }
            try (NDManager sub = root.newSubManager()) {
              NDArray xa = sub.create(xb, new Shape(b, nc, crop, crop));
              NDArray ta = sub.create(tb, new Shape(b, k, crop, crop));
              try (GradientCollector gc = trainer.newGradientCollector()) {
                NDList pred = trainer.forward(new NDList(xa));
                NDArray loss = trainer.getLoss().evaluate(new NDList(ta), pred);
                gc.backward(loss);
                lossSum += loss.getFloat();
              }
              trainer.step();
            }
          }
          epochsRun = epoch;
          net.card = provisionalCard(cfg, channels, mean, sd, w, 0);
          List<float[][]> vp = new ArrayList<>();
          for (StackedChannels v : valImages) {
            vp.add(net.rawProbabilities(v));
          }
          double score = Double.NEGATIVE_INFINITY;
          double power = 0;
          for (double a : PRIOR_POWERS) {
            double s = macroF1(vp, valLabels, w, a, k);
            if (s > score) {
              score = s;
              power = a;
            }
          }
          double secs = (System.nanoTime() - e0) / 1e9;
          double meanLoss = lossSum / cfg.stepsPerEpoch();
          history.add(new double[] {epoch, round4(meanLoss), round4(score), Math.round(secs)});
          if (score > bestScore) {
            bestScore = score;
            bestEpoch = epoch;
            bestPower = power;
            best = snapshot(block);
          }
          double elapsed = (System.nanoTime() - t0) / 1e9;
          log.printf(Locale.ROOT, "epoch %d/%d loss=%.4f val macroF1=%.4f (prior power %.2f;"
              + " best %.4f @%d) %.0f s, elapsed %.0f s%n", epoch, cfg.epochs(), meanLoss, score,
              power, bestScore, bestEpoch, secs, elapsed);
          if (cfg.patience() > 0 && epoch - bestEpoch >= cfg.patience()) {
            log.printf("early stop: no validation improvement for %d epochs%n", cfg.patience());
            break;
          }
          if (cfg.maxSeconds() > 0 && elapsed > cfg.maxSeconds()) {
            log.printf(Locale.ROOT, "time budget of %.0f s reached after epoch %d%n",
                cfg.maxSeconds(), epoch);
            break;
          }
        }
      }
      restore(block, best);
      net.card = new FusionUNetCard(FusionUNetCard.FORMAT, cfg.shape(), cfg.classNames(),
          channels, mean, sd, round(w), bestPower, cfg, trainingData, epochsRun, bestEpoch,
          round4(bestScore), history, "", "", params,
          engine.getEngineName() + " " + engine.getVersion() + " (DJL " + Engine.getDjlVersion()
              + ")", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
      return net;
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  private static FusionUNetCard provisionalCard(FusionUNetConfig cfg, List<String> channels,
      double[] mean, double[] sd, double[] w, double power) {
    return new FusionUNetCard(FusionUNetCard.FORMAT, cfg.shape(), cfg.classNames(), channels,
        mean, sd, w, power, cfg, "", 0, 0, 0, List.of(), "", "", 0, "", 0);
  }

  /** Loads a model folder written by {@link #save}. */
  public static FusionUNet load(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("U-Net model folder does not exist: " + dir);
    }
    FusionUNetCard card = FusionUNetCard.read(dir);
    Path params = dir.resolve(card.parameterFile());
    if (!Files.isRegularFile(params)) {
      throw new IOException("U-Net parameter file '" + card.parameterFile() + "' named by the"
          + " card is missing in " + dir);
    }
    String sha = sha256(params);
    if (!sha.equals(card.parameterSha256())) {
      throw new IOException("U-Net parameter file " + params + " has SHA-256 " + sha
          + " but the card records " + card.parameterSha256());
    }
    Engine engine = MlpPixelClassifier.engine();
    UNetBlock block = new UNetBlock(card.shape());
    Model model = Model.newInstance("fusion-unet", engine.defaultDevice(),
        engine.getEngineName());
    model.setBlock(block);
    try {
      model.load(dir, PARAMS_PREFIX);
    } catch (MalformedModelException | IOException | RuntimeException e) {
      model.close();
      throw new IOException("cannot load U-Net parameters from " + dir + " for shape "
          + card.shape() + ": " + e.getMessage(), e);
    }
    return new FusionUNet(model, block, card);
  }

  /**
   * Writes the parameter file and the card into {@code dir} (created if needed; earlier
   * parameter files of this prefix are replaced).
   */
  public void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (var old = Files.list(dir)) {
      for (Path p : old.toList()) {
        String n = p.getFileName().toString();
        if (n.startsWith(PARAMS_PREFIX + "-") && n.endsWith(".params")) {
          Files.delete(p);
        }
      }
    }
    model.setProperty("Epoch", "0");
    model.save(dir, PARAMS_PREFIX);
    String file = PARAMS_PREFIX + "-0000.params";
    FusionUNetCard c = card;
    card = new FusionUNetCard(c.format(), c.shape(), c.classNames(), c.channels(),
        c.channelMean(), c.channelSd(), c.classWeights(), c.priorPower(), c.config(),
        c.trainingData(), c.epochsRun(), c.bestEpoch(), c.validationMacroF1(), c.history(),
        file, sha256(dir.resolve(file)), c.parameters(), c.engine(), c.trainSeconds());
    card.write(dir);
  }

  /**
   * Class probabilities {@code [class][pixel]} of an image, prior-corrected as the card says.
   *
   * @throws IllegalArgumentException when the image's channels differ from the model's
   */
  public float[][] probabilities(StackedChannels img) {
    float[][] p = rawProbabilities(img);
    correct(p, card.classWeights(), card.priorPower());
    return p;
  }

  /** Most probable class per pixel. */
  public int[] predict(StackedChannels img) {
    return argmax(probabilities(img));
  }

  /** Network softmax output without prior correction, tiled for images beyond one patch. */
  float[][] rawProbabilities(StackedChannels img) {
    if (!img.names().equals(card.channels())) {
      throw new IllegalArgumentException("the image has channels " + img.names()
          + " but the U-Net was trained on " + card.channels());
    }
    float[][] x = normalised(img, card.channelMean(), card.channelSd());
    int w = img.width();
    int h = img.height();
    int k = card.shape().numClasses();
    float[][] out = new float[k][w * h];
    int m = card.shape().sizeMultiple();
    if (w <= PATCH && h <= PATCH) {
      int pw = (w + m - 1) / m * m;
      int ph = (h + m - 1) / m * m;
      forwardPatch(x, w, h, 0, 0, pw, ph, 0, 0, w, h, out);
      return out;
    }
    int core = PATCH - 2 * MARGIN;
    for (int y0 = 0; y0 < h; y0 += core) {
      for (int x0 = 0; x0 < w; x0 += core) {
        forwardPatch(x, w, h, x0 - MARGIN, y0 - MARGIN, PATCH, PATCH, x0, y0,
            Math.min(w, x0 + core), Math.min(h, y0 + core), out);
      }
    }
    return out;
  }

  /**
   * Forward pass over the mirrored patch at (px, py) of size pw x ph; copies the probabilities
   * of image pixels [kx0, kx1) x [ky0, ky1) into {@code out}.
   */
  private void forwardPatch(float[][] x, int w, int h, int px, int py, int pw, int ph, int kx0,
      int ky0, int kx1, int ky1, float[][] out) {
    int nc = x.length;
    int k = out.length;
    float[] buf = new float[nc * pw * ph];
    for (int c = 0; c < nc; c++) {
      for (int v = 0; v < ph; v++) {
        int sy = reflect(py + v, h);
        for (int u = 0; u < pw; u++) {
          buf[(c * ph + v) * pw + u] = x[c][sy * w + reflect(px + u, w)];
        }
      }
    }
    float[] p;
    try (NDManager sub = model.getNDManager().newSubManager()) {
      NDArray xa = sub.create(buf, new Shape(1, nc, ph, pw));
      NDArray logits = block.forward(new ParameterStore(sub, false), new NDList(xa), false)
          .singletonOrThrow();
      p = logits.softmax(1).toFloatArray();
    }
    for (int y = ky0; y < ky1; y++) {
      for (int xx = kx0; xx < kx1; xx++) {
        int u = xx - px;
        int v = y - py;
        for (int c = 0; c < k; c++) {
          out[c][y * w + xx] = p[(c * ph + v) * pw + u];
        }
      }
    }
  }

  @Override
  public void close() {
    model.close();
  }

  // ---- helpers ----

  /** Divides by {@code w_c^a} and renormalises, per pixel. */
  static void correct(float[][] p, double[] w, double a) {
    if (a == 0) {
      return;
    }
    int k = p.length;
    double[] f = new double[k];
    for (int c = 0; c < k; c++) {
      f[c] = Math.pow(w[c], -a);
    }
    for (int i = 0; i < p[0].length; i++) {
      double s = 0;
      for (int c = 0; c < k; c++) {
        s += p[c][i] * f[c];
      }
      for (int c = 0; c < k; c++) {
        p[c][i] = (float) (s > 0 ? p[c][i] * f[c] / s : 1.0 / k);
      }
    }
  }

  /** Most probable class per pixel of {@code [class][pixel]} probabilities. */
  public static int[] argmax(float[][] p) {
    int n = p[0].length;
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      int bst = 0;
      for (int c = 1; c < p.length; c++) {
        if (p[c][i] > p[bst][i]) {
          bst = c;
        }
      }
      out[i] = bst;
    }
    return out;
  }

  private static double macroF1(List<float[][]> probs, List<int[]> labels, double[] w, double a,
      int k) {
    int n = 0;
    for (int[] l : labels) {
      n += l.length;
    }
    int[] truth = new int[n];
    int[] pred = new int[n];
    int o = 0;
    for (int i = 0; i < probs.size(); i++) {
      float[][] p = new float[k][];
      for (int c = 0; c < k; c++) {
        p[c] = probs.get(i)[c].clone();
      }
      correct(p, w, a);
      int[] pr = argmax(p);
      System.arraycopy(labels.get(i), 0, truth, o, pr.length);
      System.arraycopy(pr, 0, pred, o, pr.length);
      o += pr.length;
    }
    return Scores.of(truth, pred, k).macroF1();
  }

  /**
   * Class weights {@code (1 / (K' f_c))^power} (K' = classes present, f_c = labelled-pixel
   * fraction), capped at {@code max}; 1 for absent classes.
   */
  static double[] classWeights(List<int[]> labels, int k, double power, double max) {
    long[] n = new long[k];
    long total = 0;
    for (int[] l : labels) {
      for (int v : l) {
        if (v >= 0) {
          n[v]++;
          total++;
        }
      }
    }
    int present = 0;
    for (long c : n) {
      present += c > 0 ? 1 : 0;
    }
    double[] w = new double[k];
    for (int c = 0; c < k; c++) {
      w[c] = n[c] == 0 ? 1 : Math.min(max, Math.pow(total / ((double) present * n[c]), power));
    }
    return w;
  }

  private static void standardisation(List<StackedChannels> images, double[] mean,
      double[] sd) {
    int nc = mean.length;
    for (int c = 0; c < nc; c++) {
      double s = 0;
      double s2 = 0;
      long n = 0;
      for (StackedChannels img : images) {
        for (float v : img.planes()[c]) {
          s += v;
          s2 += (double) v * v;
          n++;
        }
      }
      mean[c] = s / n;
      double var = s2 / n - mean[c] * mean[c];
      sd[c] = var > 1e-12 ? Math.sqrt(var) : 1;
    }
  }

  private static float[][] normalised(StackedChannels img, double[] mean, double[] sd) {
    float[][] out = new float[img.count()][];
    for (int c = 0; c < out.length; c++) {
      float[] src = img.planes()[c];
      float[] d = new float[src.length];
      float m = (float) mean[c];
      float inv = (float) (1 / sd[c]);
      for (int i = 0; i < src.length; i++) {
        d[i] = (src[i] - m) * inv;
      }
      out[c] = d;
    }
    return out;
  }

  /**
   * A random crop rotated by a multiple of 90 degrees and flipped, into {@code xb} (channels
   * first) and the weighted one-hot target {@code tb}; reads outside the image are mirrored.
   */
  static void sampleCrop(float[][] x, int[] labels, int w, int h, int crop, SplittableRandom rnd,
      float[] xb, int xo, float[] tb, int to, double[] weights) {
    int x0 = w > crop ? rnd.nextInt(w - crop + 1) : -(crop - w) / 2;
    int y0 = h > crop ? rnd.nextInt(h - crop + 1) : -(crop - h) / 2;
    int rot = rnd.nextInt(4);
    boolean flip = rnd.nextBoolean();
    int plane = crop * crop;
    for (int v = 0; v < crop; v++) {
      for (int u = 0; u < crop; u++) {
        int p = flip ? crop - 1 - u : u;
        int q = v;
        for (int r = 0; r < rot; r++) {
          int t = p;
          p = q;
          q = crop - 1 - t;
        }
        int src = reflect(y0 + q, h) * w + reflect(x0 + p, w);
        int dst = v * crop + u;
        for (int c = 0; c < x.length; c++) {
          xb[xo + c * plane + dst] = x[c][src];
        }
        int l = labels[src];
        if (l >= 0) {
          tb[to + l * plane + dst] = (float) weights[l];
        }
      }
    }
  }

  static int reflect(int i, int n) {
    if (n == 1) {
      return 0;
    }
    int period = 2 * (n - 1);
    i = Math.floorMod(i, period);
    return i < n ? i : period - i;
  }

  private static List<float[]> snapshot(UNetBlock block) {
    List<float[]> out = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      out.add(p.getValue().getArray().toFloatArray());
    }
    return out;
  }

  private static void restore(UNetBlock block, List<float[]> values) {
    if (values == null) {
      return;
    }
    int i = 0;
    for (Pair<String, Parameter> p : block.getParameters()) {
      p.getValue().getArray().set(values.get(i++));
    }
  }

  private static void checkSet(String role, List<StackedChannels> imgs, List<int[]> labels,
      List<String> channels, int k) {
    if (imgs.size() != labels.size()) {
      throw new IllegalArgumentException(role + " set has " + imgs.size() + " images but "
          + labels.size() + " label maps");
    }
    for (int i = 0; i < imgs.size(); i++) {
      StackedChannels s = imgs.get(i);
      if (!s.names().equals(channels)) {
        throw new IllegalArgumentException(role + " image " + i + " has channels " + s.names()
            + ", expected " + channels);
      }
      int[] l = labels.get(i);
      if (l.length != s.width() * s.height()) {
        throw new IllegalArgumentException(role + " image " + i + " is " + s.width() + "x"
            + s.height() + " but has " + l.length + " labels");
      }
      for (int p = 0; p < l.length; p++) {
        if (l[p] < -1 || l[p] >= k) {
          throw new IllegalArgumentException(role + " labels " + i + " have " + l[p]
              + " at pixel (" + p % s.width() + ", " + p / s.width() + "); expected 0.."
              + (k - 1) + " or -1");
        }
      }
    }
  }

  private static double[] round(double[] w) {
    double[] r = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      r[i] = Math.round(w[i] * 1000) / 1000.0;
    }
    return r;
  }

  private static double round4(double v) {
    return Math.round(v * 1e4) / 1e4;
  }

  static String sha256(Path f) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(f),
        MessageDigest.getInstance("SHA-256"))) {
      byte[] b = new byte[1 << 16];
      while (in.read(b) >= 0) {
        // digesting
      }
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JRE", e);
    }
  }

  /** Class-weighted pixel cross-entropy on a weighted one-hot target (N, K, H, W). */
  private static final class WeightedCrossEntropy extends Loss {
    WeightedCrossEntropy() {
      super("WeightedPixelCrossEntropy");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
      NDArray t = labels.singletonOrThrow();
      NDArray logp = predictions.singletonOrThrow().logSoftmax(1);
      return t.mul(logp).sum().neg().div(t.sum().maximum(1e-6f));
    }
  }
}
