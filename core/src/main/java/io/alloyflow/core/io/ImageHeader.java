package io.alloyflow.core.io;

import io.alloyflow.core.image.SignalType;
import java.util.Objects;

/**
 * What an image file declares in its header, read by {@link MicrographIO#probe(java.nio.file.Path)}
 * without decoding pixels, so a server can reject an oversized or meaningless image before reading
 * it.
 *
 * @param format {@code "tiff"} or {@code "png"}
 * @param width width in pixels (> 0)
 * @param height height in pixels (> 0)
 * @param channels samples per pixel (PNG palette images count as 3)
 * @param bitsPerSample bits per sample in the file
 * @param floatingPoint true for IEEE floating-point samples
 * @param pixelSizeM pixel size in metres from the header metadata, NaN when the header has none
 *     (a FEI text block stored outside the TIFF tags is only found by a full read)
 * @param signal detector signal named by the metadata ({@code OTHER} when none)
 */
public record ImageHeader(
    String format,
    int width,
    int height,
    int channels,
    int bitsPerSample,
    boolean floatingPoint,
    double pixelSizeM,
    SignalType signal) {

  public ImageHeader {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(signal, "signal");
    if (width <= 0 || height <= 0 || channels <= 0) {
      throw new IllegalArgumentException(
          "image header size must be positive, found " + width + "x" + height + "x" + channels);
    }
  }

  /** Width times height. */
  public long pixels() {
    return (long) width * height;
  }
}
