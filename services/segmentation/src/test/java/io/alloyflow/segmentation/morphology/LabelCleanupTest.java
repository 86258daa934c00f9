package io.alloyflow.segmentation.morphology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LabelCleanupTest {

  static void fill(int[] m, int w, int x0, int y0, int x1, int y1, int v) {
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        m[y * w + x] = v;
      }
    }
  }

  @Test
  void removesSmallObjectsAndFillsSmallHolesButKeepsLargeRegions() {
    int w = 40;
    int h = 30;
    int[] m = new int[w * h];
    fill(m, w, 5, 5, 25, 25, 1); // 400 px object
    fill(m, w, 12, 12, 15, 15, 0); // 9 px hole inside it
    fill(m, w, 30, 3, 32, 5, 1); // 4 px speck
    fill(m, w, 28, 15, 38, 25, 1); // 100 px object
    int[] out = LabelCleanup.removeSmallRegions(m, w, h, 20);
    int[] expected = new int[w * h];
    fill(expected, w, 5, 5, 25, 25, 1);
    fill(expected, w, 28, 15, 38, 25, 1);
    assertArrayEquals(expected, out);
    // the input is not modified and a minimum of 1 changes nothing
    assertEquals(0, m[12 * w + 12]);
    assertArrayEquals(m, LabelCleanup.removeSmallRegions(m, w, h, 1));
  }

  @Test
  void smallRegionGoesToTheClassThatSurroundsMostOfIt() {
    int w = 30;
    int h = 20;
    int[] m = new int[w * h];
    fill(m, w, 0, 0, 15, 20, 0);
    fill(m, w, 15, 0, 30, 20, 2);
    // a 3x4 region of class 1 lying mostly inside class 2 (one column touches class 0)
    fill(m, w, 14, 8, 18, 11, 1);
    int[] out = LabelCleanup.removeSmallRegions(m, w, h, 30);
    for (int y = 8; y < 11; y++) {
      for (int x = 14; x < 18; x++) {
        assertEquals(2, out[y * w + x], "pixel " + x + "," + y);
      }
    }
    assertEquals(0, out[8 * w + 13]);
  }

  @Test
  void rejectsWrongSize() {
    assertThrows(IllegalArgumentException.class,
        () -> LabelCleanup.removeSmallRegions(new int[10], 3, 3, 5));
  }
}
