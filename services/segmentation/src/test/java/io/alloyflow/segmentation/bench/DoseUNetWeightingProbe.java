package io.alloyflow.segmentation.bench;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.segmentation.metrics.SemanticMetrics;
import io.alloyflow.segmentation.unet.TrainingConfig;
import io.alloyflow.segmentation.unet.UNetModelCard;
import io.alloyflow.segmentation.unet.UNetSegmenter;
import io.alloyflow.segmentation.unet.UNetTrainer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Why the dose study's U-Net is weak on the aluminium alloy: trains the study's recipe ({@link
 * DoseStudy.UNetRecipe#standard()}) on the same images as the {@code unet} path at one dose, once
 * with unweighted cross-entropy (the recipe) and once with inverse-frequency class weights capped
 * at 10 (the {@code train segmentation} default), and prints the per-class IoU on the held-out
 * seeds 7001-7003. Arguments: [KIND=al-alloy] [DOSE=12483] [SIZE=128].
 */
public final class DoseUNetWeightingProbe {
  private DoseUNetWeightingProbe() {}

  public static void main(String[] args) throws Exception {
    DoseStudy.Kind k = DoseStudy.Kind.parse(args.length > 0 ? args[0] : "al-alloy");
    double dose = args.length > 1 ? Double.parseDouble(args[1]) : 12483;
    int size = args.length > 2 ? Integer.parseInt(args[2]) : 128;
    List<Micrograph> ti = new ArrayList<>();
    List<LabelMap> tm = new ArrayList<>();
    List<Micrograph> vi = new ArrayList<>();
    List<LabelMap> vm = new ArrayList<>();
    for (long s = 1; s <= 2; s++) {
      DoseStudy.Sample x = DoseStudy.sample(k, s, size, dose);
      ti.add(x.image());
      tm.add(x.truth());
    }
    for (long s : DoseStudy.VALIDATION_SEEDS) {
      DoseStudy.Sample x = DoseStudy.sample(k, s, size, dose);
      vi.add(x.image());
      vm.add(x.truth());
    }
    List<String> names = tm.get(0).classNames();
    int n = names.size();
    System.out.printf(Locale.ROOT, "%s at %s e/px, %d px, classes %s%n", k.id(), dose, size,
        names);
    for (boolean weighted : new boolean[] {false, true}) {
      TrainingConfig cfg = DoseStudy.UNetRecipe.standard().config(names)
          .withClassWeighting(weighted, 10);
      Path dir = Files.createTempDirectory("alloyflow-dose-unet-probe-");
      UNetModelCard card = UNetTrainer.train(cfg, ti, tm, vi, vm, dir,
          new PrintStream(OutputStream.nullOutputStream()));
      double[] per = new double[n];
      double miou = 0;
      double fe = 0;
      try (UNetSegmenter seg = UNetSegmenter.load(dir)) {
        for (long s = 7001; s <= 7003; s++) {
          DoseStudy.Sample x = DoseStudy.sample(k, s, size, dose);
          int[] p = seg.segment(x.image()).labels();
          SemanticMetrics m = SemanticMetrics.compute(p, x.truth().labels(), n);
          for (int c = 0; c < n; c++) {
            per[c] += m.perClassIoU()[c] / 3;
          }
          miou += m.meanIoU() / 3;
          fe += Math.abs(SyntheticEvaluation.fractionErrors(p, x.truth().fractions(), n)[1]) / 3;
        }
      }
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
      System.out.printf(Locale.ROOT, "class weights %-5s: kept epoch %d of %d (validation mIoU"
          + " %s); test mIoU %.4f, per-class IoU %s, mean |fraction error| of class 1 %.4f%n",
          weighted, card.bestEpoch(), card.epochsRun(), card.validation().get("mIoU"), miou,
          Arrays.toString(Arrays.stream(per).map(v -> Math.round(v * 1000) / 1000.0).toArray()),
          fe);
    }
  }
}
