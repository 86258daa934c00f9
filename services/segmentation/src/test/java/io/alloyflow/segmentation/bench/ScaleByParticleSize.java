package io.alloyflow.segmentation.bench;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.segmentation.io.Datasets;
import io.alloyflow.segmentation.io.ImageInputs;
import io.alloyflow.segmentation.io.MaskFormat;
import io.alloyflow.segmentation.io.Masks;
import io.alloyflow.segmentation.metrics.SemanticMetrics;
import io.alloyflow.segmentation.postprocess.PrecipitateSizeClasses;
import io.alloyflow.segmentation.postprocess.SizeClassSettings;
import io.alloyflow.segmentation.unet.EnsembleSegmenter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Probe: does resampling each image so that its coarse precipitates have the training images'
 * size help an ensemble on other magnifications? The coarse size of an image is the geometric
 * mean diameter of the coarse mode of {@link PrecipitateSizeClasses}' two-Gaussian fit to the
 * first-pass map's particles; the reference is the same on the Super1 train truth maps. Images
 * whose factor is within 15 % of 1 keep the first pass; others are segmented again at the factor
 * (clamped to 0.5..2) and the class probabilities resampled back (as {@link RobustnessProbe}).
 *
 * <p>Usage: {@code ScaleByParticleSize ENSEMBLE_DIR NASA_DIR FIRST_PASS_PRED_DIR SPLIT}.
 */
public final class ScaleByParticleSize {
  private ScaleByParticleSize() {}

  public static void main(String[] a) throws Exception {
    Path nasa = Path.of(a[1]);
    double ref = reference(nasa);
    System.out.printf(Locale.ROOT, "reference coarse size (Super1 train truth) %.1f px%n", ref);
    long[][] c0 = new long[3][3];
    long[][] c1 = new long[3][3];
    try (EnsembleSegmenter en = EnsembleSegmenter.load(Path.of(a[0]))) {
      double[] w = en.descriptor().pixelWeight();
      for (Datasets.Labelled d : Datasets.load(nasa.resolve(a[3]), nasa.resolve(a[3] + "_annot"),
          MaskFormat.NASA, ImageInputs.DEFAULT_MAX_PIXELS)) {
        Micrograph m = d.micrograph();
        String base = ImageInputs.baseName(d.image());
        int[] first = Masks.readPng(Datasets.findMask(Path.of(a[2]), base), 1L << 28).labels();
        double size = coarseSize(first, m.width(), m.height());
        double s = Double.isNaN(size) ? 1 : Math.max(0.5, Math.min(2, ref / size));
        int[] second = first;
        if (Math.abs(Math.log(s)) > Math.log(1.15)) {
          int sw = (int) Math.round(m.width() * s);
          int sh = (int) Math.round(m.height() * s);
          Micrograph r = new Micrograph(sw, sh,
              RobustnessProbe.resize(m.pixels(), m.width(), m.height(), sw, sh), m.bitDepth(),
              m.pixelSizeM() / s, m.signal());
          float[][][] p = en.memberProbabilities(r);
          second = new int[m.width() * m.height()];
          float[][] back = new float[3][];
          for (int c = 0; c < 3; c++) {
            float[] mix = new float[sw * sh];
            for (int i = 0; i < mix.length; i++) {
              mix[i] = (float) (w[c] * p[0][c][i] + (1 - w[c]) * p[1][c][i]);
            }
            back[c] = RobustnessProbe.resize(mix, sw, sh, m.width(), m.height());
          }
          for (int i = 0; i < second.length; i++) {
            int best = 0;
            for (int c = 1; c < 3; c++) {
              if (back[c][i] > back[best][i]) {
                best = c;
              }
            }
            second[i] = best;
          }
        }
        SemanticMetrics.accumulate(c0, first, d.labels());
        SemanticMetrics.accumulate(c1, second, d.labels());
        System.out.printf(Locale.ROOT, "  %-36s coarse %.1f px factor %.2f: %s -> %s%n", base, size,
            s, fmt(SemanticMetrics.compute(first, d.labels(), 3)),
            fmt(SemanticMetrics.compute(second, d.labels(), 3)));
      }
    }
    System.out.println(a[3] + " first pass " + fmt(SemanticMetrics.fromConfusion(c0))
        + " -> rescaled " + fmt(SemanticMetrics.fromConfusion(c1)));
  }

  static double reference(Path nasa) throws Exception {
    List<Double> sizes = new ArrayList<>();
    for (Datasets.Labelled d : Datasets.load(nasa.resolve("Super1/train"),
        nasa.resolve("Super1/train_annot"), MaskFormat.NASA, ImageInputs.DEFAULT_MAX_PIXELS)) {
      int[] t = d.labels().clone();
      for (int i = 0; i < t.length; i++) {
        t[i] = Math.max(0, t[i]);
      }
      double s = coarseSize(t, d.micrograph().width(), d.micrograph().height());
      if (!Double.isNaN(s)) {
        sizes.add(s);
      }
    }
    double[] v = sizes.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return v[v.length / 2];
  }

  /** Geometric mean equivalent diameter of the coarse mode, NaN if the map is not bimodal. */
  static double coarseSize(int[] labels, int w, int h) {
    PrecipitateSizeClasses.Result r =
        PrecipitateSizeClasses.apply(labels, w, h, 1, 2, SizeClassSettings.DEFAULTS);
    return r.mixture() == null || !r.applied() ? Double.NaN : Math.exp(r.mixture().mean()[1]);
  }

  static String fmt(SemanticMetrics m) {
    double[] c = m.perClassIoU();
    return String.format(Locale.ROOT, "%.4f [%.3f %.3f %.3f]", m.meanIoU(), c[0], c[1], c[2]);
  }
}
