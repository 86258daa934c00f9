package io.alloyflow.fusion.classify;

import io.alloyflow.fusion.classify.unet.FusionUNet;
import io.alloyflow.fusion.classify.unet.FusionUNetConfig;
import io.alloyflow.fusion.classify.unet.StackedChannels;
import io.alloyflow.nn.UNetArchitecture;
import io.alloyflow.synthetic.fusion.SemEdsPair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The U-Net row of the fused classification table (issue 12): the stacked-channel U-Net trained
 * on seeds 1..T (BSE-only and fused input), model selection and early stopping on validation seed
 * 101, scored on held-out seeds 2001..2000+H with the same 20 000 pixels per seed and the same
 * {@link Scores} as {@link FusedClassificationBenchmark}; plus late fusion of the BSE U-Net with
 * the EDS-only XGBoost pixel classifier (sum of log probabilities). System properties (defaults):
 * alloyflow.fusion.train (6), .test (3), .semDose (12483), .dwell (0.02), .unet.inputs
 * (FUSED,BSE), .unet.base (8), .unet.depth (4), .unet.crop (128), .unet.batch (8),
 * .unet.epochs (60), .unet.steps (25), .unet.lr (0.003), .unet.maxSeconds (1200 per model),
 * .unet.patience (12), .unet.weightPower (0.5), .unet.save (folder for the models, empty = none),
 * .unet.late (true). Run with {@code bench/fusion/run_unet.sh}.
 */
@Tag("bench")
class FusionUNetBenchmark {

