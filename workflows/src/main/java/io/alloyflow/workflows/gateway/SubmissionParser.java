package io.alloyflow.workflows.gateway;

import io.alloyflow.workflows.ingest.DataRoots;
import io.alloyflow.workflows.ingest.InputRejectedException;
import io.alloyflow.workflows.ingest.InputSource;
import io.alloyflow.workflows.ingest.Ingest;
import java.util.Map;

/**
 * Turns a JSON submission body into a {@link Submission}: strict types (a number is a JSON number,
 * a string a JSON string), no unknown fields, paths resolved under the data roots and their headers
 * checked (format and declared size) before anything is accepted.
 */
final class SubmissionParser {
  private SubmissionParser() {}

  static Submission parse(Map<String, Object> body, DataRoots roots, long maxFileBytes) {
    if (body == null) {
      throw new ProblemException(new Problem(400, "invalid request",
          "expected a JSON object with fields " + Submission.FIELDS, null));
    }
    for (String k : body.keySet()) {
      if (!Submission.FIELDS.contains(k)) {
        String shown = k.length() > 40 ? k.substring(0, 40) + "..." : k;
        throw new ProblemException(Problem.badField(shown, "unknown field: expected only " + Submission.FIELDS));
      }
    }
    String sampleId = string(body, "sampleId", 128, true);
    String micro = string(body, "micrographPath", 4096, true);
    String eds = string(body, "edsPath", 4096, false);
    double px = number(body, "pixelSizeUm");
    int classes = integer(body, "classes", 2);
    String alloy = string(body, "alloySystem", 40, false);
    String method = string(body, "method", 40, false);
    // cheap field checks first (no file is touched for an invalid request)
    Submission.checkFields(sampleId, px, alloy, method, classes);
    InputSource microSource = resolve(roots, "micrographPath", micro, maxFileBytes, true);
    InputSource edsSource = eds == null ? null : resolve(roots, "edsPath", eds, maxFileBytes, false);
    return new Submission(sampleId, microSource, edsSource, px, alloy, method, classes);
  }

  private static InputSource resolve(
      DataRoots roots, String field, String path, long maxBytes, boolean micrograph) {
    try {
      java.nio.file.Path real = roots.resolve(field, path, maxBytes);
      if (micrograph) {
        Ingest.checkMicrographHeader(field, real, real.getFileName().toString());
      } else {
        Ingest.checkEdsHeader(field, real, real.getFileName().toString());
      }
      return InputSource.ofPath(real);
    } catch (InputRejectedException e) {
      throw new ProblemException(Problem.badField(e.field(), e.reason()));
    }
  }

  static String string(Map<String, Object> body, String key, int maxLen, boolean required) {
    Object v = body.get(key);
    if (v == null) {
      if (required) {
        throw new ProblemException(Problem.badField(key, "is required"));
      }
      return null;
    }
    if (!(v instanceof String s)) {
      throw new ProblemException(Problem.badField(key, "expected a JSON string"));
    }
    if (s.isEmpty() || s.length() > maxLen) {
      throw new ProblemException(Problem.badField(key, "expected 1.." + maxLen + " characters, found " + s.length()));
    }
    return s;
  }

  static double number(Map<String, Object> body, String key) {
    Object v = body.get(key);
    if (v == null) {
      return Double.NaN;
    }
    if (!(v instanceof Number n)) {
      throw new ProblemException(Problem.badField(key, "expected a JSON number"));
    }
    double d = n.doubleValue();
    if (!Double.isFinite(d)) {
      throw new ProblemException(Problem.badField(key, "expected a finite number"));
    }
    return d;
  }

  static int integer(Map<String, Object> body, String key, int dflt) {
    Object v = body.get(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Integer || v instanceof Long || v instanceof Short)) {
      throw new ProblemException(Problem.badField(key, "expected a JSON integer"));
    }
    long l = ((Number) v).longValue();
    if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
      throw new ProblemException(Problem.badField(key, "out of range"));
    }
    return (int) l;
  }
}
