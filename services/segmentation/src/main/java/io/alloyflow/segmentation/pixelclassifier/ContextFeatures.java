package io.alloyflow.segmentation.pixelclassifier;

import io.alloyflow.segmentation.filters.Filters;
import java.util.ArrayList;
import java.util.List;

/**
 * Auto-context features (Tu Z. and Bai X., 2010, "Auto-context and its application to high-level
 * vision tasks and 3D brain image segmentation", IEEE TPAMI 32(10):1744-1757): per class, the
 * previous stage's probability map, its Gaussian averages at several scales (the "context" of a
 * pixel: how likely each class is around it), its gradient magnitude (where the previous stage
 * puts a boundary) and its Laplacian of Gaussian (convex/concave side of a boundary). These are
 * appended to the image filter bank for the next stage, as ilastik's autocontext workflow does.
 */
public final class ContextFeatures {
  private ContextFeatures() {}

  /** Averaging scales (pixels) of the probability maps. */
  static final double[] SMOOTH = {1.0, 2.0, 4.0, 8.0, 16.0};

  /** Gradient-magnitude and LoG scales (pixels). */
  static final double[] EDGE = {1.0, 2.5};

  /** Features per class. */
  static int perClass() {
    return 1 + SMOOTH.length + 2 * EDGE.length;
  }

  static List<String> names(int classes, int stage) {
    List<String> n = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      n.add("ac" + stage + "_p" + c);
      for (double s : SMOOTH) {
        n.add("ac" + stage + "_p" + c + "_gauss_s" + s);
      }
      for (double s : EDGE) {
        n.add("ac" + stage + "_p" + c + "_gradmag_s" + s);
        n.add("ac" + stage + "_p" + c + "_log_s" + s);
      }
    }
    return n;
  }

  /** Feature planes of the class probabilities {@code prob[class][pixel]}. */
  public static float[][] compute(float[][] prob, int w, int h) {
    List<float[]> out = new ArrayList<>();
    for (float[] p : prob) {
      out.add(p);
      for (double s : SMOOTH) {
        out.add(Filters.gaussian(p, w, h, s));
      }
      for (double s : EDGE) {
        out.add(Filters.gradientMagnitude(p, w, h, s));
        float[] xx = Filters.gaussianDerivative(p, w, h, s, 2, 0);
        float[] yy = Filters.gaussianDerivative(p, w, h, s, 0, 2);
        float[] log = new float[p.length];
        for (int i = 0; i < log.length; i++) {
          log[i] = (float) ((xx[i] + yy[i]) * s * s);
        }
        out.add(log);
      }
    }
    return out.toArray(new float[0][]);
  }
}
