package io.alloyflow.segmentation.io;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes label maps as gray PNG (pixel value = class index or instance id): 8-bit when every label
 * is below 256, else 16-bit (up to 65535 labels).
 */
public final class LabelImages {
  private LabelImages() {}

  public static void writePng(int[] labels, int w, int h, Path file) throws IOException {
    int max = 0;
    for (int l : labels) {
      if (l < 0) {
        throw new IllegalArgumentException("labels must be >= 0, found " + l);
      }
      max = Math.max(max, l);
    }
    if (max > 65535) {
      throw new IllegalArgumentException(
          "a PNG label image holds at most 65535 labels, found " + max);
    }
    BufferedImage img;
    if (max < 256) {
      img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
      byte[] d = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
      for (int i = 0; i < labels.length; i++) {
        d[i] = (byte) labels[i];
      }
    } else {
      img = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
      short[] d = ((DataBufferUShort) img.getRaster().getDataBuffer()).getData();
      for (int i = 0; i < labels.length; i++) {
        d[i] = (short) labels[i];
      }
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (!ImageIO.write(img, "png", file.toFile())) {
      throw new IOException(file + ": no PNG writer available");
    }
  }
}
