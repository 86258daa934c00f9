package io.alloyflow.workflows.gateway;

import java.util.Map;

/**
 * Typed fields of a JSON request body, each refused as a 400 problem naming the field when it
 * has the wrong type or a required one is missing (shared by the batch and inclusion-scan
 * controllers).
 */
final class BodyFields {
  private BodyFields() {}

  /** A text field; {@code dflt} when absent (null = required). */
  static String text(Map<String, Object> body, String field, String dflt) {
    Object v = body.get(field);
    if (v == null) {
      if (dflt == null) {
        throw new ProblemException(Problem.badField(field, "required"));
      }
      return dflt;
    }
    if (!(v instanceof String s)) {
      throw new ProblemException(Problem.badField(field, "expected text"));
    }
    return s;
  }

  /** An integer field; 0 when absent. */
  static int integer(Map<String, Object> body, String field) {
    Object v = body.get(field);
    if (v == null) {
      return 0;
    }
    if (!(v instanceof Integer i)) {
      throw new ProblemException(Problem.badField(field, "expected an integer"));
    }
    return i;
  }
}
