package io.alloyflow.core.io;

import java.util.Objects;

/**
 * Decoded samples of a raster file before they become a {@link
 * io.alloyflow.core.image.Micrograph}: any number of channels (1 gray, 2 gray + alpha, 3 RGB, 4
 * RGBA), interleaved per pixel ({@code samples[(y * width + x) * channels + c]}), with the text
 * metadata the file carried. Used for colour masks (e.g. RGBA annotation images) that are not
 * micrographs.
 *
 * @param width width in pixels (> 0)
 * @param height height in pixels (> 0)
 * @param channels samples per pixel (> 0)
 * @param bitsPerSample bits per sample in the file (8, 16, 32 or 64)
 * @param floatingPoint true for IEEE floating-point samples
 * @param samples interleaved samples, length width*height*channels
 * @param pixelSizeM pixel size in metres found in the file metadata (NaN when none)
 * @param signal detector signal named by the metadata ({@code OTHER} when none)
 */
public record RasterImage(
    int width,
    int height,
    int channels,
    int bitsPerSample,
    boolean floatingPoint,
    float[] samples,
    double pixelSizeM,
    io.alloyflow.core.image.SignalType signal) {

  public RasterImage {
    if (width <= 0 || height <= 0 || channels <= 0) {
      throw new IllegalArgumentException(
          "raster size must be positive, found " + width + "x" + height + "x" + channels);
    }
    Objects.requireNonNull(samples, "samples");
    Objects.requireNonNull(signal, "signal");
    if ((long) width * height * channels != samples.length) {
      throw new IllegalArgumentException(
          "raster of " + width + "x" + height + "x" + channels + " needs "
              + ((long) width * height * channels) + " samples, found " + samples.length);
    }
  }

  /** Sample of channel c at (x, y). */
  public float at(int x, int y, int c) {
    return samples[(y * width + x) * channels + c];
  }
}
