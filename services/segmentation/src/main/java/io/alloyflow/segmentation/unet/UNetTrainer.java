package io.alloyflow.segmentation.unet;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.nn.UNetArchitecture;
import io.alloyflow.nn.UNetBlock;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains a {@link UNetBlock} on labelled micrographs with DJL's PyTorch engine on the CPU.
 *
 * <p>Each optimiser step draws {@code batchSize} random augmented crops ({@link Augmenter}) from
 * randomly chosen training images, computes the class-weighted pixel cross-entropy ({@link
 * WeightedPixelCrossEntropy}) with inverse-frequency class weights, and updates with Adam
 * (Kingma and Ba 2015, ICLR). All per-step arrays live in a sub-manager that is closed after the
 * step (otherwise native memory grows without bound). After each epoch the model is evaluated on
 * the validation images with tiled inference; the weights with the best validation mIoU are kept
 * (early stopping after {@code patience} epochs without improvement). The model folder gets the
 * DJL parameter file and the {@link UNetModelCard} sidecar.
 */
public final class UNetTrainer {

  private UNetTrainer() {}

  /**
   * Trains without a separate validation set: the kept weights are those of the last epoch and
   * the reported metrics are measured on the training images.
   */
  public static UNetModelCard train(
      TrainingConfig config, List<Micrograph> images, List<LabelMap> masks, Path outDir)
      throws IOException {
    return train(config, images, masks, List.of(), List.of(), outDir, System.out);
  }

  /**
   * Trains with a validation set used for early stopping and model selection.
   *
   * @param masks class-index masks (values 0..K-1 or -1; values >= K are not
   *     allowed; -1 marks unlabelled pixels, ignored by the loss and the metrics)
   * @param log progress sink (one line per epoch)
   */
  public static UNetModelCard train(
      TrainingConfig config,
      List<Micrograph> images,
      List<LabelMap> masks,
      List<Micrograph> valImages,
      List<LabelMap> valMasks,
      Path outDir,
      PrintStream log)
      throws IOException {
    return train(config, images, masks, valImages, valMasks, null, outDir, log);
  }

  /**
   * Trains with a validation set, starting from the weights of an existing model folder instead
   * of a random initialisation (fine-tuning; usually with a lower learning rate).
   *
   * @param initDir model folder written by this trainer whose parameters are loaded before the
   *     first step (its architecture must equal {@code config.architecture()}); null = random
   *     initialisation. Must differ from {@code outDir}.
   */
  public static UNetModelCard train(
      TrainingConfig config,
      List<Micrograph> images,
      List<LabelMap> masks,
      List<Micrograph> valImages,
      List<LabelMap> valMasks,
      Path initDir,
      Path outDir,
      PrintStream log)
      throws IOException {
    int k = config.architecture().numClasses();
    if (initDir != null) {
      if (!Files.isDirectory(initDir)) {
        throw new IOException("U-Net init model folder does not exist: " + initDir);
      }
      if (Files.exists(outDir)
          && initDir.toAbsolutePath().normalize().equals(outDir.toAbsolutePath().normalize())) {
        throw new IllegalArgumentException(
            "U-Net init folder must differ from the output folder (its parameter file would be"
                + " replaced), found " + initDir + " for both");
      }
      UNetArchitecture initArch = UNetModelCard.read(initDir).architecture();
      if (!initArch.equals(config.architecture())) {
        throw new IllegalArgumentException(
            "U-Net init model " + initDir + " has architecture " + initArch
                + " but the training config asks for " + config.architecture());
      }
    }
    checkPairs("training", images, masks, k);
    checkPairs("validation", valImages, valMasks, k);
    if (images.isEmpty()) {
      throw new IllegalArgumentException("U-Net training needs at least one labelled image");
    }
    long t0 = System.nanoTime();
    Engine engine = TorchRuntime.engine();
    engine.setRandomSeed((int) config.seed());

    List<float[]> normImgs = new ArrayList<>();
    for (Micrograph m : images) {
      normImgs.add(IntensityNormalizer.of(m).applyAll(m.pixels()));
    }
    double[] weights = classWeights(masks, k, config.classWeighting(), config.maxClassWeight());
    List<UNetModelCard.DataHash> hashes = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      hashes.add(hash("train", i, images.get(i), masks.get(i)));
    }
    for (int i = 0; i < valImages.size(); i++) {
      hashes.add(hash("validation", i, valImages.get(i), valMasks.get(i)));
    }
    boolean hasVal = !valImages.isEmpty();
    List<Micrograph> evalImgs = hasVal ? valImages : images;
    List<LabelMap> evalMasks = hasVal ? valMasks : masks;

