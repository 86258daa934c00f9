package io.alloyflow.prediction.imagemodels;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Two-phase maps from image bytes (PNG, TIFF, BMP): exactly two gray levels, the darker one
 * ferrite (0) and the brighter martensite (1), as a label PNG of a dual-phase steel segmentation
 * (classes ordered darkest first) or a black/white drawing. The dimensions are read from the
 * header and checked before any pixel is decoded.
 */
public final class PhaseMapImages {

  private PhaseMapImages() {}

  /**
   * A decoded map.
   *
   * @param width width
   * @param height height
   * @param map row-major 0/1 labels
   */
  public record Decoded(int width, int height, int[] map) {}

  /**
   * Decodes a phase map.
   *
   * @param bytes the image file
   * @param maxSide largest width or height accepted
   * @throws IllegalArgumentException when the bytes are not a readable image, it is larger than
   *     {@code maxSide}, or it does not have exactly two gray levels
   */
  public static Decoded read(byte[] bytes, int maxSide) {
    if (bytes == null || bytes.length == 0) {
      throw new IllegalArgumentException("the phase map is empty: send a PNG (two gray levels)");
    }
    BufferedImage img;
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      if (in == null) {
        throw new IllegalArgumentException("the phase map is not a readable image (PNG, TIFF or BMP expected)");
      }
      var readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new IllegalArgumentException("the phase map is not a readable image (PNG, TIFF or BMP expected)");
      }
      ImageReader r = readers.next();
      try {
        r.setInput(in);
        int w = r.getWidth(0);
        int h = r.getHeight(0);
        if (w > maxSide || h > maxSide) {
          throw new IllegalArgumentException("the phase map is " + w + "x" + h
              + " pixels; at most " + maxSide + " per side is accepted");
        }
        img = r.read(0);
      } finally {
        r.dispose();
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("the phase map could not be decoded as an image");
    }
    int w = img.getWidth();
    int h = img.getHeight();
    int[] gray = new int[w * h];
    TreeSet<Integer> levels = new TreeSet<>();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = img.getRGB(x, y);
        int g = (((rgb >> 16) & 255) + ((rgb >> 8) & 255) + (rgb & 255)) / 3;
        gray[y * w + x] = g;
        if (levels.add(g) && levels.size() > 2) {
          throw new IllegalArgumentException("a phase map must have 2 classes (ferrite dark,"
              + " martensite bright), found more than 2 gray levels");
        }
      }
    }
    if (levels.size() != 2) {
      throw new IllegalArgumentException("a phase map must have 2 classes (ferrite dark, martensite"
          + " bright), found a single gray level");
    }
    int hi = levels.last();
    int[] m = new int[w * h];
    for (int i = 0; i < m.length; i++) {
      m[i] = gray[i] == hi ? 1 : 0;
    }
    return new Decoded(w, h, m);
  }
}
