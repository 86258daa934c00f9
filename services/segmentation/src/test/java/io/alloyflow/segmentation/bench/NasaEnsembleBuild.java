package io.alloyflow.segmentation.bench;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.segmentation.io.Datasets;
import io.alloyflow.segmentation.io.ImageInputs;
import io.alloyflow.segmentation.io.MaskFormat;
import io.alloyflow.segmentation.metrics.SemanticMetrics;
import io.alloyflow.segmentation.pixelclassifier.PixelClassifier;
import io.alloyflow.segmentation.unet.EnsembleSegmenter;
import io.alloyflow.segmentation.unet.UNetSegmenter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Builds the NASA superalloy ensemble ({@link EnsembleSegmenter}) from a trained pixel classifier
 * and a trained U-Net: the per-class weights are fitted on Super1 {@code val} (neither member
 * trained on it), the folder is written, and then the members and the ensemble are scored once on
 * Super1 {@code test} and Super2 {@code different_test}.
 *
 * <p>Usage: {@code NasaEnsembleBuild PIXEL.zip UNET_DIR NASA_SUPER_DIR OUT_DIR}.
 */
public final class NasaEnsembleBuild {
  private NasaEnsembleBuild() {}

  public static void main(String[] args) throws Exception {
    Path pcFile = Path.of(args[0]);
    Path unetDir = Path.of(args[1]);
    Path nasa = Path.of(args[2]);
    Path out = Path.of(args[3]);
    PixelClassifier pc = PixelClassifier.load(pcFile);
    try (UNetSegmenter un = UNetSegmenter.load(unetDir)) {
      List<Datasets.Labelled> val = load(nasa, "Super1/val");
      List<Micrograph> ims = new ArrayList<>();
      List<int[]> truth = new ArrayList<>();
      for (Datasets.Labelled d : val) {
        ims.add(d.micrograph());
        truth.add(d.labels());
      }
      long t0 = System.nanoTime();
      List<float[][][]> probs = EnsembleSegmenter.memberProbabilities(pc, un, ims);
      EnsembleSegmenter.Fit fit = EnsembleSegmenter.fitWeights(probs, truth);
      System.out.printf(Locale.ROOT, "Super1/val: %s; pixel alone %s, U-Net alone %s (%.0f s)%n",
          fit, member(probs, truth, 1.0), member(probs, truth, 0.0),
          (System.nanoTime() - t0) / 1e9);
      EnsembleSegmenter.write(out, pcFile, unetDir, new EnsembleSegmenter.Descriptor(
          EnsembleSegmenter.FORMAT, pc.classNames(), fit.pixelWeight(), fit.mIoU(),
          "NASA Super1/val (4 images), per-class weights on the grid 0..1 step 0.1"));
      for (String split : List.of("Super1/test", "Super2/different_test")) {
        List<float[][][]> p = new ArrayList<>();
        List<int[]> t = new ArrayList<>();
        for (Datasets.Labelled d : load(nasa, split)) {
          p.add(EnsembleSegmenter.memberProbabilities(pc, un, List.of(d.micrograph())).get(0));
          t.add(d.labels());
        }
        System.out.printf(Locale.ROOT, "%-22s pixel %s | unet %s | ensemble %s%n", split,
            member(p, t, 1.0), member(p, t, 0.0), weighted(p, t, fit.pixelWeight()));
      }
    }
  }

  private static String member(List<float[][][]> p, List<int[]> t, double w) {
    double[] ws = new double[p.get(0)[0].length];
    Arrays.fill(ws, w);
    return weighted(p, t, ws);
  }

  private static String weighted(List<float[][][]> p, List<int[]> t, double[] w) {
    int k = w.length;
    long[][] cm = new long[k][k];
    for (int i = 0; i < p.size(); i++) {
      float[][] a = p.get(i)[0];
      float[][] b = p.get(i)[1];
      int n = a[0].length;
      int[] lab = new int[n];
      for (int j = 0; j < n; j++) {
        int best = 0;
        double bv = -1;
        for (int c = 0; c < k; c++) {
          double v = w[c] * a[c][j] + (1 - w[c]) * b[c][j];
          if (v > bv) {
            bv = v;
            best = c;
          }
        }
        lab[j] = best;
      }
      SemanticMetrics.accumulate(cm, lab, t.get(i));
    }
    SemanticMetrics s = SemanticMetrics.fromConfusion(cm);
    double[] r = new double[k];
    for (int c = 0; c < k; c++) {
      r[c] = Math.round(s.perClassIoU()[c] * 1000) / 1000.0;
    }
    return String.format(Locale.ROOT, "mIoU %.4f %s", s.meanIoU(), Arrays.toString(r));
  }

  private static List<Datasets.Labelled> load(Path nasa, String split) throws Exception {
    return Datasets.load(nasa.resolve(split), nasa.resolve(split + "_annot"), MaskFormat.NASA,
        ImageInputs.DEFAULT_MAX_PIXELS);
  }
}