    UNetBlock block = new UNetBlock(config.architecture());
    Files.createDirectories(outDir);
    // DJL loads the highest-numbered parameter file: remove those of earlier runs
    try (var old = Files.list(outDir)) {
      for (Path p : old.toList()) {
        String n = p.getFileName().toString();
        if ((n.startsWith(UNetSegmenter.PARAMS_PREFIX + "-") && n.endsWith(".params"))
            || n.equals(UNetModelCard.FILE_NAME)) {
          Files.delete(p);
        }
      }
    }
    try (Model model = Model.newInstance("unet", engine.defaultDevice(), engine.getEngineName())) {
      model.setBlock(block);
      if (initDir != null) {
        try {
          model.load(initDir, UNetSegmenter.PARAMS_PREFIX);
        } catch (ai.djl.MalformedModelException | RuntimeException e) {
          throw new IOException(
              "cannot load U-Net init parameters from " + initDir + " for architecture "
                  + config.architecture() + ": " + e.getMessage(), e);
        }
        log.printf("initial weights loaded from %s%n", initDir);
      }
      DefaultTrainingConfig tc =
          new DefaultTrainingConfig(new WeightedPixelCrossEntropy())
              .optOptimizer(
                  Adam.builder()
                      .optLearningRateTracker(schedule(config, t0))
                      .build());
      int crop = config.cropSize();
      int b = config.batchSize();
      Augmenter aug = new Augmenter(config.augmentation());
      SplittableRandom rnd = new SplittableRandom(config.seed());
      List<UNetModelCard.EpochLog> history = new ArrayList<>();
      double bestScore = Double.NEGATIVE_INFINITY;
      int bestEpoch = 0;
      Map<String, Object> bestMetrics = Map.of();
      int epochsRun = 0;
      long params;
      try (Trainer trainer = model.newTrainer(tc)) {
        trainer.initialize(new Shape(b, 1, crop, crop));
        params = block.parameterCount();
        log.printf(
            "U-Net %s, %d parameters, %d training / %d validation images, class weights %s%n",
            config.architecture(), params, images.size(), valImages.size(),
            java.util.Arrays.toString(round(weights)));
        NDManager root = model.getNDManager();
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
          long e0 = System.nanoTime();
          double lossSum = 0;
          for (int step = 0; step < config.stepsPerEpoch(); step++) {
            float[] x = new float[b * crop * crop];
            float[] t = new float[b * k * crop * crop];
            int plane = crop * crop;
            for (int s = 0; s < b; s++) {
              int idx = rnd.nextInt(images.size());
              Micrograph m = images.get(idx);
              Augmenter.Sample smp =
                  aug.sample(normImgs.get(idx), masks.get(idx).labels(), m.width(), m.height(),
                      crop, rnd);
              for (int p = 0; p < plane; p++) {
                x[s * plane + p] = 2f * smp.pixels()[p] - 1f;
                int c = smp.labels()[p];
                if (c >= 0) {
                  t[(s * k + c) * plane + p] = (float) weights[c];
                }
              }
            }
            try (NDManager sub = root.newSubManager()) {
              NDArray xa = sub.create(x, new Shape(b, 1, crop, crop));
              NDArray ta = sub.create(t, new Shape(b, k, crop, crop));
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
          double meanLoss = lossSum / config.stepsPerEpoch();
          double elapsedNow = (System.nanoTime() - t0) / 1e9;
          boolean last =
              epoch == config.epochs()
                  || (config.maxSeconds() > 0 && elapsedNow > config.maxSeconds());
          // without a validation set the (costly) training-set metrics are computed once, at the
          // end; the weights of the last epoch are kept
          PixelScores sc = null;
          if (hasVal || last) {
            UNetSegmenter probe = UNetSegmenter.wrap(model, block, cardStub(config, weights));
            sc = evaluate(probe, evalImgs, evalMasks, k);
          }
          double score = sc == null ? Double.NaN : sc.meanIoU();
          double secs = (System.nanoTime() - e0) / 1e9;
          history.add(new UNetModelCard.EpochLog(epoch, meanLoss, score, secs));
          boolean improved = !hasVal || score > bestScore;
          if (improved) {
            bestScore = score;
            bestEpoch = epoch;
            if (sc != null) {
              bestMetrics = metrics(sc, config.classNames());
            }
            model.setProperty("Epoch", "0"); // one file, replaced at each improvement
            saveCheckpoint(model, outDir);
            // the card goes after the parameters: a run killed at any moment leaves either no
            // card (no model) or a card beside parameters it describes (the best so far)
            new UNetModelCard(UNetModelCard.FORMAT, config.architecture(), config.classNames(),
                normalizationText(), paramFileName(outDir), params, config.tileSize(),
                config.tileOverlap(), config, weights, hashes, epochsRun, bestEpoch, bestMetrics,
                hasVal ? "validation" : "training", List.copyOf(history),
                engine.getEngineName() + " " + engine.getVersion() + " (DJL "
                    + Engine.getDjlVersion() + ")", (System.nanoTime() - t0) / 1e9,
                Instant.now().toString()).write(outDir);
          }
          double perEpoch = elapsedNow / epoch;
          double left = perEpoch * (config.epochs() - epoch);
          if (config.maxSeconds() > 0) {
            left = Math.min(left, Math.max(0, config.maxSeconds() - elapsedNow));
          }
          if (sc != null) {
            log.printf(
                "epoch %d/%d loss=%.4f %s mIoU=%.4f pixelAcc=%.4f (best %.4f @%d) %.1f s,"
                    + " about %.0f s left at most%n",
                epoch, config.epochs(), meanLoss, hasVal ? "val" : "train", sc.meanIoU(),
                sc.pixelAccuracy(), bestScore, bestEpoch, secs, left);
          } else {
            log.printf("epoch %d/%d loss=%.4f %.1f s, about %.0f s left at most%n", epoch,
                config.epochs(), meanLoss, secs, left);
          }
          if (hasVal && config.patience() > 0 && epoch - bestEpoch >= config.patience()) {
            log.printf("early stop: no validation improvement for %d epochs%n",
                config.patience());
            break;
          }
          if (config.maxSeconds() > 0 && elapsedNow > config.maxSeconds()) {
            log.printf("time budget of %.0f s reached after epoch %d (%.0f s)%n",
                config.maxSeconds(), epoch, elapsedNow);
            break;
          }
        }
      }
      UNetModelCard card =
          new UNetModelCard(
              UNetModelCard.FORMAT,
              config.architecture(),
              config.classNames(),
              normalizationText(),
              paramFileName(outDir),
              params,
              config.tileSize(),
              config.tileOverlap(),
              config,
              weights,
              hashes,
              epochsRun,
              bestEpoch,
              bestMetrics,
              hasVal ? "validation" : "training",
              history,
              engine.getEngineName() + " " + engine.getVersion() + " (DJL "
                  + Engine.getDjlVersion() + ")",
              (System.nanoTime() - t0) / 1e9,
              Instant.now().toString());
      card.write(outDir);
      return card;
    }
  }

