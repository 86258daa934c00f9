package io.alloyflow.core.spectrum;

import java.util.Objects;

/**
 * A spectrum image (hyperspectral EDS map): one spectrum per pixel, stored pixel-major
 * ({@code data[(y * width + x) * channels + c]}), as a Lispix RPL "vector" record-by file is.
 *
 * @param width map width in pixels
 * @param height map height in pixels
 * @param channels channels per spectrum
 * @param data counts, length width*height*channels
 * @param axis energy axis shared by all pixels
 * @param pixelSizeM map pixel size in metres (NaN when unknown)
 * @param beamEnergyKeV beam energy in keV (NaN when unknown)
 * @param liveTimePerPixelS live time per pixel in seconds (NaN when unknown)
 */
public record SpectrumImage(
    int width,
    int height,
    int channels,
    float[] data,
    EnergyAxis axis,
    double pixelSizeM,
    double beamEnergyKeV,
    double liveTimePerPixelS) {

  public SpectrumImage {
    if (width <= 0 || height <= 0 || channels <= 0) {
      throw new IllegalArgumentException(
          "spectrum image dimensions must be positive, found "
              + width + "x" + height + "x" + channels);
    }
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(axis, "axis");
    long n = (long) width * height * channels;
    if (n != data.length) {
      throw new IllegalArgumentException(
          "spectrum image of " + width + "x" + height + "x" + channels + " needs " + n
              + " values, found " + data.length);
    }
  }

  /** Count at pixel (x, y), channel c. */
  public float at(int x, int y, int c) {
    return data[(y * width + x) * channels + c];
  }

  /** Sum spectrum over all pixels. */
  public double[] sumSpectrum() {
    double[] s = new double[channels];
    int pixels = width * height;
    for (int p = 0; p < pixels; p++) {
      int base = p * channels;
      for (int c = 0; c < channels; c++) {
        s[c] += data[base + c];
      }
    }
    return s;
  }

  /** Spectrum of one pixel as doubles. */
  public double[] spectrumAt(int x, int y) {
    double[] s = new double[channels];
    int base = (y * width + x) * channels;
    for (int c = 0; c < channels; c++) {
      s[c] = data[base + c];
    }
    return s;
  }
}
