package io.alloyflow.segmentation.bench;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.segmentation.PhaseSegmentation;
import io.alloyflow.segmentation.SegmentationOptions;
import io.alloyflow.segmentation.Segmenter;
import io.alloyflow.segmentation.metrics.SemanticMetrics;
import io.alloyflow.segmentation.pixelclassifier.FeatureBank;
import io.alloyflow.segmentation.pixelclassifier.PixelClassifier;
import io.alloyflow.segmentation.pixelclassifier.TrainingImage;
import io.alloyflow.synthetic.SyntheticSample;
import io.alloyflow.synthetic.SyntheticWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Held-out synthetic evaluation (run by bench/segmentation/run_synthetic_eval.sh): dual-phase steel
 * from {@code SyntheticWorld.dualPhaseSteel}; the pixel classifier is trained on seeds 1..T and
 * every method is scored on seeds 1001..1000+N (never seen in training). Unsupervised classes are
 * matched to truth classes per image by the Hungarian mapping. Prints one line per method and seed
 * and a mean per method: mIoU and |martensite fraction - truth|.
 */
public final class SyntheticEvaluation {
  private SyntheticEvaluation() {}

  public static void main(String[] args) throws Exception {
    int size = Integer.parseInt(args[0]);
    double px = Double.parseDouble(args[1]);
    int nTrain = Integer.parseInt(args[2]);
    int nTest = Integer.parseInt(args[3]);
    Path work = Files.createDirectories(Path.of(args[4]));
    List<TrainingImage> train = new ArrayList<>();
    List<String> names = null;
    for (int s = 1; s <= nTrain; s++) {
      SyntheticSample sm = SyntheticWorld.dualPhaseSteel(s, size, px);
      names = sm.phases().classNames();
      train.add(new TrainingImage(sm.bse().pixels(), size, size, sm.phases().labels(), false,
          "dualPhaseSteel(seed=" + s + ")"));
    }
    long t0 = System.nanoTime();
    PixelClassifier pc = PixelClassifier.train(train, names, FeatureBank.ilastik(),
        PixelClassifier.Settings.defaults());
    Path model = work.resolve("dp-steel-pc.zip");
    pc.save(model);
    System.out.printf(Locale.ROOT, "trained pixel classifier on %d images in %.1f s; classes %s%n",
        nTrain, (System.nanoTime() - t0) / 1e9, names);
    String[] methods = {"otsu", "kmeans", "pixel-classifier", "pc-smooth1", "pc-smooth2", "pc-smooth4"};
    double[][] miou = new double[methods.length][nTest];
    double[][] ferr = new double[methods.length][nTest];
    for (int t = 0; t < nTest; t++) {
      long seed = 1001 + t;
      SyntheticSample sm = SyntheticWorld.dualPhaseSteel(seed, size, px);
      LabelMap truth = sm.phases();
      int k = truth.classNames().size();
      double[] trueFrac = truth.fractions();
      for (int mi = 0; mi < methods.length; mi++) {
        int[] pred;
        if (methods[mi].startsWith("pc-smooth")) {
          double sg = Double.parseDouble(methods[mi].substring(9));
          float[][] p = pc.probabilities(sm.bse().pixels(), size, size);
          for (int c = 0; c < p.length; c++) {
            p[c] = io.alloyflow.segmentation.filters.Filters.gaussian(p[c], size, size, sg);
          }
          pred = new int[size * size];
          for (int i = 0; i < pred.length; i++) {
            int b = 0;
            for (int c = 1; c < p.length; c++) {
              if (p[c][i] > p[b][i]) {
                b = c;
              }
            }
            pred[i] = b;
          }
        } else {
        SegmentationOptions o = methods[mi].equals("pixel-classifier")
            ? SegmentationOptions.withModel("pixel-classifier", model)
            : new SegmentationOptions(methods[mi], k, null, 1.0, false, 51, 4, 42L);
        PhaseSegmentation seg = Segmenter.segment(sm.bse(), o);
        pred = seg.labels().labels().clone();
        }
        if (!methods[mi].startsWith("p")) {
          long[][] c = new long[k][k];
          SemanticMetrics.accumulate(c, pred, truth.labels());
          int[] map = SemanticMetrics.bestMapping(c);
          for (int i = 0; i < pred.length; i++) {
            pred[i] = map[pred[i]];
          }
        }
        SemanticMetrics m = SemanticMetrics.compute(pred, truth.labels(), k);
        double[] f = new double[k];
        for (int v : pred) {
          f[v]++;
        }
        double worst = 0;
        for (int c = 0; c < k; c++) {
          worst = Math.max(worst, Math.abs(f[c] / pred.length - trueFrac[c]));
        }
        miou[mi][t] = m.meanIoU();
        ferr[mi][t] = worst;
        System.out.printf(Locale.ROOT,
            "seed %d %-16s mIoU %.4f perClassIoU %s max|fraction error| %.4f (truth %s)%n",
            seed, methods[mi], m.meanIoU(), fmt(m.perClassIoU()), worst, fmt(trueFrac));
      }
    }
    for (int mi = 0; mi < methods.length; mi++) {
      System.out.printf(Locale.ROOT, "MEAN %-16s mIoU %.4f  max|fraction error| %.4f over %d held-out seeds%n",
          methods[mi], mean(miou[mi]), mean(ferr[mi]), nTest);
    }
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  static String fmt(double[] v) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      b.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.4f", v[i]));
    }
    return b.append("]").toString();
  }
}
