package io.alloyflow.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A real measurement of a sample (hardness indentation, tensile test, ...) entered by a user or a
 * closed-loop scheduler: a first-class {@code (:Entity:Measurement)} node linked to its sample,
 * to who entered it and, optionally, to the analysis whose prediction it checks.
 *
 * @param id stable id; blank = derived from the content (so entering the same measurement twice
 *     leaves one node)
 * @param sampleId sample measured
 * @param property property name as predictions name it, e.g. {@code hardnessHv}
 * @param unit unit of value and sigma, e.g. {@code HV}, {@code MPa}
 * @param value measured value
 * @param sigma standard uncertainty (0 when unknown, never negative)
 * @param method how it was measured, e.g. {@code ISO 6507-1 HV10}
 * @param enteredBy user or scheduler that entered it
 * @param measuredAtEpochMs when it was measured
 * @param analysisId analysis whose prediction it checks ("" = none in particular)
 */
public record Measurement(
    String id, String sampleId, String property, String unit, double value, double sigma,
    String method, String enteredBy, long measuredAtEpochMs, String analysisId) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

  public Measurement {
    if (sampleId == null || sampleId.isBlank()) {
      throw new IllegalArgumentException("a measurement needs a sample id: none was given");
    }
    if (property == null || !NAME.matcher(property).matches()) {
      throw new IllegalArgumentException(
          "measurement property must be a name like hardnessHv (letters, digits, _), found '"
              + property + "'");
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("measured value of '" + property + "' must be finite, found " + value);
    }
    if (!(sigma >= 0) || !Double.isFinite(sigma)) {
      throw new IllegalArgumentException(
          "uncertainty of '" + property + "' must be finite and >= 0, found " + sigma);
    }
    unit = unit == null ? "" : unit;
    method = method == null ? "" : method;
    enteredBy = enteredBy == null || enteredBy.isBlank() ? "unknown" : enteredBy;
    analysisId = analysisId == null ? "" : analysisId;
    if (id == null || id.isBlank()) {
      id = derivedId(sampleId, property, unit, value, method, measuredAtEpochMs);
    }
    Objects.requireNonNull(id);
  }

  /** Graph key of the measurement node. */
  public String key() {
    return "measurement:" + id;
  }

  private static String derivedId(
      String sample, String property, String unit, double value, String method, long at) {
    String text = String.join("|", sample, property, unit,
        String.format(Locale.ROOT, "%.12g", value), method, Long.toString(at));
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
