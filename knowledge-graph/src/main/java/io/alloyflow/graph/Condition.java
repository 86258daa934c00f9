package io.alloyflow.graph;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One filter of a structure-property search, e.g. {@code martensite>=0.2} or {@code
 * hardnessHv>300}. The name is looked up among an analysis' step summaries: first as a phase
 * fraction ({@code fraction_<name>}), then as the summary itself ({@code hardnessHv}).
 *
 * @param name phase or summary name (letters, digits, _)
 * @param op one of {@code >= <= > < = !=}
 * @param value number to compare with
 */
public record Condition(String name, String op, double value) {
  private static final Pattern SYNTAX =
      Pattern.compile("\\s*([A-Za-z][A-Za-z0-9_]{0,63})\\s*(>=|<=|!=|>|<|=)\\s*([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*");

  public Condition {
    if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
      throw new IllegalArgumentException("condition name must be a word like martensite, found '" + name + "'");
    }
    if (op == null || !op.matches(">=|<=|!=|>|<|=")) {
      throw new IllegalArgumentException("condition operator must be one of >= <= > < = !=, found '" + op + "'");
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("condition value must be finite, found " + value);
    }
  }

  /** Parses {@code name OP number}; fails with the expected form when the text does not match. */
  public static Condition parse(String text) {
    Matcher m = SYNTAX.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "cannot read the condition '" + text + "': expected NAME OP NUMBER such as"
              + " martensite>=0.2 or hardnessHv>300 (OP one of >= <= > < = !=)");
    }
    return new Condition(m.group(1), m.group(2), Double.parseDouble(m.group(3)));
  }

  @Override
  public String toString() {
    return name + op + value;
  }
}