  /**
   * Saves the parameters into a staging folder and renames the file over the model's parameter
   * file, so the folder never holds a half-written parameter file.
   */
  private static void saveCheckpoint(Model model, Path outDir) throws IOException {
    Path staging = outDir.resolve(".staging");
    Files.createDirectories(staging);
    model.save(staging, UNetSegmenter.PARAMS_PREFIX);
    try (var files = Files.list(staging)) {
      for (Path p : files.toList()) {
        io.alloyflow.core.io.AtomicFiles.commit(p, outDir.resolve(p.getFileName()));
      }
    }
    Files.deleteIfExists(staging);
  }

  /** Constant or cosine-annealed learning rate (see {@link TrainingConfig#cosineSchedule}). */
  static Tracker schedule(TrainingConfig c, long startNanos) {
    float base = (float) c.learningRate();
    if (!c.cosineSchedule()) {
      return Tracker.fixed(base);
    }
    long totalSteps = (long) c.epochs() * c.stepsPerEpoch();
    return numUpdate -> {
      double progress = numUpdate / (double) totalSteps;
      if (c.maxSeconds() > 0) {
        progress = Math.max(progress, (System.nanoTime() - startNanos) / 1e9 / c.maxSeconds());
      }
      progress = Math.min(1, progress);
      double f = 0.02 + 0.98 * 0.5 * (1 + Math.cos(Math.PI * progress));
      return (float) (base * f);
    };
  }

  private static String paramFileName(Path outDir) throws IOException {
    try (var s = Files.list(outDir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(UNetSegmenter.PARAMS_PREFIX) && n.endsWith(".params"))
          .findFirst()
          .orElse(UNetSegmenter.PARAMS_PREFIX + "-0000.params");
    }
  }

  static String normalizationText() {
    return "per-image percentiles " + IntensityNormalizer.LOW_PERCENTILE + ".."
        + IntensityNormalizer.HIGH_PERCENTILE + " -> [0,1], network input 2v-1";
  }

