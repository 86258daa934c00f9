package io.alloyflow.segmentation.measure;

import io.alloyflow.segmentation.filters.Filters;
import io.alloyflow.segmentation.morphology.BinaryMorphology;

/**
 * Inclusion detection in backscattered-electron images: in BSE contrast non-metallic inclusions
 * (oxides, sulfides: low mean atomic number) appear darker than the matrix and heavy-element
 * particles (carbides of W/Mo/Nb, intermetallics) brighter. The matrix grey level and its noise are
 * estimated robustly (median and 1.4826 x median absolute deviation; Rousseeuw P.J. and Croux C.,
 * 1993, JASA 88:1273-1283) after light Gaussian smoothing, and pixels beyond {@code k} robust
 * standard deviations form dark (class 1) or bright (class 2) features; features smaller than
 * {@code minAreaPx} are removed. The inclusion rating itself follows the spirit of ASTM E1245
 * (automatic image analysis of inclusion content).
 */
public final class Inclusions {
  private Inclusions() {}

  /** Class map: 0 matrix, 1 dark feature, 2 bright feature. */
  public static int[] detect(float[] px, int w, int h, double k, int minAreaPx) {
    float[] sm = Filters.gaussian(px, w, h, 1.0);
    double med = quickMedian(sm);
    float[] dev = new float[sm.length];
    for (int i = 0; i < sm.length; i++) {
      dev[i] = (float) Math.abs(sm[i] - med);
    }
    double sigma = 1.4826 * quickMedian(dev);
    if (sigma <= 0) {
      sigma = 1e-6;
    }
    byte[] dark = new byte[px.length];
    byte[] bright = new byte[px.length];
    for (int i = 0; i < px.length; i++) {
      if (sm[i] < med - k * sigma) {
        dark[i] = 1;
      } else if (sm[i] > med + k * sigma) {
        bright[i] = 1;
      }
    }
    dark = BinaryMorphology.removeSmallObjects(dark, w, h, minAreaPx);
    bright = BinaryMorphology.removeSmallObjects(bright, w, h, minAreaPx);
    int[] out = new int[px.length];
    for (int i = 0; i < px.length; i++) {
      out[i] = dark[i] != 0 ? 1 : bright[i] != 0 ? 2 : 0;
    }
    return out;
  }

  static double quickMedian(float[] v) {
    float[] c = v.clone();
    java.util.Arrays.sort(c);
    int n = c.length;
    return n % 2 == 1 ? c[n / 2] : 0.5 * (c[n / 2 - 1] + c[n / 2]);
  }
}
