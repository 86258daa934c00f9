package io.alloyflow.core.materials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AlloySystemsTest {
  @Test
  void systemsAndPhaseOrdersAreTheCataloguedOnes() {
    assertEquals(List.of("al-alloy", "dp-steel", "mpea"), AlloySystems.keys());
    assertEquals(List.of("ferrite", "martensite"), AlloySystems.phases("DP-Steel"));
    assertEquals(List.of("Mg2Si", "alpha-Al", "Al-Fe intermetallic"), AlloySystems.phases(AlloySystems.AL_ALLOY));
    assertTrue(AlloySystems.get("mpea").hasPhase(AlloySystems.B2));
    assertTrue(AlloySystems.find(AlloySystems.UNKNOWN).isEmpty());
  }

  @Test
  void unknownSystemsAndBadDefinitionsFailWithTheKnownKeys() {
    var e = assertThrows(IllegalArgumentException.class, () -> AlloySystems.get("ti-alloy"));
    assertTrue(e.getMessage().contains("ti-alloy") && e.getMessage().contains("dp-steel"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new AlloySystem("Steel", "x", List.of("a")));
    assertThrows(IllegalArgumentException.class, () -> new AlloySystem("steel", "x", List.of("a", "a")));
    assertThrows(IllegalArgumentException.class, () -> new AlloySystem("steel", "x", List.of()));
  }
}
