package io.alloyflow.eds.io;

import io.alloyflow.core.io.EmsaIO;
import io.alloyflow.core.spectrum.Spectrum;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * EMSA/MAS (ISO 22029) input for the EDS module: reading through the core reader {@link EmsaIO}
 * and the DTSA-II {@code ##D2STDCMP} standard-composition keyword.
 */
public final class EmsaReader {
  private EmsaReader() {}

  /** Reads one EMSA file (delegates to the core reader, {@link EmsaIO}). */
  public static Spectrum read(Path file) throws IOException {
    return EmsaIO.read(file);
  }

  /**
   * Parses the DTSA-II {@code ##D2STDCMP} keyword, e.g. {@code K412,(O:42.758),(Mg:11.6567),3.5},
   * into element -> mass fraction (0..1). Returns an empty map when the keyword is absent.
   */
  public static Map<String, Double> standardComposition(Spectrum s) {
    String v = s.metadata().get("##D2STDCMP");
    if (v == null) {
      v = s.metadata().get("D2STDCMP");
    }
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
