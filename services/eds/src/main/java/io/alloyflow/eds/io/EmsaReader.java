package io.alloyflow.eds.io;

import io.alloyflow.core.io.FormatException;
import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.Spectrum;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reader for EMSA/MAS spectral data files (ISO 22029:2012, "EMSA/MAS standard file format for
 * spectral data exchange"), Y and XY data types, one column. Keywords {@code #NPOINTS},
 * {@code #XPERCHAN} and {@code #OFFSET} are required; {@code #XUNITS} of {@code keV} are converted
 * to eV. Every header keyword (including {@code ##} user keywords such as {@code ##D2STDCMP}) is
 * kept verbatim in {@link Spectrum#metadata()} under its upper-case name without leading '#'.
 *
 * <p>The EDS module reads EMSA itself so that it does not wait on a core reader; the behaviour
 * follows the same one-line {@link FormatException} convention as the rest of the project.
 */
public final class EmsaReader {
  private EmsaReader() {}

  /** Reads one EMSA file. */
  public static Spectrum read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
    Map<String, String> meta = new LinkedHashMap<>();
    List<Double> values = new ArrayList<>();
    boolean inData = false;
    boolean xy = false;
    for (int ln = 0; ln < lines.size(); ln++) {
      String raw = lines.get(ln).strip();
      if (raw.isEmpty()) {
        continue;
      }
      if (raw.startsWith("#")) {
        String body = raw.replaceFirst("^#+", "");
        int colon = body.indexOf(':');
        String key = (colon < 0 ? body : body.substring(0, colon)).strip().toUpperCase(Locale.ROOT);
        String value = colon < 0 ? "" : body.substring(colon + 1).strip();
        if (key.startsWith("SPECTRUM")) {
          inData = true;
          continue;
        }
        if (key.startsWith("ENDOFDATA")) {
          break;
        }
        if (key.startsWith("DATATYPE")) {
          xy = value.toUpperCase(Locale.ROOT).startsWith("XY");
        }
        meta.put(key, value);
        continue;
      }
      if (!inData) {
        throw new FormatException(file, "line " + (ln + 1), "a '#KEYWORD : value' header line", raw);
      }
      String[] parts = raw.split("[,\\s]+");
      List<String> tokens = new ArrayList<>();
      for (String p : parts) {
        if (!p.isEmpty()) {
          tokens.add(p);
        }
      }
      int start = xy ? 1 : 0;
      int step = xy ? 2 : 1;
      for (int t = start; t < tokens.size(); t += step) {
        double v;
        try {
          v = Double.parseDouble(tokens.get(t));
        } catch (NumberFormatException e) {
          throw new FormatException(file, "line " + (ln + 1), "a numeric count", tokens.get(t), e);
        }
        if (!(v >= 0) || Double.isInfinite(v)) {
          throw new FormatException(
              file, "line " + (ln + 1), "a finite non-negative count", tokens.get(t));
        }
        values.add(v);
      }
    }
    int n = (int) required(file, meta, "NPOINTS");
    double gain = required(file, meta, "XPERCHAN");
    double offset = required(file, meta, "OFFSET");
    String units = meta.getOrDefault("XUNITS", "eV").toLowerCase(Locale.ROOT);
    if (units.startsWith("kev")) {
      gain *= 1000.0;
      offset *= 1000.0;
    }
    if (values.size() < n) {
      throw new FormatException(
          file, "#SPECTRUM data", n + " channels (#NPOINTS)", values.size() + " values");
    }
    double[] counts = new double[n];
    for (int i = 0; i < n; i++) {
      counts[i] = values.get(i);
    }
    if (!(gain > 0)) {
      throw new FormatException(file, "#XPERCHAN", "a positive channel width", "" + gain);
    }
    return new Spectrum(
        counts,
        new EnergyAxis(offset, gain),
        optional(meta, "LIVETIME"),
        optional(meta, "REALTIME"),
        optional(meta, "BEAMKV"),
        optional(meta, "ELEVANGLE"),
        optional(meta, "PROBECUR"),
        meta.getOrDefault("TITLE", file.getFileName().toString()),
        meta);
  }

  private static double required(Path file, Map<String, String> meta, String key)
      throws FormatException {
    String v = meta.get(key);
    if (v == null) {
      throw new FormatException(file, "header", "keyword #" + key, "no such keyword");
    }
    try {
      return Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      throw new FormatException(file, "#" + key, "a number", "'" + v + "'", e);
    }
  }

  private static double optional(Map<String, String> meta, String key) {
    String v = meta.get(key);
    if (v == null || v.isBlank()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /**
   * Parses the DTSA-II {@code ##D2STDCMP} keyword, e.g. {@code K412,(O:42.758),(Mg:11.6567),3.5},
   * into element -> mass fraction (0..1). Returns an empty map when the keyword is absent.
   */
  public static Map<String, Double> standardComposition(Spectrum s) {
    String v = s.metadata().get("D2STDCMP");
    Map<String, Double> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\\(\\s*([A-Z][a-z]?)\\s*:\\s*([0-9.eE+-]+)\\s*\\)").matcher(v);
    while (m.find()) {
      out.put(m.group(1), Double.parseDouble(m.group(2)) / 100.0);
    }
    return out;
  }
}
