package io.alloyflow.fusion.inclusions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cleanliness summary of classified particles over an analysed area: per class the count, the
 * count per mm^2, the area per mm^2 (um^2/mm^2, i.e. area fraction in ppm) and the counts in
 * equivalent-circle-diameter size classes. The size classes double from 1 um ([1,2), [2,4),
 * [4,8), [8,16), [16,32), >= 32 um), the geometric progression used by ASTM E2142 reports and
 * close to the ISO 4967 / ASTM E45 width and length limits of the thin and heavy series.
 */
public final class CleanlinessReport {

  /** Lower edges of the size classes (um). */
  public static final double[] SIZE_CLASS_UM = {1, 2, 4, 8, 16, 32};

  private CleanlinessReport() {}

  /** One classified particle for the report. */
  public record Entry(String className, double ecdUm, double areaUm2) {}

  /**
   * Builds the report.
   *
   * @param entries classified particles
   * @param areaMm2 analysed area (mm^2), > 0
   */
  public static Map<String, Object> build(List<Entry> entries, double areaMm2) {
    if (!(areaMm2 > 0)) {
      throw new IllegalArgumentException("analysed area must be positive, found " + areaMm2
          + " mm^2");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("analysedAreaMm2", areaMm2);
    out.put("particles", entries.size());
    out.put("particlesPerMm2", entries.size() / areaMm2);
    Map<String, Map<String, Object>> byClass = new TreeMap<>();
    for (Entry e : entries) {
      Map<String, Object> c = byClass.computeIfAbsent(e.className(), k -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", 0);
        m.put("areaUm2", 0.0);
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("<1", 0);
        for (int i = 0; i < SIZE_CLASS_UM.length; i++) {
          sizes.put(label(i), 0);
        }
        m.put("sizeClassesUm", sizes);
        return m;
      });
      c.put("count", (Integer) c.get("count") + 1);
      c.put("areaUm2", (Double) c.get("areaUm2") + e.areaUm2());
      @SuppressWarnings("unchecked")
      Map<String, Integer> sizes = (Map<String, Integer>) c.get("sizeClassesUm");
      sizes.merge(sizeClass(e.ecdUm()), 1, Integer::sum);
    }
    for (Map<String, Object> c : byClass.values()) {
      c.put("countPerMm2", (Integer) c.get("count") / areaMm2);
      c.put("areaUm2PerMm2", (Double) c.get("areaUm2") / areaMm2);
    }
    out.put("classes", byClass);
    return out;
  }

  static String sizeClass(double ecdUm) {
    if (ecdUm < SIZE_CLASS_UM[0]) {
      return "<1";
    }
    for (int i = SIZE_CLASS_UM.length - 1; i >= 0; i--) {
      if (ecdUm >= SIZE_CLASS_UM[i]) {
        return label(i);
      }
    }
    return "<1";
  }

  private static String label(int i) {
    return i == SIZE_CLASS_UM.length - 1 ? ">=" + (int) SIZE_CLASS_UM[i]
        : (int) SIZE_CLASS_UM[i] + "-" + (int) SIZE_CLASS_UM[i + 1];
  }
}
