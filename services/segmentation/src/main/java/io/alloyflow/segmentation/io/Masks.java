package io.alloyflow.segmentation.io;

import io.alloyflow.core.io.RasterImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Label-mask readers.
 *
 * <p>NASA superalloy masks (pretrained-microscopy-models benchmark, Stuckner J. et al., 2022,
 * "Microstructure segmentation with deep learning encoders pre-trained on a large microscopy
 * dataset", npj Computational Materials 8:200): pure blue (0,0,255) marks the large secondary
 * gamma-prime precipitates (mean ~4000 px per particle in the test split), pure red (255,0,0) the
 * small tertiary gamma-prime (~70 px), and every grey pixel (R=G=B, the micrograph showing
 * through) is gamma matrix; any other colour (anti-aliased edges) becomes -1 (ignored); checked against the images: both precipitate classes are darker than the
 * matrix and differ mainly in size.
 */
public final class Masks {
  private Masks() {}

  /** Class names of the NASA masks, index = class. */
  public static final List<String> NASA_CLASSES =
      List.of("matrix", "secondary_gamma_prime", "tertiary_gamma_prime");

  /** Decoded mask. */
  public record Mask(int width, int height, int[] labels) {}

  /** Gray label mask (pixel value = label); RGB with equal channels is accepted. */
  public static Mask readPng(Path file, long maxPixels) throws IOException {
    RasterImage r = ImageInputs.readRaster(file, maxPixels, Double.NaN);
    int n = r.width() * r.height();
    int c = r.channels();
    float[] s = r.samples();
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      int b = i * c;
      float v = s[b];
      if (c >= 3 && (s[b + 1] != v || s[b + 2] != v)) {
        throw new SegmentationInputException(
            file,
            "expected a gray label mask (pixel value = class), found colour at pixel ("
                + (i % r.width())
                + ","
                + (i / r.width())
                + ")");
      }
      if (v < 0 || v != Math.rint(v)) {
        throw new SegmentationInputException(
            file, "label masks need non-negative integer values, found " + v);
      }
      out[i] = (int) v;
    }
    return new Mask(r.width(), r.height(), out);
  }

  /** NASA colour mask to classes 0 matrix, 1 secondary, 2 tertiary gamma-prime. */
  public static Mask readNasa(Path file, long maxPixels) throws IOException {
    RasterImage r = ImageInputs.readRaster(file, maxPixels, Double.NaN);
    int c = r.channels();
    if (c < 3) {
      throw new SegmentationInputException(
          file, "expected an RGB(A) NASA mask, found " + c + " channel(s)");
    }
    int n = r.width() * r.height();
    float[] s = r.samples();
    int[] out = new int[n];
    float full = r.bitsPerSample() == 16 ? 65535f : 255f;
    int bad = 0;
    for (int i = 0; i < n; i++) {
      int b = i * c;
      float red = s[b];
      float g = s[b + 1];
      float bl = s[b + 2];
      if (red == g && g == bl) {
        out[i] = 0;
      } else if (red == 0 && g == 0 && bl == full) {
        out[i] = 1;
      } else if (red == full && g == 0 && bl == 0) {
        out[i] = 2;
      } else {
        out[i] = -1; // anti-aliased annotation edge: ignored by training and metrics
        bad++;
      }
    }
    if (bad > n / 20) {
      throw new SegmentationInputException(
          file,
          "NASA masks hold grey, pure blue or pure red pixels; found "
              + bad
              + " of "
              + n
              + " pixels in other colours (is this a NASA mask?)");
    }
    return new Mask(r.width(), r.height(), out);
  }
}
