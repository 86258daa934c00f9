package io.alloyflow.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.image.SignalType;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelMapIOTest {
  @TempDir Path tmp;

  @Test
  void grayPngRoundTrip8And16Bit() throws IOException {
    for (int max : new int[] {3, 255, 256, 65535}) {
      int[] l = new int[20 * 10];
      for (int i = 0; i < l.length; i++) {
        l[i] = (i * 31) % (max + 1);
      }
      l[l.length - 1] = max;
      LabelMap m = new LabelMap(20, 10, l, List.of("a", "b", "c", "d"), 2e-7);
      Path f = tmp.resolve("l" + max + ".png");
      LabelMapIO.writePng(m, f);
      BufferedImage img = ImageIO.read(f.toFile());
      assertEquals(max < 256 ? 8 : 16, img.getColorModel().getPixelSize());
      LabelMap back = LabelMapIO.readPng(f, m.classNames());
      assertArrayEquals(l, back.labels());
      assertEquals(2e-7, back.pixelSizeM(), 0);
      assertEquals(m.classNames(), back.classNames());
    }
    LabelMap big = new LabelMap(1, 1, new int[] {70000}, List.of("bg", "grain"), Double.NaN);
    assertThrows(IllegalArgumentException.class,
        () -> LabelMapIO.writePng(big, tmp.resolve("big.png")));
  }

  @Test
  void colourPngUsesTheFixedDistinctPalette() throws IOException {
    LabelMap m = new LabelMap(3, 1, new int[] {0, 1, 2}, List.of("a", "b", "c"), Double.NaN);
    Path f = tmp.resolve("c.png");
    LabelMapIO.writeColorPng(m, f);
    BufferedImage img = ImageIO.read(f.toFile());
    for (int x = 0; x < 3; x++) {
      assertEquals(LabelMapIO.color(x), img.getRGB(x, 0) & 0xFFFFFF);
    }
    Set<Integer> colours = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      colours.add(LabelMapIO.color(i));
    }
    assertTrue(colours.size() > 190, "distinct colours: " + colours.size());
  }

  @Test
  void overlayTintsPhasesAndDrawsInstanceBoundaries() throws IOException {
    float[] px = new float[10 * 10];
    for (int i = 0; i < px.length; i++) {
      px[i] = i % 10 * 20;
    }
    Micrograph mg = new Micrograph(10, 10, px, 8, 1e-6, SignalType.BSE);
    int[] phases = new int[100];
    for (int i = 50; i < 100; i++) {
      phases[i] = 1;
    }
    LabelMap phase = new LabelMap(10, 10, phases, List.of("matrix", "precipitate"), 1e-6);
    assertFalse(LabelMapIO.isInstanceMap(phase));
    BufferedImage o = LabelMapIO.overlay(mg, phase, 0.5);
    int c0 = LabelMapIO.color(0);
    int rgb = o.getRGB(0, 0) & 0xFFFFFF;
    // gray 0 (after stretch) blended half with the class colour
    assertEquals(Math.round(0.5 * (c0 >> 16 & 0xff)), rgb >> 16 & 0xff, 1);
    assertNotEquals(o.getRGB(5, 2), o.getRGB(5, 7));
    int[] inst = new int[100];
    for (int y = 2; y < 6; y++) {
      for (int x = 2; x < 6; x++) {
        inst[y * 10 + x] = 1;
      }
    }
    LabelMap particles = new LabelMap(10, 10, inst, List.of("background", "particle"), 1e-6);
    inst[0] = 0;
    LabelMap two = new LabelMap(10, 10, withSecond(inst), List.of("background", "particle"), 1e-6);
    assertTrue(LabelMapIO.isInstanceMap(two));
    BufferedImage oi = LabelMapIO.overlay(mg, two, 0.4);
    assertEquals(LabelMapIO.BOUNDARY_RGB, oi.getRGB(2, 2) & 0xFFFFFF);
    int bg = oi.getRGB(0, 9) & 0xFFFFFF;
    assertEquals(bg >> 16 & 0xff, bg & 0xff); // untinted gray background
    assertNotEquals(LabelMapIO.BOUNDARY_RGB, oi.getRGB(3, 3) & 0xFFFFFF);
    Path f = tmp.resolve("overlay.png");
    LabelMapIO.writeOverlayPng(mg, particles, f);
    assertEquals(10, ImageIO.read(f.toFile()).getWidth());
    assertTrue(Files.size(f) > 0);
    LabelMap wrong = new LabelMap(5, 5, new int[25], List.of("a"), 1e-6);
    assertThrows(IllegalArgumentException.class, () -> LabelMapIO.overlay(mg, wrong, 0.4));
  }

  private static int[] withSecond(int[] l) {
    int[] c = l.clone();
    c[8 * 10 + 8] = 2;
    return c;
  }
}
