package io.alloyflow.eds.cli;

import io.alloyflow.core.io.ArrowIO;
import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.core.table.FeatureTable;
import io.alloyflow.eds.calibration.ResolutionEstimator;
import io.alloyflow.eds.denoise.MapSnr;
import io.alloyflow.eds.lines.Family;
import io.alloyflow.eds.lines.XrayData;
import io.alloyflow.eds.lines.XrayLine;
import io.alloyflow.eds.peaks.DetectorResolution;
import io.alloyflow.eds.spectrumimage.MapImages;
import io.alloyflow.eds.spectrumimage.NetCountMaps;
import io.alloyflow.eds.spectrumimage.SpectrumImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Elemental net-count maps of a spectrum image ({@link NetCountMaps}: per-pixel top-hat filter fit
 * of the elements' analytical line families), shared by {@code eds maps} and {@code POST
 * /v1/eds/maps}; with each map's total net counts and SNR ({@link MapSnr}).
 */
public final class ElementMaps {
  private ElementMaps() {}

  /** Largest number of elements per request. */
  public static final int MAX_ELEMENTS = 40;

  /**
   * Maps of one cube.
   *
   * @param width map width
   * @param height map height
   * @param elements element symbols, in request order
   * @param families analytical family of each element (K, L or M)
   * @param maps symbol -> net counts per pixel (row-major)
   * @param totals symbol -> net counts summed over the map
   * @param snr symbol -> map SNR
   * @param fwhmMnKaEv detector resolution used
   */
  public record Result(
      int width,
      int height,
      List<String> elements,
      Map<String, String> families,
      Map<String, float[]> maps,
      Map<String, Double> totals,
      Map<String, Double> snr,
      double fwhmMnKaEv) {}

  /**
   * Validates an element list against a cube: known symbols, no duplicates, at most {@link
   * #MAX_ELEMENTS}, and an analytical line inside the cube's energy range and below the beam
   * energy.
   *
   * @param raw symbols as given (blank entries are ignored)
   * @param si the cube
   * @param where the option or field name, for error messages
   */
  public static List<String> elements(List<String> raw, SpectrumImage si, String where) {
    List<String> out = new ArrayList<>();
    if (raw != null) {
      for (String s : raw) {
        String t = s == null ? "" : s.strip();
        if (t.isEmpty()) {
          continue;
        }
        try {
          XrayData.z(t);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(where + ": '" + t + "' is not an element symbol");
        }
        if (out.contains(t)) {
          throw new IllegalArgumentException(where + ": element " + t + " is listed twice");
        }
        out.add(t);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(
          where + " is required: expected element symbols separated by commas, e.g. Fe,Cr,Ni");
    }
    if (out.size() > MAX_ELEMENTS) {
      throw new IllegalArgumentException(
          where + ": " + out.size() + " elements, at most " + MAX_ELEMENTS + " are accepted");
    }
    double beamEv = beamEv(si);
    double lo = si.axis().energyEv(0);
    double hi = si.axis().energyEv(si.channels() - 1);
    for (String el : out) {
      int z = XrayData.z(el);
      Family f = XrayData.analyticalFamily(z, beamEv);
      List<XrayLine> lines = XrayData.family(z, f);
      if (lines.isEmpty() || lines.get(0).energyEv() >= beamEv) {
        throw new IllegalArgumentException(where + ": " + el + " has no " + f
            + " line excited at the beam energy of " + beamEv / 1000 + " keV");
      }
      double e = lines.get(0).energyEv();
      if (e < lo || e > hi) {
        throw new IllegalArgumentException(String.format(
            "%s: the %s %s line of %s at %.0f eV lies outside the cube's energy range %.0f..%.0f eV",
            where, el, f, el, e, lo, hi));
      }
    }
    return out;
  }

  private static double beamEv(SpectrumImage si) {
    return si.beamEnergyKeV() > 0 ? si.beamEnergyKeV() * 1000 : 20000;
  }

  /**
   * Computes the maps.
   *
   * @param si the cube
   * @param elements validated symbols ({@link #elements})
   * @param fwhmMnKaEv detector FWHM at Mn Ka in eV, NaN to estimate it from the sum spectrum
   */
  public static Result compute(SpectrumImage si, List<String> elements, double fwhmMnKaEv) {
    double fwhm = fwhmMnKaEv;
    if (Double.isNaN(fwhm)) {
      fwhm = ResolutionEstimator.estimateMnKa(SpectrumImages.sumSpectrum(si, "sum"), 130.0);
    } else if (!(fwhm >= 40 && fwhm <= 400)) {
      throw new IllegalArgumentException(
          "detector FWHM at Mn Ka must be 40..400 eV, found " + fwhmMnKaEv);
    }
    Map<String, float[]> maps = NetCountMaps.compute(si, elements, DetectorResolution.of(fwhm));
    Map<String, String> fam = new LinkedHashMap<>();
    Map<String, Double> totals = new LinkedHashMap<>();
    Map<String, Double> snr = new LinkedHashMap<>();
    for (String el : elements) {
      fam.put(el, XrayData.analyticalFamily(XrayData.z(el), beamEv(si)).name());
      double t = 0;
      for (float v : maps.get(el)) {
        t += v;
      }
      totals.put(el, t);
      snr.put(el, MapSnr.snr(maps.get(el), si.width(), si.height()));
    }
    return new Result(si.width(), si.height(), List.copyOf(elements), fam, maps, totals, snr,
        fwhm);
  }

  /**
   * The maps as one Arrow IPC feature table ({@link ArrowIO#toArrow(FeatureTable)}): one row per
   * pixel in row-major order (row id = pixel index y * width + x), one float64 column per element.
   */
  public static byte[] toArrow(Result r) throws IOException {
    int n = r.width() * r.height();
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(Integer.toString(i));
    }
    List<double[]> cols = new ArrayList<>();
    for (String el : r.elements()) {
      float[] m = r.maps().get(el);
      double[] d = new double[n];
      for (int i = 0; i < n; i++) {
        d[i] = m[i];
      }
      cols.add(d);
    }
    return ArrowIO.toArrow(new FeatureTable(ids, r.elements(), cols));
  }

  /** One map as an 8-bit PNG ({@link MapImages}, percentile stretch). */
  public static byte[] png(Result r, String element) throws IOException {
    Path tmp = Files.createTempFile("eds-map-", ".png");
    try {
      MapImages.writePng(r.maps().get(element), r.width(), r.height(), tmp);
      return Files.readAllBytes(tmp);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Writes {@code maps/EL.png} per element and {@code maps.arrow} into a folder. */
  public static void write(Result r, Path out) throws IOException {
    Files.createDirectories(out.resolve("maps"));
    for (String el : r.elements()) {
      MapImages.writePng(r.maps().get(el), r.width(), r.height(), out.resolve("maps/" + el + ".png"));
    }
    Files.write(out.resolve("maps.arrow"), toArrow(r));
  }
}
