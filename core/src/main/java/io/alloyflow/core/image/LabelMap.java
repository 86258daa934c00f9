package io.alloyflow.core.image;

import java.util.List;
import java.util.Objects;

/**
 * Per-pixel labels: class indices of a phase map (0..classNames.size()-1) or instance ids of an
 * instance map (0 = background, 1..n = instances; classNames then names the background and the
 * instance kind).
 *
 * @param width width in pixels
 * @param height height in pixels
 * @param labels row-major labels, non-negative
 * @param classNames human-readable class names, index = label value for phase maps
 * @param pixelSizeM pixel size in metres, NaN when unknown
 */
public record LabelMap(
    int width, int height, int[] labels, List<String> classNames, double pixelSizeM) {

  public LabelMap {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "label map size must be positive, found " + width + "x" + height);
    }
    Objects.requireNonNull(labels, "labels");
    if ((long) width * height != labels.length) {
      throw new IllegalArgumentException(
          "label map of " + width + "x" + height + " needs " + ((long) width * height)
              + " labels, found " + labels.length);
    }
    classNames = List.copyOf(classNames);
  }

  public int at(int x, int y) {
    return labels[y * width + x];
  }

  /** Largest label value present (0 for an empty map). */
  public int maxLabel() {
    int max = 0;
    for (int l : labels) {
      max = Math.max(max, l);
    }
    return max;
  }

  /** Area fraction of each label 0..max (or 0..classNames.size()-1, whichever is larger). */
  public double[] fractions() {
    int n = Math.max(maxLabel() + 1, classNames.size());
    double[] f = new double[n];
    for (int l : labels) {
      if (l >= 0) {
        f[l]++;
      }
    }
    for (int i = 0; i < n; i++) {
      f[i] /= labels.length;
    }
    return f;
  }
}
