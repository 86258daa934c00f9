package io.alloyflow.fusion.phases;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Phase libraries with compositions (mass fractions) for naming discovered phases: the A356-type
 * Al-Si-Mg casting alloy (alpha-Al with Si, Mg and Fe in solution; eutectic Si; Mg2Si; the
 * beta-Al5FeSi intermetallic; stoichiometric compositions from IUPAC 2013 atomic weights) and
 * the phases of a dual-phase steel.
 */
public final class PhaseCompositions {

  private PhaseCompositions() {}

  /** Library of an alloy system, or an empty map when unknown. */
  public static Map<String, Map<String, Double>> of(String alloySystem) {
    Map<String, Map<String, Double>> m = new LinkedHashMap<>();
    switch (alloySystem.toLowerCase(java.util.Locale.ROOT)) {
      case "al-alloy" -> {
        m.put("alpha-Al", Map.of("Al", 0.985, "Si", 0.011, "Mg", 0.003, "Fe", 0.001));
        m.put("Si", Map.of("Si", 1.0));
        m.put("Mg2Si", Map.of("Mg", 0.634, "Si", 0.366));
        m.put("Al-Fe-Si", Map.of("Al", 0.497, "Fe", 0.257, "Si", 0.246));
      }
      case "dp-steel" -> {
        m.put("ferrite", Map.of("Fe", 0.9815, "Mn", 0.015, "Si", 0.003));
        m.put("martensite", Map.of("Fe", 0.9764, "Mn", 0.017, "Si", 0.003));
      }
      default -> {
        // unknown system: no names
      }
    }
    return m;
  }
}
