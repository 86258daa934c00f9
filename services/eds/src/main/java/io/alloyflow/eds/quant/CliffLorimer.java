package io.alloyflow.eds.quant;

import io.alloyflow.core.provenance.AlgorithmInfo;
import io.alloyflow.eds.lines.XrayData;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thin-film quantification by the Cliff-Lorimer ratio method (Cliff and Lorimer, "The quantitative
 * analysis of thin specimens", J. Microscopy 103 (1975) 203-207): C_A / C_B = k_AB I_A / I_B, with
 * sum C = 1, so C_i = k_i I_i / sum_j k_j I_j for k-factors relative to a common reference
 * element. Uncertainties propagate the Poisson sigma of each net intensity and the k-factor
 * sigmas (first order, the normalisation included).
 */
public final class CliffLorimer {
  private CliffLorimer() {}

  /**
   * Result.
   *
   * @param massFractions symbol -> mass fraction
   * @param massFractionSigmas symbol -> 1-sigma
   * @param atomFractions symbol -> atomic fraction
   * @param algorithm provenance
   */
  public record Result(
      Map<String, Double> massFractions,
      Map<String, Double> massFractionSigmas,
      Map<String, Double> atomFractions,
      AlgorithmInfo algorithm) {}

  /**
   * Quantifies.
   *
   * @param netCounts symbol -> net counts (with sigma = sqrt(counts) unless given)
   * @param netSigmas symbol -> sigma of the net counts (null: Poisson)
   * @param kFactors symbol -> k-factor relative to a common reference (reference = 1)
   * @param kFactorSigmas symbol -> sigma of the k-factor (null: 0)
   */
  public static Result quantify(
      Map<String, Double> netCounts, Map<String, Double> netSigmas, Map<String, Double> kFactors,
      Map<String, Double> kFactorSigmas) {
    double total = 0;
    Map<String, Double> ki = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : netCounts.entrySet()) {
      Double k = kFactors.get(e.getKey());
      if (k == null || !(k > 0)) {
        throw new IllegalArgumentException("no positive Cliff-Lorimer k-factor for " + e.getKey());
      }
      if (!(e.getValue() >= 0)) {
        throw new IllegalArgumentException(
            "net counts of " + e.getKey() + " must be >= 0, found " + e.getValue());
      }
      double v = k * e.getValue();
      ki.put(e.getKey(), v);
      total += v;
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException("all net counts are zero");
    }
    Map<String, Double> c = new LinkedHashMap<>();
    Map<String, Double> sig = new LinkedHashMap<>();
    Map<String, Double> at = new LinkedHashMap<>();
    double mol = 0;
    for (Map.Entry<String, Double> e : ki.entrySet()) {
      c.put(e.getKey(), e.getValue() / total);
      mol += e.getValue() / total / XrayData.atomicWeight(XrayData.z(e.getKey()));
    }
    // relative variance of each k_i I_i
    Map<String, Double> relVar = new LinkedHashMap<>();
    for (String el : ki.keySet()) {
      double counts = netCounts.get(el);
      double sI = netSigmas != null && netSigmas.get(el) != null
          ? netSigmas.get(el) : Math.sqrt(Math.max(counts, 1));
      double sK = kFactorSigmas != null && kFactorSigmas.get(el) != null
          ? kFactorSigmas.get(el) : 0;
      double rv = Math.pow(sI / Math.max(counts, 1e-300), 2)
          + Math.pow(sK / kFactors.get(el), 2);
      relVar.put(el, rv);
    }
    for (String el : ki.keySet()) {
      // dC_i/dx_j = C_i (delta_ij - C_j) / x_j with x = k I
      double ci = c.get(el);
      double var = 0;
      for (String j : ki.keySet()) {
        double d = (el.equals(j) ? 1 : 0) - c.get(j);
        var += Math.pow(ci * d, 2) * relVar.get(j);
      }
      sig.put(el, Math.sqrt(var));
      at.put(el, ci / XrayData.atomicWeight(XrayData.z(el)) / mol);
    }
    return new Result(c, sig, at, new AlgorithmInfo("cliff-lorimer", "1.0",
        "Cliff & Lorimer, J. Microscopy 103 (1975) 203", Map.of("elements", "" + ki.keySet())));
  }
}
