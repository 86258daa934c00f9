package io.alloyflow.fusion.inclusions;

import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.fusion.classify.ElementMaps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Quantifies a particle spectrum for classification: three-window net counts of each element's
 * line ({@link ElementMaps}), divided by that element's sensitivity factor (net counts per unit
 * mass fraction per unit live time, measured on standards of known composition: the
 * standards-based k-ratio with the matrix correction left out, as the rule sets of automated
 * inclusion analysers tolerate), iron excluded as the steel matrix's contribution, the rest
 * normalised to 100 mass %. Iron's share of the unnormalised total is kept as a measure of
 * matrix contribution (small particles).
 */
public final class SpotQuantifier {
  private final List<String> elements;
  private final Map<String, Double> factors;

  /**
   * @param elements elements to quantify (Fe is counted as matrix)
   * @param factors element to sensitivity factor (net counts per mass fraction per second)
   */
  public SpotQuantifier(List<String> elements, Map<String, Double> factors) {
    this.elements = List.copyOf(elements);
    for (String e : elements) {
      Double f = factors.get(e);
      if (f == null || !(f > 0)) {
        throw new IllegalArgumentException("no positive sensitivity factor for " + e
            + ": expected one per element, found " + factors);
      }
    }
    this.factors = Map.copyOf(factors);
  }

  /** Elements. */
  public List<String> elements() {
    return elements;
  }

  /**
   * Calibrates sensitivity factors on standards: for each element the factor is the mean over the
   * standards that contain it (at >= 10 mass %) of net counts / (mass fraction x live time).
   *
   * @param standards composition to counts of its spectrum
   */
  public static Map<String, Double> calibrate(List<String> elements,
      Map<Map<String, Double>, double[]> standards, EnergyAxis axis, double liveTimeS) {
    Map<String, double[]> acc = new LinkedHashMap<>();
    for (Map.Entry<Map<String, Double>, double[]> s : standards.entrySet()) {
      double[] net = netCounts(s.getValue(), axis, elements);
      for (int e = 0; e < elements.size(); e++) {
        double c = s.getKey().getOrDefault(elements.get(e), 0.0);
        if (c >= 0.1) {
          double[] a = acc.computeIfAbsent(elements.get(e), k -> new double[2]);
          a[0] += net[e] / (c * liveTimeS);
          a[1]++;
        }
      }
    }
    Map<String, Double> f = new LinkedHashMap<>();
    for (String e : elements) {
      double[] a = acc.get(e);
      if (a == null) {
        throw new IllegalArgumentException("no standard holds >= 10 mass % of " + e);
      }
      f.put(e, a[0] / a[1]);
    }
    return f;
  }

  /** Net counts of the elements' lines in one spectrum. */
  public static double[] netCounts(double[] counts, EnergyAxis axis, List<String> elements) {
    float[] d = new float[counts.length];
    for (int c = 0; c < d.length; c++) {
      d[c] = (float) counts[c];
    }
    ElementMaps m = ElementMaps.of(new SpectrumImage(1, 1, d.length, d, axis, Double.NaN,
        Double.NaN, Double.NaN), elements);
    double[] out = new double[elements.size()];
    for (int e = 0; e < out.length; e++) {
      out[e] = m.net()[e];
    }
    return out;
  }

  /**
   * Normalised mass % without Fe (keys = elements other than Fe) plus {@code "Fe_share"}, iron's
   * share of the unnormalised total (0..1).
   */
  public Map<String, Double> quantify(double[] counts, EnergyAxis axis, double liveTimeS) {
    double[] net = netCounts(counts, axis, elements);
    double[] c = new double[net.length];
    double sum = 0;
    double all = 0;
    for (int e = 0; e < net.length; e++) {
      c[e] = Math.max(0, net[e]) / (factors.get(elements.get(e)) * liveTimeS);
      all += c[e];
      if (!elements.get(e).equals("Fe")) {
        sum += c[e];
      }
    }
    Map<String, Double> out = new LinkedHashMap<>();
    double fe = 0;
    for (int e = 0; e < net.length; e++) {
      if (elements.get(e).equals("Fe")) {
        fe = c[e];
      } else {
        out.put(elements.get(e), sum > 0 ? 100 * c[e] / sum : 0);
      }
    }
    out.put("Fe_share", all > 0 ? fe / all : 0);
    return out;
  }
}
