package io.alloyflow.workflows.gateway;

import io.alloyflow.workflows.ingest.InputSource;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A validated analysis submission: every field checked for type, range and length before any
 * work starts.
 *
 * @param sampleId sample id: 1..128 characters of letters, digits and {@code . _ : -}
 * @param micrograph the micrograph (a path under a data root, or an upload)
 * @param eds the EDS file, or null
 * @param pixelSizeUm pixel size in micrometres used when the file has none (NaN = none)
 * @param alloySystem one of {@link #ALLOY_SYSTEMS}
 * @param method one of {@link #METHODS}
 * @param classes phase classes, 2..16
 */
public record Submission(
    String sampleId, InputSource micrograph, InputSource eds, double pixelSizeUm,
    String alloySystem, String method, int classes) {
  /** Segmentation methods the gateway runs (the trained ones need a model: use the CLI). */
  public static final List<String> METHODS = List.of("otsu", "multiotsu", "kmeans", "adaptive");

  /** Alloy systems the analysis knows (phase names and the baseline property model). */
  public static final List<String> ALLOY_SYSTEMS = List.of("dp-steel", "al-alloy", "unknown");

  /** Fields a JSON submission may carry. */
  public static final List<String> FIELDS = List.of(
      "sampleId", "micrographPath", "edsPath", "pixelSizeUm", "alloySystem", "method", "classes");

  static final Pattern SAMPLE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  public Submission {
    if (micrograph == null) {
      throw new ProblemException(Problem.badField("micrographPath", "is required"));
    }
    alloySystem = alloySystem == null ? "unknown" : alloySystem.toLowerCase(Locale.ROOT);
    method = method == null ? "otsu" : method.toLowerCase(Locale.ROOT);
    checkFields(sampleId, pixelSizeUm, alloySystem, method, classes);
  }

  /** Checks the fields that need no file (so that an invalid request touches no file). */
  public static void checkFields(String sampleId, double pixelSizeUm, String alloySystem, String method, int classes) {
    if (sampleId == null || !SAMPLE_ID.matcher(sampleId).matches()) {
      throw new ProblemException(Problem.badField("sampleId",
          "expected 1..128 characters of letters, digits, '.', '_', ':' or '-' (starting with a"
              + " letter or digit)"));
    }
    if (!Double.isNaN(pixelSizeUm) && !(pixelSizeUm > 0 && pixelSizeUm <= 1000)) {
      throw new ProblemException(Problem.badField("pixelSizeUm",
          "expected a number of micrometres in (0, 1000], found " + pixelSizeUm));
    }
    String a = alloySystem == null ? "unknown" : alloySystem.toLowerCase(Locale.ROOT);
    if (!ALLOY_SYSTEMS.contains(a)) {
      throw new ProblemException(Problem.badField("alloySystem", "expected one of " + ALLOY_SYSTEMS));
    }
    String m = method == null ? "otsu" : method.toLowerCase(Locale.ROOT);
    if (!METHODS.contains(m)) {
      throw new ProblemException(Problem.badField("method", "expected one of " + METHODS));
    }
    if (classes < 2 || classes > 16) {
      throw new ProblemException(Problem.badField("classes", "expected an integer in 2..16, found " + classes));
    }
    if ((m.equals("otsu") || m.equals("adaptive")) && classes != 2) {
      throw new ProblemException(Problem.badField("classes", "method " + m + " separates exactly 2 classes"));
    }
  }
}
