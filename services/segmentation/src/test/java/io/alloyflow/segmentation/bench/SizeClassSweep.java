package io.alloyflow.segmentation.bench;

import io.alloyflow.segmentation.io.Datasets;
import io.alloyflow.segmentation.io.ImageInputs;
import io.alloyflow.segmentation.io.Masks;
import io.alloyflow.segmentation.metrics.SemanticMetrics;
import io.alloyflow.segmentation.postprocess.PrecipitateSizeClasses;
import io.alloyflow.segmentation.postprocess.SizeClassSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scores {@link PrecipitateSizeClasses} on a model's predicted NASA label maps (the PNGs of
 * {@code segment}), for a grid of speck sizes: per image and pooled mIoU and per-class IoU before
 * and after, with each image's threshold, Ashman D and whether it was applied. Used to choose
 * {@link SizeClassSettings#minAreaPx()} on Super1 val
 * ({@code bench/segmentation/run_nasa_size_classes.sh}).
 *
 * <p>Usage: {@code SizeClassSweep PRED_DIR TRUTH_DIR MIN_AREAS [COARSE=1] [FINE=2] [TRUTH=1]}:
 * with TRUTH=1 the rule is also applied to the truth maps themselves (a perfect foreground), which
 * shows what the size rule alone costs or gains.
 */
public final class SizeClassSweep {
  private SizeClassSweep() {}

  public static void main(String[] args) throws Exception {
    Path predDir = Path.of(args[0]);
    Path truthDir = Path.of(args[1]);
    String[] areas = args[2].split(",");
    int coarse = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    int fine = args.length > 4 ? Integer.parseInt(args[4]) : 2;
    boolean onTruth = args.length > 5 && args[5].equals("1");
    List<String> names = new ArrayList<>();
    List<int[]> truths = new ArrayList<>();
    List<int[]> preds = new ArrayList<>();
    int w = 0;
    int h = 0;
    for (Path t : ImageInputs.listImages(truthDir)) {
      String base = ImageInputs.baseName(t);
      String pb = base.endsWith("_mask") ? base.substring(0, base.length() - 5) : base;
      Masks.Mask tm = Masks.readNasa(t, 1L << 28);
      Masks.Mask pm = Masks.readPng(Datasets.findMask(predDir, pb), 1L << 28);
      w = tm.width();
      h = tm.height();
      names.add(pb);
      truths.add(tm.labels());
      preds.add(onTruth ? clip(tm.labels()) : pm.labels());
    }
    long[][] base = new long[3][3];
    for (int i = 0; i < names.size(); i++) {
      SemanticMetrics.accumulate(base, preds.get(i), truths.get(i));
    }
    System.out.println(line("model" + (onTruth ? " (truth maps)" : ""),
        SemanticMetrics.fromConfusion(base)));
    for (String a : areas) {
      SizeClassSettings s = new SizeClassSettings(Integer.parseInt(a.trim()),
          SizeClassSettings.DEFAULTS.minComponents(), SizeClassSettings.DEFAULTS.minSeparation(),
          SizeClassSettings.DEFAULTS.excludeBorder());
      long[][] pooled = new long[3][3];
      for (int i = 0; i < names.size(); i++) {
        PrecipitateSizeClasses.Result r =
            PrecipitateSizeClasses.apply(preds.get(i), w, h, coarse, fine, s);
        SemanticMetrics.accumulate(pooled, r.labels(), truths.get(i));
        SemanticMetrics before = SemanticMetrics.compute(preds.get(i), truths.get(i), 3);
        SemanticMetrics after = SemanticMetrics.compute(r.labels(), truths.get(i), 3);
        System.out.printf(Locale.ROOT, "  %-34s %s -> %s applied=%b thr=%.1f px D=%s n=%d%n",
            names.get(i), iou(before), iou(after), r.applied(), r.thresholdDiameterPx(),
            r.mixture() == null ? "-" : String.format(Locale.ROOT, "%.2f", r.mixture().ashmanD()),
            r.measured());
      }
      System.out.println(line("size classes, minArea " + a, SemanticMetrics.fromConfusion(pooled)));
    }
  }

  static int[] clip(int[] t) {
    int[] o = t.clone();
    for (int i = 0; i < o.length; i++) {
      o[i] = Math.max(0, o[i]);
    }
    return o;
  }

  static String iou(SemanticMetrics m) {
    double[] c = m.perClassIoU();
    return String.format(Locale.ROOT, "%.4f [%.3f %.3f %.3f]", m.meanIoU(), c[0], c[1], c[2]);
  }

  static String line(String what, SemanticMetrics m) {
    return String.format(Locale.ROOT, "%-28s pooled mIoU %s", what, iou(m));
  }
}
