package io.alloyflow.prediction.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlloyTableTest {
  @TempDir Path dir;

  @Test
  void rowsKeepTheirReasons() throws Exception {
    Path f = dir.resolve("t.csv");
    Files.writeString(f, "FORMULA,PROPERTY: HV,\"PROPERTY: Processing method\",note\n"
        + "Al1 Co1 Cr1 Fe1 Ni1,500,CAST,\"a, quoted note\"\n"
        + "Co1 Cr1 Fe1 Mn1 Ni1,,ANNEAL,no target\n"
        + "Qq1 Fe1,300,CAST,bad element\n"
        + "Fe1 Ni1,abc,CAST,bad number\n");
    AlloyTable t = AlloyTable.read(f, "PROPERTY: HV");
    assertEquals(4, t.rows().size());
    assertEquals(1, t.labelled().size());
    assertEquals("a, quoted note", t.rows().get(0).cells().get(3));
    assertTrue(t.rows().get(2).error().contains("t.csv: line 4, column FORMULA"), t.rows().get(2).error());
    assertTrue(t.rows().get(2).error().contains("'Qq'"), t.rows().get(2).error());
    assertTrue(t.rows().get(3).error().contains("line 5, column PROPERTY: HV: 'abc' is not a number"),
        t.rows().get(3).error());
    assertEquals(1, t.skipped().get("no target value"));
    assertEquals(2, t.skipped().get("unusable row"));
  }

  @Test
  void emptyAndHeaderlessFilesFailWithOneLine() throws Exception {
    Path e = dir.resolve("empty.csv");
    Files.writeString(e, "");
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> AlloyTable.read(e, null));
    assertTrue(x.getMessage().contains("empty.csv: empty file"), x.getMessage());
    Path h = dir.resolve("noformula.csv");
    Files.writeString(h, "a,b\n1,2\n");
    x = assertThrows(IllegalArgumentException.class, () -> AlloyTable.read(h, null));
    assertTrue(x.getMessage().contains("line 1: no FORMULA column"), x.getMessage());
  }

  @Test
  void foldsNeverSplitAnAlloy() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      keys.add("alloy" + (i % 37));
    }
    int[] fold = GroupedFolds.assign(keys, 5, 3);
    assertEquals(0, GroupedFolds.leakedGroups(keys, fold));
    int[] size = new int[5];
    for (int f : fold) {
      size[f]++;
    }
    for (int s : size) {
      assertTrue(s >= 30 && s <= 50, "fold sizes balanced: " + java.util.Arrays.toString(size));
    }
  }

  /** The real MPEA dev table: 460 hardness rows over 317 alloys (skips when the data is absent). */
  @Test
  void realMpeaTable() throws Exception {
    Path f = Path.of("../../../shared/data/properties/mpea_dataset_dev.csv");
    Assumptions.assumeTrue(Files.isRegularFile(f), "shared MPEA data not present at " + f.toAbsolutePath());
    AlloyTable t = AlloyTable.read(f, "PROPERTY: HV");
    assertEquals(1441, t.rows().size());
    assertEquals(460, t.labelled().size());
    var groups = new HashSet<String>();
    t.labelled().forEach(r -> groups.add(r.sample().composition().canonical()));
    assertEquals(317, groups.size());
    assertFalse(t.rows().stream().anyMatch(r -> !r.usable()), "every row parses");
  }
}
