package io.alloyflow.eds.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cliff-Lorimer against hand-computed values. */
class CliffLorimerTest {
  @Test
  void ratiosAndSigmas() {
    // Fe/Ni thin film: k_Fe = 1.0 (reference), k_Ni = 1.2; I_Fe = 10000, I_Ni = 5000
    CliffLorimer.Result r = CliffLorimer.quantify(Map.of("Fe", 10000.0, "Ni", 5000.0), null,
        Map.of("Fe", 1.0, "Ni", 1.2), null);
    double fe = 10000.0 / (10000 + 6000);
    assertEquals(fe, r.massFractions().get("Fe"), 1e-12);
    assertEquals(1 - fe, r.massFractions().get("Ni"), 1e-12);
    // sigma: C_Fe (1 - C_Fe) sqrt(1/I_Fe + 1/I_Ni)
    double s = fe * (1 - fe) * Math.sqrt(1 / 10000.0 + 1 / 5000.0);
    assertEquals(s, r.massFractionSigmas().get("Fe"), 1e-9);
    assertThrows(IllegalArgumentException.class,
        () -> CliffLorimer.quantify(Map.of("Fe", 1.0), null, Map.of(), null));
  }
}
