package io.alloyflow.fusion.classify.unet;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.fusion.classify.ElementMaps;
import io.alloyflow.fusion.classify.FeatureStack;
import io.alloyflow.fusion.registration.AffineTransform2D;
import java.util.ArrayList;
import java.util.List;

/**
 * The input planes of the stacked-channel U-Net on the SEM pixel grid: the BSE image standardised
 * by its median and median absolute deviation ({@code bse}), and for fused input the element
 * fractions of the EDS net counts resampled bilinearly through the registration ({@code eds_X}),
 * the same fractions smoothed by a joint bilateral filter guided by the BSE image ({@code
 * eds_guided_X}, Kopf et al., ACM Trans. Graph. 26 (2007) 96) and the total counts over their mean
 * ({@code eds_total}); all taken from {@link FeatureStack}, so the U-Net sees the same EDS
 * information as the pixel classifiers of the comparison.
 *
 * @param names channel names
 * @param width SEM width
 * @param height SEM height
 * @param planes {@code [channel][y * width + x]}
 */
public record StackedChannels(List<String> names, int width, int height, float[][] planes) {

  public StackedChannels {
    names = List.copyOf(names);
    if (names.size() != planes.length || names.isEmpty()) {
      throw new IllegalArgumentException("stacked channels: " + names.size() + " names for "
          + planes.length + " planes (need at least one)");
    }
    for (int c = 0; c < planes.length; c++) {
      if (planes[c].length != width * height) {
        throw new IllegalArgumentException("stacked channel '" + names.get(c) + "' has "
            + planes[c].length + " values, expected " + width + " x " + height);
      }
    }
  }

  /** BSE only: one standardised plane. */
  public static StackedChannels bse(Micrograph sem) {
    return new StackedChannels(List.of("bse"), sem.width(), sem.height(),
        new float[][] {FeatureStack.robustStandardise(sem.pixels())});
  }

  /** BSE plus the element maps of {@code maps} resampled through {@code semToEds}. */
  public static StackedChannels fused(Micrograph sem, ElementMaps maps,
      AffineTransform2D semToEds) {
    FeatureStack fs = FeatureStack.build(sem, maps, semToEds, FeatureStack.Modality.FUSED);
    List<String> names = new ArrayList<>(List.of("bse"));
    List<float[]> planes = new ArrayList<>();
    planes.add(FeatureStack.robustStandardise(sem.pixels()));
    int m = fs.count();
    int n = sem.width() * sem.height();
    for (int f = 0; f < m; f++) {
      String name = fs.names().get(f);
      if (name.startsWith("eds_") && !name.startsWith("eds_sd_")) {
        float[] p = new float[n];
        for (int i = 0; i < n; i++) {
          p[i] = fs.values()[i * m + f];
        }
        names.add(name);
        planes.add(p);
      }
    }
    return new StackedChannels(names, sem.width(), sem.height(), planes.toArray(float[][]::new));
  }

  /** Number of channels. */
  public int count() {
    return planes.length;
  }
}