  private static UNetModelCard cardStub(TrainingConfig c, double[] w) {
    return new UNetModelCard(UNetModelCard.FORMAT, c.architecture(), c.classNames(),
        normalizationText(), "", 0, c.tileSize(), c.tileOverlap(), c, w, List.of(), 0, 0,
        Map.of(), "", List.of(), "", 0, "");
  }

  /** Pixel scores of a segmenter on labelled images (masks may contain -1 = ignore). */
  public static PixelScores evaluate(
      UNetSegmenter seg, List<Micrograph> images, List<LabelMap> masks, int k) {
    long[][] cm = new long[k][k];
    for (int i = 0; i < images.size(); i++) {
      int[] pred = seg.predict(images.get(i), false).labels();
      PixelScores.accumulate(cm, pred, masks.get(i).labels());
    }
    return PixelScores.fromConfusion(cm);
  }

  private static Map<String, Object> metrics(PixelScores s, List<String> names) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pixelAccuracy", s.pixelAccuracy());
    m.put("mIoU", s.meanIoU());
    Map<String, Double> per = new LinkedHashMap<>();
    for (int c = 0; c < names.size(); c++) {
      per.put(names.get(c), s.perClassIoU()[c]);
    }
    m.put("perClassIoU", per);
    return m;
  }

  private static double[] round(double[] w) {
    double[] r = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      r[i] = Math.round(w[i] * 1000) / 1000.0;
    }
    return r;
  }

  /**
   * Inverse-frequency class weights {@code w_c = 1 / (K' f_c)} (K' = classes present, f_c =
   * pixel fraction of class c), so the mean weight per labelled pixel is 1, capped at {@code
   * maxWeight}; all ones when weighting is off. Pixels labelled -1 are not counted.
   */
  public static double[] classWeights(List<LabelMap> masks, int k, boolean on, double maxWeight) {
    double[] w = new double[k];
    java.util.Arrays.fill(w, 1.0);
    if (!on) {
      return w;
    }
    long[] n = new long[k];
    long total = 0;
    for (LabelMap m : masks) {
      for (int l : m.labels()) {
        if (l >= 0) {
          n[l]++;
          total++;
        }
      }
    }
    int present = 0;
    for (long c : n) {
      if (c > 0) {
        present++;
      }
    }
    for (int c = 0; c < k; c++) {
      if (n[c] > 0) {
        w[c] = Math.min(maxWeight, total / ((double) present * n[c]));
      }
    }
    return w;
  }

  private static void checkPairs(String role, List<Micrograph> imgs, List<LabelMap> masks, int k) {
    if (imgs.size() != masks.size()) {
      throw new IllegalArgumentException(
          role + " set has " + imgs.size() + " images but " + masks.size() + " masks");
    }
    for (int i = 0; i < imgs.size(); i++) {
      Micrograph m = imgs.get(i);
      LabelMap l = masks.get(i);
      if (m.width() != l.width() || m.height() != l.height()) {
        throw new IllegalArgumentException(
            role + " pair " + i + ": image is " + m.width() + "x" + m.height()
                + " but mask is " + l.width() + "x" + l.height());
      }
      int[] labels = l.labels();
      for (int p = 0; p < labels.length; p++) {
        if (labels[p] >= k || labels[p] < -1) {
          throw new IllegalArgumentException(
              role + " mask " + i + " has label " + labels[p] + " at pixel (" + (p % l.width())
                  + ", " + (p / l.width()) + "); expected 0.." + (k - 1) + " or -1 (ignore)");
        }
      }
    }
  }

  /** SHA-256 of an image's size and float pixels, and of its mask's size and labels. */
  static UNetModelCard.DataHash hash(String role, int index, Micrograph m, LabelMap l) {
    return new UNetModelCard.DataHash(role, index, m.width(), m.height(),
        sha256(m.width(), m.height(), m.pixels(), null),
        sha256(l.width(), l.height(), null, l.labels()));
  }

  static String sha256(int w, int h, float[] f, int[] ints) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      ByteBuffer buf = ByteBuffer.allocate(1 << 16);
      buf.putInt(w).putInt(h);
      int n = f != null ? f.length : ints.length;
      for (int i = 0; i < n; i++) {
        if (buf.remaining() < 4) {
          md.update(buf.array(), 0, buf.position());
          buf.clear();
        }
        buf.putInt(f != null ? Float.floatToIntBits(f[i]) : ints[i]);
      }
      md.update(buf.array(), 0, buf.position());
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JRE", e);
    }
  }
}
