package io.alloyflow.segmentation.unet;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.image.SignalType;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Minimal reader of the NASA "pretrained-microscopy-models" superalloy benchmark (Stuckner et al.
 * 2022, npj Computational Materials 8, 200) used by the U-Net benchmark: RGB TIFF micrographs
 * (converted to luminance, ITU-R BT.601 weights) and RGB(A) masks where pure blue (0,0,255) and
 * pure red (255,0,0) mark the two gamma-prime classes and grey pixels (R=G=B) are matrix. Any
 * other colour (anti-aliased annotation edges) is marked -1 (ignored). Private to this package
 * until the shared dataset loaders of {@code io.alloyflow.segmentation.io} are available.
 */
public final class NasaSuperData {

  /**
   * Class names, index = label: matrix (grey), secondary gamma prime (blue, about 49 % of the
   * annotated area: the coarse cuboidal precipitates) and tertiary gamma prime (red, about 2 %:
   * the fine precipitates in the matrix channels), assigned from the area fractions.
   */
  public static final List<String> CLASS_NAMES =
      List.of("matrix", "secondary_gamma_prime", "tertiary_gamma_prime");

  /** One labelled image. */
  public record Pair(String name, Micrograph image, LabelMap mask) {}

  private NasaSuperData() {}

  /** Reads split {@code dir/split} with masks in {@code dir/split_annot/NAME_mask.tif}. */
  public static List<Pair> read(Path datasetDir, String split) throws IOException {
    Path imgDir = datasetDir.resolve(split);
    Path maskDir = datasetDir.resolve(split + "_annot");
    if (!Files.isDirectory(imgDir) || !Files.isDirectory(maskDir)) {
      throw new IOException(
          "NASA split '" + split + "' not found: expected folders " + imgDir + " and " + maskDir);
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(imgDir)) {
      files = s.filter(p -> p.toString().endsWith(".tif")).sorted().toList();
    }
    List<Pair> out = new ArrayList<>();
    for (Path f : files) {
      String base = f.getFileName().toString().replaceFirst("\\.tif$", "");
      Path mf = maskDir.resolve(base + "_mask.tif");
      if (!Files.isRegularFile(mf)) {
        throw new IOException("no mask " + mf + " for image " + f);
      }
      Micrograph m = luminance(readImage(f));
      LabelMap l = mask(readImage(mf), mf);
      if (l.width() != m.width() || l.height() != m.height()) {
        throw new IOException("mask " + mf + " is " + l.width() + "x" + l.height()
            + " but image is " + m.width() + "x" + m.height());
      }
      out.add(new Pair(base, m, l));
    }
    return out;
  }

  private static BufferedImage readImage(Path p) throws IOException {
    BufferedImage img = ImageIO.read(p.toFile());
    if (img == null) {
      throw new IOException("not a readable image (ImageIO found no reader): " + p);
    }
    return img;
  }

  static Micrograph luminance(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    float[] px = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = img.getRGB(x, y);
        int r = (rgb >> 16) & 255;
        int g = (rgb >> 8) & 255;
        int b = rgb & 255;
        px[y * w + x] = (float) (0.299 * r + 0.587 * g + 0.114 * b);
      }
    }
    return new Micrograph(w, h, px, 8, Double.NaN, SignalType.SE);
  }

  static LabelMap mask(BufferedImage img, Path source) {
    int w = img.getWidth();
    int h = img.getHeight();
    int[] lb = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = img.getRGB(x, y);
        int r = (rgb >> 16) & 255;
        int g = (rgb >> 8) & 255;
        int b = rgb & 255;
        int l;
        if (r == 0 && g == 0 && b == 255) {
          l = 1;
        } else if (r == 255 && g == 0 && b == 0) {
          l = 2;
        } else if (r == g && g == b) {
          l = 0;
        } else {
          l = -1;
        }
        lb[y * w + x] = l;
      }
    }
    return new LabelMap(w, h, lb, CLASS_NAMES, Double.NaN);
  }
}
