package io.alloyflow.prediction.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleOfMixturesHardnessTest {

  @Test
  void linearMixtureOfMidRangePhaseHardness() {
    RuleOfMixturesHardness.Estimate e = RuleOfMixturesHardness.estimate(
        "dp-steel", Map.of("ferrite", 0.7, "martensite", 0.3), Map.of());
    // 0.7 * 185 + 0.3 * 550
    assertEquals(294.5, e.hardnessHv(), 1e-9);
    // sqrt((0.7 * 70/sqrt12)^2 + (0.3 * 300/sqrt12)^2)
    assertEquals(Math.sqrt(Math.pow(0.7 * 70 / Math.sqrt(12), 2) + Math.pow(0.3 * 300 / Math.sqrt(12), 2)),
        e.sigmaHv(), 1e-9);
    // contributions add up to the prediction (Shapley efficiency of a linear model)
    assertEquals(e.hardnessHv(), e.contributions().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
  }

  @Test
  void fractionUncertaintyWidensTheInterval() {
    double without = RuleOfMixturesHardness.estimate(
        "dp-steel", Map.of("ferrite", 0.7, "martensite", 0.3), Map.of()).sigmaHv();
    double with = RuleOfMixturesHardness.estimate(
        "dp-steel", Map.of("ferrite", 0.7, "martensite", 0.3), Map.of("martensite", 0.05)).sigmaHv();
    assertTrue(with > without);
  }

  @Test
  void badInputsAreRefusedWithReasons() {
    assertFalse(RuleOfMixturesHardness.supports("al-alloy"));
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> RuleOfMixturesHardness.estimate("al-alloy", Map.of("a", 1.0), Map.of()));
    assertTrue(unknown.getMessage().contains("al-alloy"));
    IllegalArgumentException sum = assertThrows(IllegalArgumentException.class,
        () -> RuleOfMixturesHardness.estimate("dp-steel", Map.of("ferrite", 0.5, "martensite", 0.3), Map.of()));
    assertTrue(sum.getMessage().contains("sum to 1"));
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> RuleOfMixturesHardness.estimate("dp-steel", Map.of("phase-0", 0.5, "phase-1", 0.5), Map.of()));
    assertTrue(missing.getMessage().contains("ferrite"));
  }
}
