package io.alloyflow.workflows.campaign.opt;

/**
 * One searched parameter of a campaign, a closed interval of real values.
 *
 * @param name parameter name, e.g. {@code aluminium} or {@code grainInterceptUm}
 * @param lo lower bound (inclusive)
 * @param hi upper bound (inclusive), greater than {@code lo}
 */
public record Parameter(String name, double lo, double hi) {
  public Parameter {
    if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_.-]{0,63}")) {
      throw new IllegalArgumentException(
          "a parameter name must be 1..64 letters, digits, '_', '.' or '-' starting with a letter, found '"
              + name + "'");
    }
    if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(hi > lo)) {
      throw new IllegalArgumentException(
          "parameter '" + name + "' needs finite bounds with lo < hi, found [" + lo + ", " + hi + "]");
    }
  }
}
