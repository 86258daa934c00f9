package io.alloyflow.prediction.mixture;

import io.alloyflow.core.materials.AlloySystems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Linear rule of mixtures: {@code HV = sum_i f_i HV_i} over phase volume fractions {@code f_i}.
 *
 * <p>For dual-phase steels the linear law reproduces measured bulk hardness to within roughly
 * 10 % over martensite fractions of 0.1-0.6 (Speich &amp; Miller 1979, in "Structure and
 * Properties of Dual-Phase Steels", TMS; Davies 1978, Metall. Trans. A 9:671). Phase ranges:
 * ferrite in DP steels 150-220 HV (solid-solution-strengthened by Mn and Si); martensite 400-700 HV
 * depending on its carbon content, 0.2-0.6 wt% C in DP islands (Krauss 1999, Mater. Sci. Eng. A
 * 273-275:40). Uncertainty: each phase hardness uniform over its range, fractions with their
 * standard errors, propagated to first order.
 */
public final class RuleOfMixturesHardness {
  public static final String NAME = "rule-of-mixtures-hardness";
  public static final String VERSION = "1.0";
  public static final String REFERENCE =
      "Speich & Miller 1979 (TMS, Structure and Properties of Dual-Phase Steels); Davies 1978,"
          + " Metall. Trans. A 9:671; Krauss 1999, Mater. Sci. Eng. A 273-275:40";

  private static final Map<String, List<PhaseHardness>> LIBRARY =
      checked(Map.of(
          AlloySystems.DP_STEEL,
          List.of(
              new PhaseHardness(AlloySystems.FERRITE, 150, 220, "Speich & Miller 1979"),
              new PhaseHardness(AlloySystems.MARTENSITE, 400, 700, "Krauss 1999"))));

  /** Every system and phase of the library must be the catalogue's (one place for names). */
  private static Map<String, List<PhaseHardness>> checked(Map<String, List<PhaseHardness>> lib) {
    lib.forEach((sys, phases) -> {
      var system = AlloySystems.get(sys);
      for (PhaseHardness p : phases) {
        if (!system.hasPhase(p.phase())) {
          throw new IllegalStateException(
              "phase '" + p.phase() + "' is not a phase of alloy system " + sys + " " + system.phases());
        }
      }
    });
    return lib;
  }

  /**
   * Result of the estimate.
   *
   * @param hardnessHv estimate
   * @param sigmaHv one-sigma uncertainty
   * @param contributions f_i * HV_i per phase (exact Shapley values of the linear model against a
   *     zero baseline)
   */
  public record Estimate(double hardnessHv, double sigmaHv, Map<String, Double> contributions) {}

  private RuleOfMixturesHardness() {}

  /** Alloy systems with a phase hardness library. */
  public static List<String> systems() {
    return LIBRARY.keySet().stream().sorted().toList();
  }

  /** True when a phase hardness library exists for the alloy system. */
  public static boolean supports(String alloySystem) {
    return LIBRARY.containsKey(alloySystem.toLowerCase(Locale.ROOT));
  }

  /**
   * Estimates hardness.
   *
   * @param alloySystem alloy system key, e.g. {@code dp-steel}
   * @param fractions phase name to volume fraction; must cover the library's phases and sum to 1
   *     within 0.02
   * @param fractionSigma phase name to standard error of the fraction (missing = 0)
   */
  public static Estimate estimate(
      String alloySystem, Map<String, Double> fractions, Map<String, Double> fractionSigma) {
    List<PhaseHardness> lib = LIBRARY.get(alloySystem.toLowerCase(Locale.ROOT));
    if (lib == null) {
      throw new IllegalArgumentException(
          "no phase hardness library for alloy system '" + alloySystem + "': expected one of "
              + LIBRARY.keySet());
    }
    double sum = 0;
    for (double f : fractions.values()) {
      sum += f;
    }
    if (Math.abs(sum - 1) > 0.02) {
      throw new IllegalArgumentException("phase fractions must sum to 1, found " + sum);
    }
    double hv = 0;
    double var = 0;
    Map<String, Double> contributions = new LinkedHashMap<>();
    for (PhaseHardness p : lib) {
      Double f = fractions.get(p.phase());
      if (f == null) {
        throw new IllegalArgumentException(
            "phase '" + p.phase() + "' of " + alloySystem + " has no fraction; found phases "
                + fractions.keySet());
      }
      double sf = fractionSigma.getOrDefault(p.phase(), 0.0);
      hv += f * p.meanHv();
      var += f * f * p.sdHv() * p.sdHv() + p.meanHv() * p.meanHv() * sf * sf;
      contributions.put(p.phase(), f * p.meanHv());
    }
    return new Estimate(hv, Math.sqrt(var), contributions);
  }
}
