package io.alloyflow.core.image;

import java.util.Objects;

/**
 * A single-channel SEM micrograph.
 *
 * @param width image width in pixels (> 0)
 * @param height image height in pixels (> 0)
 * @param pixels row-major intensities in detector units ({@code pixels[y * width + x]}), length
 *     width*height, all finite
 * @param bitDepth bit depth of the source data (8, 16 or 32 for floating point)
 * @param pixelSizeM physical pixel edge length in metres; {@code NaN} when unknown
 * @param signal detector signal
 */
public record Micrograph(
    int width, int height, float[] pixels, int bitDepth, double pixelSizeM, SignalType signal) {

  public Micrograph {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "micrograph size must be positive, found " + width + "x" + height);
    }
    Objects.requireNonNull(pixels, "pixels");
    if ((long) width * height != pixels.length) {
      throw new IllegalArgumentException(
          "micrograph of "
              + width
              + "x"
              + height
              + " needs "
              + ((long) width * height)
              + " pixels, found "
              + pixels.length);
    }
    if (bitDepth != 8 && bitDepth != 16 && bitDepth != 32) {
      throw new IllegalArgumentException("bit depth must be 8, 16 or 32, found " + bitDepth);
    }
    if (!Double.isNaN(pixelSizeM) && !(pixelSizeM > 0 && Double.isFinite(pixelSizeM))) {
      throw new IllegalArgumentException(
          "pixel size must be a positive length in metres or NaN (unknown), found " + pixelSizeM);
    }
    Objects.requireNonNull(signal, "signal");
  }

  /** Pixel value at column x, row y. */
  public float at(int x, int y) {
    return pixels[y * width + x];
  }

  /** True when the physical pixel size is known. */
  public boolean hasPixelSize() {
    return !Double.isNaN(pixelSizeM);
  }

  /** Pixel size in micrometres (NaN when unknown). */
  public double pixelSizeUm() {
    return pixelSizeM * 1e6;
  }

  /** A copy with another pixel size (used when the user supplies {@code --pixel-size-um}). */
  public Micrograph withPixelSizeM(double newPixelSizeM) {
    return new Micrograph(width, height, pixels, bitDepth, newPixelSizeM, signal);
  }

  /** Largest representable detector value for the bit depth (255, 65535, or the data max). */
  public double fullScale() {
    if (bitDepth == 8) {
      return 255;
    }
    if (bitDepth == 16) {
      return 65535;
    }
    float max = 0;
    for (float p : pixels) {
      max = Math.max(max, p);
    }
    return max;
  }
}
