package io.alloyflow.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureTableTest {

  private static FeatureTable table() {
    Map<String, double[]> c = new LinkedHashMap<>();
    c.put("b", new double[] {1, 2});
    c.put("a", new double[] {3, Double.NaN});
    return FeatureTable.of(List.of("r1", "r2"), c);
  }

  @Test
  void keepsOrderAndDefensiveCopies() {
    double[] col = {1, 2};
    FeatureTable t = new FeatureTable(List.of("x", "y"), List.of("f"), List.of(col));
    col[0] = 99;
    assertEquals(1, t.value("x", "f"), 0);
    t.column("f")[1] = 42;
    assertEquals(2, t.value("y", "f"), 0);
    FeatureTable u = table();
    assertEquals(List.of("b", "a"), u.columnNames());
    assertEquals(Map.of("b", 2.0, "a", Double.NaN), u.row(1));
    assertArrayEquals(new double[][] {{1, 3}, {2, Double.NaN}}, u.toMatrix());
    assertEquals(List.of("a"), u.select(List.of("a")).columnNames());
    assertEquals(3, u.withColumn("c", new double[] {5, 6}).columnCount());
    assertEquals(table(), table());
    assertEquals(table().hashCode(), table().hashCode());
    assertNotEquals(table(), u.withColumn("c", new double[] {5, 6}));
  }

  @Test
  void validatesShapeNamesAndValues() {
    IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
        () -> new FeatureTable(List.of("x", "y"), List.of("f"), List.of(new double[] {1})));
    assertTrue(len.getMessage().contains("column 'f' has 1 values, expected 2"), len.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new FeatureTable(List.of("x", "x"), List.of(), List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> new FeatureTable(List.of("x"), List.of("f", "f"),
            List.of(new double[] {1}, new double[] {2})));
    assertThrows(IllegalArgumentException.class,
        () -> new FeatureTable(List.of(" "), List.of(), List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> new FeatureTable(List.of("x"), List.of("f"), List.of()));
    IllegalArgumentException inf = assertThrows(IllegalArgumentException.class,
        () -> new FeatureTable(List.of("x"), List.of("f"),
            List.of(new double[] {Double.POSITIVE_INFINITY})));
    assertTrue(inf.getMessage().contains("row 'x'"), inf.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> table().column("zzz"));
    assertTrue(missing.getMessage().contains("[b, a]"), missing.getMessage());
  }
}
