package io.alloyflow.segmentation.bench;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.segmentation.io.Datasets;
import io.alloyflow.segmentation.io.ImageInputs;
import io.alloyflow.segmentation.io.MaskFormat;
import io.alloyflow.segmentation.metrics.SemanticMetrics;
import io.alloyflow.segmentation.pixelclassifier.PixelClassifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which test-time input treatment makes a trained pixel classifier robust to other imaging
 * conditions: scores a model on NASA Super2 {@code different_test} (and Super1 {@code test}, to
 * check nothing is lost in distribution) as given, after histogram matching to the training
 * images' pooled intensity quantiles ({@code match}), with flip test-time augmentation ({@code
 * flip}) and with multi-scale test-time augmentation ({@code scaleA/B/C}: probabilities averaged
 * over the image resampled by A, B and C).
 *
 * <p>Usage: {@code RobustnessProbe MODEL.zip NASA_SUPER_DIR [VARIANTS=plain,match,match+flip]
 * [SPLITS=Super2/different_test,Super1/test]}.
 */
public final class RobustnessProbe {
  private RobustnessProbe() {}

  public static void main(String[] args) throws Exception {
    PixelClassifier pc = PixelClassifier.load(Path.of(args[0]));
    Path nasa = Path.of(args[1]);
    List<String> variants = List.of((args.length > 2 ? args[2] : "plain,match,match+flip")
        .split(","));
    List<Datasets.Labelled> train = load(nasa, "Super1/train");
    List<float[]> trainPx = new ArrayList<>();
    for (Datasets.Labelled d : train) {
      trainPx.add(d.micrograph().pixels());
    }
    float[] reference = IntensityNormalisation.pooledQuantiles(trainPx);
    List<String> splits = List.of((args.length > 3 ? args[3]
        : "Super2/different_test,Super1/test").split(","));
    for (String split : splits) {
      List<Datasets.Labelled> data = load(nasa, split);
      for (String v : variants) {
        long t0 = System.nanoTime();
        long[][] conf = new long[3][3];
        StringBuilder perImage = new StringBuilder();
        for (Datasets.Labelled d : data) {
          Micrograph g = d.micrograph();
          float[] px = g.pixels();
          if (v.contains("match")) {
            px = IntensityNormalisation.matchHistogram(px, reference);
          }
          int[] pred;
          if (v.contains("flip")) {
            pred = PixelClassifier.argMax(flipAveraged(pc, px, g.width(), g.height()));
          } else if (v.startsWith("scale")) {
            // scaleA/B/C: probabilities averaged over the image resampled by A, B and C
            String[] f = v.substring(5).split("/");
            float[][] sum = null;
            for (String x : f) {
              float[][] p = atScale(pc, px, g.width(), g.height(), Double.parseDouble(x));
              if (sum == null) {
                sum = p;
              } else {
                for (int c = 0; c < p.length; c++) {
                  for (int i = 0; i < p[c].length; i++) {
                    sum[c][i] += p[c][i];
                  }
                }
              }
            }
            pred = PixelClassifier.argMax(sum);
          } else {
            pred = pc.predict(px, g.width(), g.height());
          }
          SemanticMetrics.accumulate(conf, pred, d.labels());
          long[][] one = new long[3][3];
          SemanticMetrics.accumulate(one, pred, d.labels());
          perImage.append(String.format(Locale.ROOT, " %.3f",
              SemanticMetrics.fromConfusion(one).meanIoU()));
        }
        SemanticMetrics s = SemanticMetrics.fromConfusion(conf);
        System.out.printf(Locale.ROOT, "%-22s %-12s mIoU %.4f per class %s per image%s (%.0f s)%n",
            split, v, s.meanIoU(), Arrays.toString(round(s.perClassIoU())), perImage,
            (System.nanoTime() - t0) / 1e9);
      }
    }
  }

  private static List<Datasets.Labelled> load(Path nasa, String split) throws Exception {
    return Datasets.load(nasa.resolve(split), nasa.resolve(split + "_annot"), MaskFormat.NASA,
        ImageInputs.DEFAULT_MAX_PIXELS);
  }

  /** Class probabilities averaged over the identity and the three flips of the image. */
  static float[][] flipAveraged(PixelClassifier pc, float[] px, int w, int h) {
    float[][] sum = null;
    for (int f = 0; f < 4; f++) {
      boolean fx = (f & 1) != 0;
      boolean fy = (f & 2) != 0;
      float[][] p = pc.probabilities(flip(px, w, h, fx, fy), w, h);
      if (sum == null) {
        sum = new float[p.length][px.length];
      }
      for (int c = 0; c < p.length; c++) {
        float[] back = flip(p[c], w, h, fx, fy);
        for (int i = 0; i < back.length; i++) {
          sum[c][i] += back[i] / 4f;
        }
      }
    }
    return sum;
  }

  /** Class probabilities of the image resampled by factor s, resampled back to w x h. */
  static float[][] atScale(PixelClassifier pc, float[] px, int w, int h, double s) {
    int sw = Math.max(16, (int) Math.round(w * s));
    int sh = Math.max(16, (int) Math.round(h * s));
    float[][] p = pc.probabilities(resize(px, w, h, sw, sh), sw, sh);
    float[][] out = new float[p.length][];
    for (int c = 0; c < p.length; c++) {
      out[c] = resize(p[c], sw, sh, w, h);
    }
    return out;
  }

  /** Bilinear resampling (pixel centres aligned). */
  static float[] resize(float[] a, int w, int h, int nw, int nh) {
    float[] o = new float[nw * nh];
    for (int v = 0; v < nh; v++) {
      double sy = Math.min(h - 1.0, Math.max(0, (v + 0.5) * h / nh - 0.5));
      int y0 = (int) sy;
      int y1 = Math.min(h - 1, y0 + 1);
      double fy = sy - y0;
      for (int u = 0; u < nw; u++) {
        double sx = Math.min(w - 1.0, Math.max(0, (u + 0.5) * w / nw - 0.5));
        int x0 = (int) sx;
        int x1 = Math.min(w - 1, x0 + 1);
        double fx = sx - x0;
        double t = a[y0 * w + x0] * (1 - fx) + a[y0 * w + x1] * fx;
        double b = a[y1 * w + x0] * (1 - fx) + a[y1 * w + x1] * fx;
        o[v * nw + u] = (float) (t * (1 - fy) + b * fy);
      }
    }
    return o;
  }

  static float[] flip(float[] a, int w, int h, boolean fx, boolean fy) {
    float[] o = new float[a.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        o[y * w + x] = a[(fy ? h - 1 - y : y) * w + (fx ? w - 1 - x : x)];
      }
    }
    return o;
  }

  private static double[] round(double[] v) {
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = Math.round(v[i] * 1000) / 1000.0;
    }
    return r;
  }
}
