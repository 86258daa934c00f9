package io.alloyflow.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.image.Micrograph;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JPEG and BMP micrographs written by the JDK's own writers are read by {@link MicrographIO}. */
class JpegBmpTest {
  @TempDir Path tmp;

  /** A smooth gray ramp with a bright square (JPEG keeps smooth images nearly exact). */
  private static BufferedImage gray(int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v = 40 + (x * 150) / w;
        img.getRaster().setSample(x, y, 0, v);
      }
    }
    return img;
  }

  private static BufferedImage rgb(int w, int h, int r, int g, int b) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int v = (r << 16) | (g << 8) | b;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, v);
      }
    }
    return img;
  }

  private Path write(BufferedImage img, String fmt, String name) throws IOException {
    Path f = tmp.resolve(name);
    assertTrue(ImageIO.write(img, fmt, f.toFile()), "JDK writer for " + fmt);
    return f;
  }

  @Test
  void grayJpegIsReadAsOneChannelWithinJpegError() throws IOException {
    Path f = write(gray(64, 48), "jpeg", "ramp.jpg");
    ImageHeader h = MicrographIO.probe(f);
    assertEquals("jpeg", h.format());
    assertEquals(64, h.width());
    assertEquals(48, h.height());
    assertEquals(1, h.channels());
    Micrograph m = MicrographIO.read(f, 5e-9, ReadLimits.DEFAULT);
    assertEquals(64, m.width());
    assertEquals(8, m.bitDepth());
    assertEquals(5e-9, m.pixelSizeM(), 0, "JPEG carries no pixel size: the fallback applies");
    // lossy, but a smooth ramp stays within a few grey levels
    assertEquals(40 + (10 * 150) / 64, m.pixels()[20 * 64 + 10], 3.0);
    assertEquals(40 + (60 * 150) / 64, m.pixels()[20 * 64 + 60], 3.0);
  }

  @Test
  void colourJpegNeedsLuminanceAndGivesBt601Luma() throws IOException {
    Path f = write(rgb(32, 32, 200, 100, 50), "jpeg", "colour.jpg");
    assertEquals(3, MicrographIO.probe(f).channels());
    FormatException e = assertThrows(FormatException.class, () -> MicrographIO.read(f));
    assertTrue(e.getMessage().contains("single-channel"), e.getMessage());
    Micrograph m = MicrographIO.readLuminance(f);
    double luma = 0.299 * 200 + 0.587 * 100 + 0.114 * 50;
    assertEquals(luma, m.pixels()[16 * 32 + 16], 3.0);
  }

  @Test
  void bmpEightBitGrayAndRgbAreExact() throws IOException {
    BufferedImage g = gray(40, 30);
    Path f8 = write(g, "bmp", "gray.bmp");
    assertEquals("bmp", MicrographIO.probe(f8).format());
    Micrograph m = MicrographIO.read(f8);
    for (int y = 0; y < 30; y++) {
      for (int x = 0; x < 40; x++) {
        assertEquals(g.getRaster().getSample(x, y, 0), m.pixels()[y * 40 + x], 0.0);
      }
    }
    Path f24 = write(rgb(16, 16, 10, 20, 30), "bmp", "rgb.bmp");
    RasterImage r = MicrographIO.readRaster(f24);
    assertEquals(3, r.channels());
    assertEquals(10f, r.samples()[0], 0f);
    assertEquals(20f, r.samples()[1], 0f);
    assertEquals(30f, r.samples()[2], 0f);
  }

  @Test
  void declaredSizeIsCheckedBeforeDecoding() throws IOException {
    Path f = write(gray(64, 48), "jpeg", "big.jpg");
    FormatException e = assertThrows(FormatException.class,
        () -> MicrographIO.read(f, Double.NaN, ReadLimits.DEFAULT.withMaxPixels(1000)));
    assertTrue(e.getMessage().contains("read limit"), e.getMessage());
  }

  @Test
  void truncatedJpegIsAFormatErrorNamingTheFile() throws IOException {
    Path f = write(gray(64, 48), "jpeg", "cut.jpg");
    byte[] b = Files.readAllBytes(f);
    Path cut = tmp.resolve("cut2.jpg");
    Files.write(cut, Arrays.copyOf(b, 40));
    FormatException e = assertThrows(FormatException.class, () -> MicrographIO.read(cut));
    assertTrue(e.getMessage().contains("cut2.jpg"), e.getMessage());
  }

  @Test
  void unknownBytesNameTheAcceptedFormats() throws IOException {
    Path f = tmp.resolve("x.gif");
    Files.write(f, "GIF89a-not-supported".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    FormatException e = assertThrows(FormatException.class, () -> MicrographIO.read(f));
    assertTrue(e.getMessage().contains("JPEG") && e.getMessage().contains("BMP"), e.getMessage());
  }
}
