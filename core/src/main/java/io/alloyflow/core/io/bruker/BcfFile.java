package io.alloyflow.core.io.bruker;

import io.alloyflow.core.spectrum.SpectrumImage;
import java.util.List;

/**
 * What a Bruker {@code .bcf} hypermap holds.
 *
 * @param spectrumImage the hypermap (counts per pixel and channel; energy axis in eV, pixel size
 *     in m, beam energy in keV; live time per pixel NaN: BCF keeps none per pixel)
 * @param bitsPerValue the value width the vendor's maximum-count estimate gives the cube (8, 16
 *     or 32): counts that exceed it wrap, as in HyperSpy's reader, which the file is checked
 *     against
 * @param headerSumSpectrum the sum spectrum stored in the XML header (Esprit's own)
 * @param elevationAngleDeg detector elevation (takeoff) angle, degrees (NaN if absent)
 * @param azimuthAngleDeg detector azimuth angle, degrees (NaN if absent)
 * @param images SEM images in the file
 * @param files the container's file paths
 */
public record BcfFile(
    SpectrumImage spectrumImage,
    int bitsPerValue,
    long[] headerSumSpectrum,
    double elevationAngleDeg,
    double azimuthAngleDeg,
    List<BcfImage> images,
    List<String> files) {
  public BcfFile {
    images = List.copyOf(images);
    files = List.copyOf(files);
  }

  /** The sum spectrum of the cube. */
  public long[] sumSpectrum() {
    SpectrumImage si = spectrumImage;
    long[] s = new long[si.channels()];
    float[] d = si.data();
    for (int i = 0; i < d.length; i++) {
      s[i % si.channels()] += (long) d[i];
    }
    return s;
  }

  /** Total counts per pixel, row-major (height x width). */
  public long[] countMap() {
    SpectrumImage si = spectrumImage;
    long[] m = new long[si.width() * si.height()];
    float[] d = si.data();
    for (int i = 0; i < d.length; i++) {
      m[i / si.channels()] += (long) d[i];
    }
    return m;
  }
}
