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
 * The one reader of micrographs for segmentation (segment, train, eval and the analysis
 * activity), with the checks a batch run needs: the file must exist and be non-empty, be a TIFF,
 * PNG, JPEG or BMP (by its first bytes), and hold at most {@code maxPixels} pixels. Gray images
 * are read as they are; RGB files whose three channels are equal at a pixel (as the NASA
 * superalloy TIFFs) keep that value exactly; colour pixels become BT.601 luma ({@link #luma}),
 * the same rule as {@code MicrographIO.readLuminance}. Alpha is ignored.
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
        // equal channels (gray stored as RGB) pass through exactly; colour becomes BT.601 luma
        out[i] = s[b] == s[b + 1] && s[b] == s[b + 2] ? s[b] : luma(s[b], s[b + 1], s[b + 2]);
      }
    }
    int depth = r.floatingPoint() || r.bitsPerSample() > 16 ? 32 : r.bitsPerSample() <= 8 ? 8 : 16;
    return new Micrograph(r.width(), r.height(), out, depth, r.pixelSizeM(), r.signal());
  }

  /**
   * Luma Y' = 0.299 R + 0.587 G + 0.114 B (ITU-R Recommendation BT.601-7, 2011), the rule by which
   * colour micrographs (JPEG, BMP, RGB TIFF/PNG) become the gray image every model reads.
   */
  public static float luma(float r, float g, float b) {
    return (float) (0.299 * r + 0.587 * g + 0.114 * b);
  }

  /** The formats {@link #readRaster} accepts, for error messages and help texts. */
  public static final String FORMATS = "TIFF, PNG, JPEG or BMP (8/16-bit gray, RGB or RGBA)";

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
      boolean jpeg = got >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8
          && (head[2] & 0xff) == 0xff;
      boolean bmp = got >= 2 && head[0] == 'B' && head[1] == 'M';
      if (!png && !tiff && !jpeg && !bmp) {
        throw new SegmentationInputException(
            file, "not an image: expected a " + FORMATS + " file (by its first bytes)");
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

  /** Image files (tif, tiff, png, jpg, jpeg, bmp) of a directory in name order, or the single file given. */
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
          fileOrDir, "the directory holds no .tif, .tiff, .png, .jpg, .jpeg or .bmp image");
    }
    return out;
  }

  static boolean isImageName(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".tif") || n.endsWith(".tiff") || n.endsWith(".png") || n.endsWith(".jpg")
        || n.endsWith(".jpeg") || n.endsWith(".bmp");
  }

  /** File name without its extension. */
  public static String baseName(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }
}
