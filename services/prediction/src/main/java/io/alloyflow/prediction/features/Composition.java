package io.alloyflow.prediction.features;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An alloy composition as atomic fractions that sum to one, over elements the descriptors know.
 *
 * @param atomicFractions element symbol to atomic fraction (sorted by symbol, each in (0, 1])
 */
public record Composition(Map<String, Double> atomicFractions) {
  private static final Pattern TOKEN = Pattern.compile("([A-Z][a-z]?)([0-9]*\\.?[0-9]*(?:[eE][-+]?[0-9]+)?)");

  public Composition {
    if (atomicFractions == null || atomicFractions.isEmpty()) {
      throw new IllegalArgumentException("a composition needs at least one element, found none");
    }
    double sum = 0;
    for (Map.Entry<String, Double> e : atomicFractions.entrySet()) {
      ElementData.of(e.getKey());
      double v = e.getValue();
      if (!(v > 0) || !Double.isFinite(v)) {
        throw new IllegalArgumentException(
            "atomic amount of " + e.getKey() + " must be a positive finite number, found " + v);
      }
      sum += v;
    }
    Map<String, Double> norm = new TreeMap<>();
    for (Map.Entry<String, Double> e : atomicFractions.entrySet()) {
      norm.put(e.getKey(), e.getValue() / sum);
    }
    atomicFractions = Collections.unmodifiableMap(norm);
  }

  /**
   * Parses a formula of element-amount pairs such as {@code Al0.5 Co1 Cr1 Fe1 Ni1} or {@code
   * AlCoCrFeNi} (a missing amount is 1); amounts are molar ratios and are normalised.
   */
  public static Composition parse(String formula) {
    if (formula == null || formula.isBlank()) {
      throw new IllegalArgumentException("empty formula");
    }
    String f = formula.replaceAll("\\s+", "");
    Matcher m = TOKEN.matcher(f);
    Map<String, Double> amounts = new LinkedHashMap<>();
    int pos = 0;
    while (pos < f.length()) {
      if (!m.find(pos) || m.start() != pos) {
        throw new IllegalArgumentException(
            "formula '" + formula + "': cannot read '" + f.substring(pos)
                + "' (expected element-amount pairs such as 'Al0.5 Co1')");
      }
      String sym = m.group(1);
      if (!ElementData.known(sym)) {
        throw new IllegalArgumentException(
            "formula '" + formula + "': unknown element symbol '" + sym + "'");
      }
      double amount;
      try {
        amount = m.group(2).isEmpty() ? 1.0 : Double.parseDouble(m.group(2));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "formula '" + formula + "': amount '" + m.group(2) + "' of " + sym + " is not a number");
      }
      if (!(amount > 0)) {
        throw new IllegalArgumentException(
            "formula '" + formula + "': amount of " + sym + " must be > 0, found " + m.group(2));
      }
      amounts.merge(sym, amount, Double::sum);
      pos = m.end();
    }
    return new Composition(amounts);
  }

  /** Composition from mass fractions (e.g. EDS quantification), converted with atomic weights. */
  public static Composition fromMassFractions(Map<String, Double> massFractions) {
    Map<String, Double> moles = new TreeMap<>();
    for (Map.Entry<String, Double> e : massFractions.entrySet()) {
      if (e.getValue() > 0) {
        moles.put(e.getKey(), e.getValue() / ElementData.of(e.getKey()).atomicWeight());
      }
    }
    return new Composition(moles);
  }

  /** Canonical formula, e.g. {@code Al0.1111 Co0.2222 ...} (fractions rounded to 4 decimals). */
  public String canonical() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Double> e : atomicFractions.entrySet()) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(e.getKey()).append(String.format(java.util.Locale.ROOT, "%.4f", e.getValue()));
    }
    return sb.toString();
  }

  /** Sorted element symbols joined, e.g. {@code Al-Co-Cr-Fe-Ni}: the alloy family. */
  public String family() {
    return String.join("-", atomicFractions.keySet());
  }
}
