package io.alloyflow.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConditionTest {
  @Test
  void parsesNameOperatorNumber() {
    assertEquals(new Condition("martensite", ">=", 0.2), Condition.parse("martensite>=0.2"));
    assertEquals(new Condition("hardnessHv", ">", 300), Condition.parse(" hardnessHv > 300 "));
    assertEquals(new Condition("x", "!=", -1.5e-3), Condition.parse("x!=-1.5e-3"));
  }

  @Test
  void refusesWhatItCannotRead() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Condition.parse("martensite ~ 0.2"));
    assertTrue(e.getMessage().contains("expected NAME OP NUMBER"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Condition.parse("martensite>=abc"));
    assertThrows(IllegalArgumentException.class, () -> Condition.parse("1x>2"));
    assertThrows(IllegalArgumentException.class, () -> new Condition("a", ">=", Double.NaN));
  }
}
