package io.alloyflow.segmentation.bench;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.nn.UNetArchitecture;
import io.alloyflow.nn.UNetBlock;
import io.alloyflow.segmentation.metrics.SemanticMetrics;
import io.alloyflow.segmentation.unet.AugmentationSettings;
import io.alloyflow.segmentation.unet.TrainingConfig;
import io.alloyflow.segmentation.unet.UNetModelCard;
import io.alloyflow.segmentation.unet.UNetSegmenter;
import io.alloyflow.segmentation.unet.UNetTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Held-out synthetic evaluation of the DJL U-Net (run by
 * bench/segmentation/run_synthetic_unet_eval.sh), with the protocol and scoring of {@link
 * SyntheticEvaluation} so the numbers sit beside the pixel classifiers': training seeds
 * 1..N_TRAIN, validation seeds 501-502 (used only by {@link UNetTrainer} to keep the weights of
 * the epoch with the best validation mIoU), test seeds 1001..1000+N_TEST scored once at the end
 * with the kept weights, loaded back from the model folder and applied through {@link
 * UNetSegmenter#segment} (tiled, overlap-blended inference with the tiling stored in the model
 * card, i.e. what {@code ./alloyflow segment --method unet} does). The test images are also scored
 * with a second, explicitly tiled inference ({@code --tile2}/{@code --overlap2}) as a check that
 * the tiling does not change the result. Images are those of {@code ./alloyflow synth KIND --seed
 * S} (see {@link SyntheticEvaluation#sample}).
 *
 * <p>Network: U-Net of Ronneberger, Fischer and Brox (2015, MICCAI, LNCS 9351, 234-241) as built
 * by {@link io.alloyflow.nn.UNetBlock}; Adam (Kingma and Ba 2015, ICLR) with the
 * cosine schedule of Loshchilov and Hutter (2017, ICLR) over the wall-clock budget.
 *
 * <p>Options ({@code --name value}): kind (dp-steel | al-alloy), size (512), train (N_TRAIN, 24),
 * test (N_TEST, 5), dose (default | e/px), out (model folder), base (16), depth (4), crop (256),
 * batch (4), steps (steps per epoch, 40), epochs (1000; the time budget normally ends training),
 * lr (1e-3), minutes (training budget, 34), patience (0 = never stop early), seed (42),
 * weighting (0 = unweighted cross-entropy, else the cap of inverse-frequency class weights),
 * aug (d4 = rotations/flips only, none, default = the SEM defaults with scale, contrast and noise),
 * tile/overlap (inference tiling saved in the card, 512/64), tile2/overlap2 (second tiling scored
 * on the test seeds, 256/64), evalOnly (true: score the model already in out).
 */
public final class SyntheticUNetEvaluation {
  private SyntheticUNetEvaluation() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "expected --name value pairs, found '" + args[i] + "' at position " + i);
      }
      o.put(args[i].substring(2), args[i + 1]);
    }
    String kind = o.getOrDefault("kind", "dp-steel");
    int size = Integer.parseInt(o.getOrDefault("size", "512"));
    int nTrain = Integer.parseInt(o.getOrDefault("train", "24"));
    int nTest = Integer.parseInt(o.getOrDefault("test", "5"));
    String doseText = o.getOrDefault("dose", "default");
    double dose = doseText.equals("default") ? Double.NaN : Double.parseDouble(doseText);
    Path out = Path.of(o.getOrDefault("out", "/work/models/unet-synth-" + kind));
    boolean evalOnly = Boolean.parseBoolean(o.getOrDefault("evalOnly", "false"));
    int tile2 = Integer.parseInt(o.getOrDefault("tile2", "256"));
    int overlap2 = Integer.parseInt(o.getOrDefault("overlap2", "64"));

    List<String> names = SyntheticEvaluation.sample(kind, 1, size, dose).truth().classNames();
    int k = names.size();
    System.out.printf(Locale.ROOT, "%s %dx%d, dose %s, train seeds 1..%d, validation 501..502,"
        + " test 1001..%d; classes %s%n", kind, size, size, doseText, nTrain, 1000 + nTest, names);

    if (!evalOnly) {
      long g0 = System.nanoTime();
      List<Micrograph> trainImgs = new ArrayList<>();
      List<LabelMap> trainMasks = new ArrayList<>();
      double[] trainFrac = new double[k];
      for (long s = 1; s <= nTrain; s++) {
        SyntheticEvaluation.Sample sm = SyntheticEvaluation.sample(kind, s, size, dose);
        trainImgs.add(sm.image());
        trainMasks.add(sm.truth());
        double[] f = sm.truth().fractions();
        for (int c = 0; c < k; c++) {
          trainFrac[c] += f[c] / nTrain;
        }
      }
      List<Micrograph> valImgs = new ArrayList<>();
      List<LabelMap> valMasks = new ArrayList<>();
      for (long s = 501; s <= 502; s++) {
        SyntheticEvaluation.Sample sm = SyntheticEvaluation.sample(kind, s, size, dose);
        valImgs.add(sm.image());
        valMasks.add(sm.truth());
      }
      System.out.printf(Locale.ROOT, "generated %d training + 2 validation images in %.1f s;"
          + " training class fractions %s%n", nTrain, (System.nanoTime() - g0) / 1e9,
          SyntheticEvaluation.fmt(trainFrac));

      UNetArchitecture arch = new UNetArchitecture(1, k,
          Integer.parseInt(o.getOrDefault("base", "16")),
          Integer.parseInt(o.getOrDefault("depth", "4")));
      double weighting = Double.parseDouble(o.getOrDefault("weighting", "0"));
      TrainingConfig cfg = TrainingConfig.defaults(arch, names)
          .withEpochs(Integer.parseInt(o.getOrDefault("epochs", "1000")),
              Integer.parseInt(o.getOrDefault("steps", "40")))
          .withCrop(Integer.parseInt(o.getOrDefault("crop", "256")),
              Integer.parseInt(o.getOrDefault("batch", "4")))
          .withLearningRate(Double.parseDouble(o.getOrDefault("lr", "1e-3")))
          .withSeed(Long.parseLong(o.getOrDefault("seed", "42")))
          .withPatience(Integer.parseInt(o.getOrDefault("patience", "0")))
          .withTiling(Integer.parseInt(o.getOrDefault("tile", "512")),
              Integer.parseInt(o.getOrDefault("overlap", "64")))
          .withMaxSeconds(60 * Double.parseDouble(o.getOrDefault("minutes", "34")))
          .withClassWeighting(weighting >= 1, Math.max(1, weighting))
          .withAugmentation(augmentation(o.getOrDefault("aug", "d4")));
      System.out.println("training config: " + cfg);
      UNetModelCard card =
          UNetTrainer.train(cfg, trainImgs, trainMasks, valImgs, valMasks, out, System.out);
      int steps = card.epochsRun() * cfg.stepsPerEpoch();
      System.out.printf(Locale.ROOT, "trained %d epochs x %d steps = %d steps (%d crops of %d px)"
          + " in %.0f s; kept epoch %d, validation %s%n", card.epochsRun(), cfg.stepsPerEpoch(),
          steps, steps * cfg.batchSize(), cfg.cropSize(), card.trainingSeconds(),
          card.bestEpoch(), card.validation());
    }

    // test seeds: scored once, with the weights the trainer kept, loaded from the model folder
    List<SyntheticEvaluation.Sample> test = new ArrayList<>();
    for (long s = 1001; s <= 1000 + nTest; s++) {
      test.add(SyntheticEvaluation.sample(kind, s, size, dose));
    }
    try (UNetSegmenter seg = UNetSegmenter.load(out)) {
      UNetModelCard card = seg.card();
      System.out.printf(Locale.ROOT, "model %s: %s, %d parameters, kept epoch %d of %d%n",
          out.toAbsolutePath(), card.architecture(), seg.parameterCount(), card.bestEpoch(),
          card.epochsRun());
      String m1 = "unet-t" + card.tileSize();
      score(seg, test, k, m1, "tile " + card.tileSize() + " overlap " + card.tileOverlap()
          + " (model card default)");
      seg.tiling(tile2, overlap2);
      score(seg, test, k, "unet-t" + tile2, "tile " + tile2 + " overlap " + overlap2);
    }
  }

  static AugmentationSettings augmentation(String name) {
    return switch (name) {
      // dihedral group only: the test images have the same pixel size, dose and detector
      case "d4" -> new AugmentationSettings(true, true, 1, 1, 1, 1, 0, 0, 1, 1, 0);
      case "none" -> AugmentationSettings.none();
      case "default" -> AugmentationSettings.defaults();
      default -> throw new IllegalArgumentException(
          "aug must be d4, none or default, found '" + name + "'");
    };
  }

  private static void score(UNetSegmenter seg, List<SyntheticEvaluation.Sample> test, int k,
      String method, String what) {
    int n = test.size();
    double[] miou = new double[n];
    double[] ferr = new double[n];
    double[] meanIoU = new double[k];
    double secs = 0;
    long pixels = 0;
    System.out.println(method + ": " + what);
    for (int t = 0; t < n; t++) {
      SyntheticEvaluation.Sample sm = test.get(t);
      LabelMap truth = sm.truth();
      long t0 = System.nanoTime();
      int[] pred = seg.segment(sm.image()).labels();
      secs += (System.nanoTime() - t0) / 1e9;
      pixels += pred.length;
      SemanticMetrics m = SemanticMetrics.compute(pred, truth.labels(), k);
      double[] trueFrac = truth.fractions();
      double[] err = SyntheticEvaluation.fractionErrors(pred, trueFrac, k);
      double worst = SyntheticEvaluation.maxAbs(err);
      for (int c = 0; c < k; c++) {
        meanIoU[c] += m.perClassIoU()[c] / n;
      }
      miou[t] = m.meanIoU();
      ferr[t] = worst;
      System.out.printf(Locale.ROOT,
          "seed %d %-10s mIoU %.4f perClassIoU %s fractionError %s max|err| %.4f (truth %s)%n",
          1001 + t, method, m.meanIoU(), SyntheticEvaluation.fmt(m.perClassIoU()),
          SyntheticEvaluation.fmtSigned(err), worst, SyntheticEvaluation.fmt(trueFrac));
    }
    int met = 0;
    int fracMet = 0;
    double maxErr = 0;
    for (int t = 0; t < n; t++) {
      met += miou[t] >= 0.95 ? 1 : 0;
      fracMet += ferr[t] <= 0.01 ? 1 : 0;
      maxErr = Math.max(maxErr, ferr[t]);
    }
    System.out.printf(Locale.ROOT, "MEAN %-10s mIoU %.4f (min %.4f; >= 0.95 on %d/%d seeds)"
        + "  max|fraction error| mean %.4f worst %.4f (<= 0.01 on %d/%d seeds)"
        + "  mean perClassIoU %s  inference %.2f MP/s%n",
        method, SyntheticEvaluation.mean(miou), SyntheticEvaluation.min(miou), met, n,
        SyntheticEvaluation.mean(ferr), maxErr, fracMet, n, SyntheticEvaluation.fmt(meanIoU),
        pixels / 1e6 / secs);
  }
}
