package io.alloyflow.eds.cli;

import io.alloyflow.eds.quant.MatrixCorrection;
import java.util.Locale;

/** Parses a user's matrix-correction choice ("pap" or "xpp") for the CLI and the HTTP API. */
public final class MatrixCorrections {

  private MatrixCorrections() {}

  /**
   * The model named by {@code value}, case-insensitive.
   *
   * @param where the option or field, for the error message
   * @throws IllegalArgumentException when the value is not "pap" or "xpp"
   */
  public static MatrixCorrection parse(String where, Object value) {
    if (value instanceof String s) {
      switch (s.toLowerCase(Locale.ROOT)) {
        case "pap":
          return MatrixCorrection.PAP;
        case "xpp":
          return MatrixCorrection.XPP;
        default:
          break;
      }
    }
    throw new IllegalArgumentException(
        where + " must be 'pap' or 'xpp', found '" + value + "'");
  }
}
