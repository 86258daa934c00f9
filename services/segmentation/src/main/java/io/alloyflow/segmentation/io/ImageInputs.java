package io.alloyflow.segmentation.io;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.core.io.RasterImage;
import io.alloyflow.core.io.ReadLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads gray micrographs for segmentation with the checks a batch run needs: the file must exist
 * and be non-empty, be a TIFF or PNG, hold at most {@code maxPixels} pixels, and be gray. RGB files
 * whose three channels are equal everywhere (as the NASA superalloy TIFFs) are accepted as gray;
 * real colour is rejected because intensity thresholds would silently mix channels.
 */
public final class ImageInputs {
  private ImageInputs() {}

  /** Default size limit: 16384 x 16384 pixels. */
  public static final long DEFAULT_MAX_PIXELS = 16384L * 16384L;

  /** Reads a gray micrograph. */
  public static Micrograph readGray(Path file, long maxPixels, double fallbackPixelSizeM)
      throws IOException {
    RasterImage r = readRaster(file, maxPixels, fallbackPixelSizeM);
    int n = r.width() * r.height();
    int c = r.channels();
    float[] s = r.samples();
    float[] out = new float[n];
    if (c == 1 || c == 2) {
      for (int i = 0; i < n; i++) {
        out[i] = s[i * c];
      }
    } else {
      for (int i = 0; i < n; i++) {
        int b = i * c;
        if (s[b] != s[b + 1] || s[b] != s[b + 2]) {
          throw new SegmentationInputException(
              file,
              "expected a gray image, found an RGB image with colour at pixel ("
                  + (i % r.width())
                  + ","
                  + (i / r.width())
                  + ") R="
                  + s[b]
                  + " G="
                  + s[b + 1]
                  + " B="
                  + s[b + 2]);
        }
        out[i] = s[b];
      }
    }
    int depth = r.floatingPoint() || r.bitsPerSample() > 16 ? 32 : r.bitsPerSample() <= 8 ? 8 : 16;
    return new Micrograph(r.width(), r.height(), out, depth, r.pixelSizeM(), r.signal());
  }

  /** Reads all channels of an image with the existence, emptiness, type and size checks. */
  public static RasterImage readRaster(Path file, long maxPixels, double fallbackPixelSizeM)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new SegmentationInputException(file, "no such file");
    }
    long size = Files.size(file);
    if (size == 0) {
      throw new SegmentationInputException(file, "the file is empty (0 bytes)");
    }
    byte[] head = new byte[8];
    try (var in = Files.newInputStream(file)) {
      int got = in.readNBytes(head, 0, 8);
      boolean png = got >= 8 && (head[0] & 0xff) == 0x89 && head[1] == 'P' && head[2] == 'N';
      boolean tiff =
          got >= 4
              && ((head[0] == 'I' && head[1] == 'I' && head[2] == 42)
                  || (head[0] == 'M' && head[1] == 'M' && head[3] == 42));
      if (!png && !tiff) {
        throw new SegmentationInputException(
            file, "not an image: expected a TIFF or PNG file (by its first bytes)");
      }
    }
    RasterImage r;
    try {
      // the pixel limit is checked from the header, before any pixel buffer is allocated
      r = MicrographIO.readRaster(file, fallbackPixelSizeM,
          ReadLimits.DEFAULT.withMaxPixels(maxPixels));
    } catch (IOException | RuntimeException e) {
      throw new SegmentationInputException(file, "cannot decode image: " + e.getMessage(), e);
    }
    return r;
  }

  /** Image files (tif, tiff, png) of a directory in name order, or the single file given. */
  public static List<Path> listImages(Path fileOrDir) throws IOException {
    if (Files.isRegularFile(fileOrDir)) {
      return List.of(fileOrDir);
    }
    if (!Files.isDirectory(fileOrDir)) {
      throw new SegmentationInputException(fileOrDir, "no such file or directory");
    }
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(fileOrDir)) {
      s.filter(Files::isRegularFile).filter(ImageInputs::isImageName).sorted().forEach(out::add);
    }
    if (out.isEmpty()) {
      throw new SegmentationInputException(
          fileOrDir, "the directory holds no .tif, .tiff or .png image");
    }
    return out;
  }

  static boolean isImageName(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".tif") || n.endsWith(".tiff") || n.endsWith(".png");
  }

  /** File name without its extension. */
  public static String baseName(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }
}
