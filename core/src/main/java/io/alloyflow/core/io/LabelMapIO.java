package io.alloyflow.core.io;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.image.SignalType;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Label maps as images: lossless gray PNGs whose pixel value is the label (for machines), colour
 * PNGs with a fixed palette and overlays on the micrograph (for people, used by reports).
 *
 * <p>The palette starts with Kelly's colours of maximum contrast (K. L. Kelly, "Twenty-two colors
 * of maximum contrast", Color Engineering 3(6), 1965; white and black left out) and continues
 * with golden-ratio hue steps for larger label values, so a label always has the same colour.
 * A map is treated as an instance map when its largest label is at least the number of class
 * names (see {@link LabelMap}); overlays then leave the background (0) untinted and draw instance
 * boundaries.
 */
public final class LabelMapIO {
  private LabelMapIO() {}

  private static final int[] KELLY = {
    0xF3C300, 0x875692, 0xF38400, 0xA1CAF1, 0xBE0032, 0xC2B280, 0x848482, 0x008856, 0xE68FAC,
    0x0067A5, 0xF99379, 0x604E97, 0xF6A600, 0xB3446C, 0xDCD300, 0x882D17, 0x8DB600, 0x654522,
    0xE25822, 0x2B3D26
  };

  /** Boundary colour in overlays of instance maps. */
  public static final int BOUNDARY_RGB = 0xFFFF00;

  /** Default overlay opacity of the class colours. */
  public static final double DEFAULT_ALPHA = 0.4;

  /** The fixed display colour (0xRRGGBB) of a label value. */
  public static int color(int label) {
    if (label < 0) {
      throw new IllegalArgumentException("label must be >= 0, found " + label);
    }
    if (label < KELLY.length) {
      return KELLY[label];
    }
    double hue = (label * 0.6180339887498949) % 1.0;
    float sat = 0.55f + 0.4f * ((label * 7) % 5) / 4f;
    float val = 0.75f + 0.25f * ((label * 3) % 4) / 3f;
    return java.awt.Color.HSBtoRGB((float) hue, sat, val) & 0xFFFFFF;
  }

  /**
   * Writes labels as a gray PNG, 8-bit when the largest label is below 256 else 16-bit, pixel value
   * = label; the pixel size travels in the PNG metadata.
   *
   * @throws IllegalArgumentException when a label exceeds 65535
   */
  public static void writePng(LabelMap m, Path file) throws IOException {
    int max = m.maxLabel();
    if (max > 65535) {
      throw new IllegalArgumentException(
          "label " + max + " does not fit a 16-bit PNG: expected labels 0..65535 "
              + "(store larger instance maps with ArrowIO)");
    }
    for (int i = 0; i < m.labels().length; i++) {
      if (m.labels()[i] < 0) {
        throw new IllegalArgumentException("label at pixel (" + (i % m.width()) + ", "
            + (i / m.width()) + ") is " + m.labels()[i] + ": expected >= 0");
      }
    }
    byte[] png = PngCodec.encodeGray(m.width(), m.height(), m.labels(), max < 256 ? 8 : 16,
        m.pixelSizeM(), SemMetadata.alloyflowDescription(m.pixelSizeM(), SignalType.OTHER));
    MicrographIO.writeAtomically(file, png);
  }

  /**
   * Reads a gray PNG written by {@link #writePng} (or any 8/16-bit single-channel PNG whose pixel
   * values are labels).
   *
   * @param classNames names of the classes (index = label) or of background and instance kind
   */
  public static LabelMap readPng(Path file, List<String> classNames) throws IOException {
    return readPng(file, classNames, ReadLimits.DEFAULT);
  }

  /** {@link #readPng(Path, List)} within {@code limits} (checked before decoding). */
  public static LabelMap readPng(Path file, List<String> classNames, ReadLimits limits)
      throws IOException {
    return fromRaster(MicrographIO.readRaster(file, Double.NaN, limits), file, classNames);
  }

  /**
   * Decodes a label PNG (or TIFF) held in memory, e.g. an upload, within {@code limits}.
   *
   * @param name a name for error messages
   */
  public static LabelMap decode(byte[] bytes, String name, List<String> classNames,
      ReadLimits limits) throws FormatException {
    return fromRaster(MicrographIO.decodeRaster(bytes, name, limits),
        ReadLimits.sourceName(name, "label-image"), classNames);
  }

