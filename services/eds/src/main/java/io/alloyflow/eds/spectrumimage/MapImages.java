package io.alloyflow.eds.spectrumimage;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes maps as 8-bit grey PNG, linearly stretched between the 0.5 and 99.5 percentiles. */
public final class MapImages {
  private MapImages() {}

  /** Writes a width x height map as PNG. */
  public static void writePng(float[] map, int width, int height, Path png) throws IOException {
    float[] sorted = map.clone();
    java.util.Arrays.sort(sorted);
    float lo = sorted[(int) (0.005 * (sorted.length - 1))];
    float hi = sorted[(int) (0.995 * (sorted.length - 1))];
    if (!(hi > lo)) {
      hi = lo + 1;
    }
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double v = (map[y * width + x] - lo) / (hi - lo);
        int g = (int) Math.round(255 * Math.max(0, Math.min(1, v)));
        img.getRaster().setSample(x, y, 0, g);
      }
    }
    ImageIO.write(img, "png", png.toFile());
  }
}