  @Test
  void unetRow() throws IOException {
    int nTrain = Integer.getInteger("alloyflow.fusion.train", 6);
    int nTest = Integer.getInteger("alloyflow.fusion.test", 3);
    double dose = Double.parseDouble(System.getProperty("alloyflow.fusion.semDose", "12483"));
    double dwell = Double.parseDouble(System.getProperty("alloyflow.fusion.dwell", "0.02"));
    String inputs = System.getProperty("alloyflow.fusion.unet.inputs", "FUSED,BSE");
    int base = Integer.getInteger("alloyflow.fusion.unet.base", 8);
    int depth = Integer.getInteger("alloyflow.fusion.unet.depth", 4);
    int crop = Integer.getInteger("alloyflow.fusion.unet.crop", 128);
    int batch = Integer.getInteger("alloyflow.fusion.unet.batch", 8);
    int epochs = Integer.getInteger("alloyflow.fusion.unet.epochs", 60);
    int steps = Integer.getInteger("alloyflow.fusion.unet.steps", 25);
    double lr = Double.parseDouble(System.getProperty("alloyflow.fusion.unet.lr", "0.003"));
    double maxSec = Double.parseDouble(System.getProperty("alloyflow.fusion.unet.maxSeconds",
        "1200"));
    int patience = Integer.getInteger("alloyflow.fusion.unet.patience", 12);
    double power = Double.parseDouble(System.getProperty("alloyflow.fusion.unet.weightPower",
        "0.5"));
    String save = System.getProperty("alloyflow.fusion.unet.save", "");
    boolean late = Boolean.parseBoolean(System.getProperty("alloyflow.fusion.unet.late", "true"));

    long t0 = System.nanoTime();
    SemEdsPair.Params p = FusedClassificationBenchmark.params(dose, dwell);
    List<AlloyCase> train = new ArrayList<>();
    for (int s = 1; s <= nTrain; s++) {
      train.add(new AlloyCase(p, s, false));
    }
    AlloyCase val = new AlloyCase(p, 101, false);
    List<AlloyCase> test = new ArrayList<>();
    for (int s = 1; s <= nTest; s++) {
      test.add(new AlloyCase(p, 2000 + s, false));
    }
    System.out.printf(Locale.ROOT, "BSE dose %.0f e/px, EDS dwell %.3f s, SEM %dx%d, train seeds"
        + " 1..%d, validation seed 101, scored seeds 2001..%d (20000 pixels each, as the table);"
        + " cases built in %.0f s; load average %.1f%n", dose, dwell,
        test.get(0).pair.sem().width(), test.get(0).pair.sem().height(), nTrain, 2000 + nTest,
        (System.nanoTime() - t0) / 1e9,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()
            .getSystemLoadAverage());
    int k = AlloyCase.CLASSES.size();
    System.out.println("method features macroF1 microF1 F1[alpha-Al Si Mg2Si Al-Fe-Si]"
        + " eutecticFractionError(mean abs)");
    Map<String, List<float[][]>> probs = new LinkedHashMap<>();
    for (String in : inputs.split(",")) {
      boolean fused = in.equals("FUSED");
      List<StackedChannels> xs = new ArrayList<>();
      List<int[]> ys = new ArrayList<>();
      for (AlloyCase c : train) {
        xs.add(channels(c, fused));
        ys.add(c.truth);
      }
      int nc = xs.get(0).count();
      FusionUNetConfig cfg = new FusionUNetConfig(new UNetArchitecture(nc, k, base, depth),
          AlloyCase.CLASSES, crop, batch, epochs, steps, lr, 42, power, 10, patience, maxSec);
      long t1 = System.nanoTime();
      String data = String.format(Locale.ROOT, "synthetic A356 SemEdsPair.aluminium seeds 1..%d"
          + " (training), 101 (validation); SEM 512x512 of 0.25 um, BSE %.0f e/px; EDS 64x64 of"
          + " 2 um, %.3f s/px; registered by SemEdsRegistration; %s input", nTrain, dose, dwell,
          in);
      try (FusionUNet net = FusionUNet.train(cfg, xs, ys, List.of(channels(val, fused)),
          List.of(val.truth), data, System.out)) {
        System.out.printf(Locale.ROOT, "%s U-Net trained in %.0f s (best epoch %d of %d,"
            + " validation macro-F1 %.4f, prior power %.2f); load average %.1f%n", in,
            (System.nanoTime() - t1) / 1e9, net.card().bestEpoch(), net.card().epochsRun(),
            net.card().validationMacroF1(), net.card().priorPower(),
            java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
        if (!save.isBlank()) {
          net.save(Path.of(save).resolve(in.toLowerCase(Locale.ROOT)));
        }
        List<float[][]> pr = new ArrayList<>();
        List<int[]> truths = new ArrayList<>();
        List<int[]> preds = new ArrayList<>();
        List<int[]> fullT = new ArrayList<>();
        List<int[]> fullP = new ArrayList<>();
        double fracErr = 0;
        for (int i = 0; i < test.size(); i++) {
          AlloyCase c = test.get(i);
          float[][] pc = net.probabilities(channels(c, fused));
          pr.add(pc);
          int[] all = FusionUNet.argmax(pc);
          int[] px = c.uniformSample(20000, 900 + i);
          int[] pred = new int[px.length];
          for (int j = 0; j < px.length; j++) {
            pred[j] = all[px[j]];
          }
          truths.add(c.labelsOf(px));
          preds.add(pred);
          fullT.add(c.truth);
          fullP.add(all);
          fracErr += Math.abs(FusedClassificationBenchmark.eutecticFraction(pred)
              - c.eutecticFraction);
        }
        probs.put(in, pr);
        Scores sc = Scores.of(FusedClassificationBenchmark.concatInt(truths),
            FusedClassificationBenchmark.concatInt(preds), k);
        FusedClassificationBenchmark.print("unet", in, sc, fracErr / test.size());
        System.out.println("  confusion (rows truth, columns predicted): "
            + java.util.Arrays.deepToString(sc.confusion()));
        Scores full = Scores.of(FusedClassificationBenchmark.concatInt(fullT),
            FusedClassificationBenchmark.concatInt(fullP), k);
        System.out.printf(Locale.ROOT, "  all pixels of the scored seeds: macro-F1 %.3f, F1 %s%n",
            full.macroF1(), java.util.Arrays.toString(full.f1()));
      }
    }
    if (late && probs.containsKey("BSE")) {
      // late fusion: BSE U-Net x EDS-only XGBoost pixel classifier (balanced training, prior
      // correction), product of the probabilities as in the pixel-classifier table
      List<float[]> xs = new ArrayList<>();
      List<int[]> ys = new ArrayList<>();
      int m = 0;
      for (int i = 0; i < train.size(); i++) {
        AlloyCase c = train.get(i);
        int[] px = c.balancedSample(1500, 100 + i);
        xs.add(c.eds.rows(px));
        ys.add(c.labelsOf(px));
        m = c.eds.count();
      }
      int[] y = FusedClassificationBenchmark.concatInt(ys);
      PixelClassifier xgb = TreeClassifiers.xgboost(80, 6, 7);
      xgb.fit(FusedClassificationBenchmark.concat(xs), m, y, k);
      double[] prior = FusedClassificationBenchmark.priorCorrection(train, y, k);
      List<int[]> truths = new ArrayList<>();
      List<int[]> preds = new ArrayList<>();
      double fracErr = 0;
      for (int i = 0; i < test.size(); i++) {
        AlloyCase c = test.get(i);
        int[] px = c.uniformSample(20000, 900 + i);
        float[] pe = xgb.predictProba(c.eds.rows(px), m);
        FusedClassificationBenchmark.reweight(pe, prior);
        float[][] pb = probs.get("BSE").get(i);
        int[] pred = new int[px.length];
        for (int j = 0; j < px.length; j++) {
          int best = 0;
          double bestV = Double.NEGATIVE_INFINITY;
          for (int cl = 0; cl < k; cl++) {
            double v = Math.log(pb[cl][px[j]] + 1e-4) + Math.log(pe[j * k + cl] + 1e-4);
            if (v > bestV) {
              bestV = v;
              best = cl;
            }
          }
          pred[j] = best;
        }
        truths.add(c.labelsOf(px));
        preds.add(pred);
        fracErr += Math.abs(FusedClassificationBenchmark.eutecticFraction(pred)
            - c.eutecticFraction);
      }
      FusedClassificationBenchmark.print("unet", "LATE(BSE-unet x EDS-xgb)",
          Scores.of(FusedClassificationBenchmark.concatInt(truths),
              FusedClassificationBenchmark.concatInt(preds), k), fracErr / test.size());
    }
    System.out.printf(Locale.ROOT, "total %.0f s%n", (System.nanoTime() - t0) / 1e9);
  }

  static StackedChannels channels(AlloyCase c, boolean fused) {
    return fused ? StackedChannels.fused(c.pair.sem(), c.maps, c.transform)
        : StackedChannels.bse(c.pair.sem());
  }
}