  private static LabelMap fromRaster(RasterImage r, Path file, List<String> classNames)
      throws FormatException {
    if (r.channels() != 1) {
      throw new FormatException(file, "byte offset 25 (PNG colour type)",
          "a single-channel label image", r.channels() + " channels");
    }
    float[] s = r.samples();
    int[] labels = new int[s.length];
    for (int i = 0; i < s.length; i++) {
      if (!(s[i] >= 0 && s[i] <= (1 << 24)) || s[i] != Math.rint(s[i])) {
        throw new FormatException(file, "pixel (" + (i % r.width()) + ", " + (i / r.width()) + ")",
            "a whole-number label 0..2^24", Float.toString(s[i]));
      }
      labels[i] = (int) s[i];
    }
    try {
      return new LabelMap(r.width(), r.height(), labels, classNames, r.pixelSizeM());
    } catch (IllegalArgumentException e) {
      throw new FormatException(file, "labels", "a valid label map", e.getMessage());
    }
  }

  /** Writes the labels in their palette colours as an RGB PNG (for people, not for reading). */
  public static void writeColorPng(LabelMap m, Path file) throws IOException {
    BufferedImage img = new BufferedImage(m.width(), m.height(), BufferedImage.TYPE_INT_RGB);
    int[] rgb = new int[m.labels().length];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = color(Math.max(0, m.labels()[i]));
    }
    img.setRGB(0, 0, m.width(), m.height(), rgb, 0, m.width());
    writeImage(img, file);
  }

  /** True when the map holds instance ids rather than class indices. */
  public static boolean isInstanceMap(LabelMap m) {
    return m.maxLabel() >= Math.max(1, m.classNames().size());
  }

  /**
   * The micrograph in gray (linear stretch between its 0.5 and 99.5 percentiles) with the label
   * colours blended in at opacity {@code alpha}; for instance maps the background is left clear
   * and instance boundaries (4-neighbourhood label changes) are drawn opaque in {@link
   * #BOUNDARY_RGB}.
   */
  public static BufferedImage overlay(Micrograph micrograph, LabelMap labels, double alpha) {
    if (micrograph.width() != labels.width() || micrograph.height() != labels.height()) {
      throw new IllegalArgumentException(
          "overlay needs equal sizes: micrograph " + micrograph.width() + "x"
              + micrograph.height() + ", labels " + labels.width() + "x" + labels.height());
    }
    if (!(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha must be in 0..1, found " + alpha);
    }
    int w = micrograph.width();
    int h = micrograph.height();
    float[] p = micrograph.pixels();
    float[] sorted = p.clone();
    Arrays.sort(sorted);
    float lo = sorted[(int) Math.floor(0.005 * (sorted.length - 1))];
    float hi = sorted[(int) Math.ceil(0.995 * (sorted.length - 1))];
    if (!(hi > lo)) {
      lo = sorted[0];
      hi = sorted[sorted.length - 1];
    }
    double span = hi > lo ? hi - lo : 1;
    boolean instances = isInstanceMap(labels);
    int[] l = labels.labels();
    int[] out = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        double g = Math.max(0, Math.min(255, (p[i] - lo) / span * 255));
        int lab = l[i];
        int rgb;
        if (instances && lab == 0) {
          int gi = (int) Math.round(g);
          rgb = gi << 16 | gi << 8 | gi;
        } else {
          int c = color(Math.max(0, lab));
          int r = (int) Math.round((1 - alpha) * g + alpha * (c >> 16 & 0xff));
          int gr = (int) Math.round((1 - alpha) * g + alpha * (c >> 8 & 0xff));
          int b = (int) Math.round((1 - alpha) * g + alpha * (c & 0xff));
          rgb = r << 16 | gr << 8 | b;
        }
        if (instances && lab != 0 && isBoundary(l, w, h, x, y)) {
          rgb = BOUNDARY_RGB;
        }
        out[i] = rgb;
      }
    }
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    img.setRGB(0, 0, w, h, out, 0, w);
    return img;
  }

  private static boolean isBoundary(int[] l, int w, int h, int x, int y) {
    int v = l[y * w + x];
    return (x > 0 && l[y * w + x - 1] != v)
        || (x < w - 1 && l[y * w + x + 1] != v)
        || (y > 0 && l[(y - 1) * w + x] != v)
        || (y < h - 1 && l[(y + 1) * w + x] != v);
  }

  /** Writes {@link #overlay} with {@link #DEFAULT_ALPHA} as an RGB PNG. */
  public static void writeOverlayPng(Micrograph micrograph, LabelMap labels, Path file)
      throws IOException {
    writeImage(overlay(micrograph, labels, DEFAULT_ALPHA), file);
  }

  private static void writeImage(BufferedImage img, Path file) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(img, "png", out)) {
      throw new IOException("no PNG writer available in this JVM");
    }
    MicrographIO.writeAtomically(file, out.toByteArray());
  }
}
