package io.alloyflow.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.image.SignalType;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MicrographIOTest {
  @TempDir Path tmp;

  private static Micrograph random(int w, int h, int bits, double px, SignalType s, long seed) {
    Random r = new Random(seed);
    float[] p = new float[w * h];
    for (int i = 0; i < p.length; i++) {
      p[i] = bits == 8 ? r.nextInt(256) : bits == 16 ? r.nextInt(65536) : (float) r.nextGaussian();
    }
    return new Micrograph(w, h, p, bits, px, s);
  }

  @ParameterizedTest
  @ValueSource(ints = {8, 16, 32})
  void tiffRoundTripKeepsPixelsPixelSizeAndSignal(int bits) throws IOException {
    Micrograph m = random(37, 23, bits, 12.5e-9, SignalType.BSE, bits);
    Path f = tmp.resolve("m" + bits + ".tif");
    MicrographIO.writeTiff(m, f);
    Micrograph back = MicrographIO.read(f);
    assertEquals(37, back.width());
    assertEquals(23, back.height());
    assertEquals(bits, back.bitDepth());
    assertArrayEquals(m.pixels(), back.pixels());
    assertEquals(12.5e-9, back.pixelSizeM(), 0);
    assertEquals(SignalType.BSE, back.signal());
    if (bits != 32) {
      // independent decoder: the JDK's TIFF plugin reads the same samples
      BufferedImage img = ImageIO.read(f.toFile());
      Raster r = img.getRaster();
      for (int y = 0; y < 23; y++) {
        for (int x = 0; x < 37; x++) {
          assertEquals(m.at(x, y), r.getSample(x, y, 0), 0);
        }
      }
    }
  }

  @Test
  void tiffResolutionTagsAloneGiveThePixelSize() throws IOException {
    Micrograph m = random(8, 4, 16, 0.37e-6, SignalType.SE, 1);
    Path f = tmp.resolve("res.tif");
    MicrographIO.writeTiff(m, f);
    byte[] b = Files.readAllBytes(f);
    // blank the alloyflow description: the reader must fall back to XResolution (px/cm)
    String s = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = s.indexOf("alloyflow");
    Arrays.fill(b, at, at + 9, (byte) 'x');
    Files.write(f, b);
    Micrograph back = MicrographIO.read(f, 5e-6);
    assertEquals(0.37e-6, back.pixelSizeM(), 1e-15);
    assertEquals(SignalType.OTHER, back.signal());
  }

  @Test
  void pngRoundTrip8And16BitAndUnknownPixelSize() throws IOException {
    for (int bits : new int[] {8, 16}) {
      Micrograph m = random(31, 17, bits, Double.NaN, SignalType.INLENS, bits);
      Path f = tmp.resolve("m" + bits + ".png");
      MicrographIO.writePng(m, f);
      Micrograph back = MicrographIO.read(f);
      assertArrayEquals(m.pixels(), back.pixels());
      assertEquals(bits, back.bitDepth());
      assertTrue(Double.isNaN(back.pixelSizeM()));
      assertEquals(SignalType.INLENS, back.signal());
      assertEquals(2.5e-6, MicrographIO.read(f, 2.5e-6).pixelSizeM(), 0);
      BufferedImage img = ImageIO.read(f.toFile());
      assertEquals(m.at(30, 16), img.getRaster().getSample(30, 16, 0), 0);
    }
    Micrograph withPx = random(5, 5, 8, 3.3e-9, SignalType.SE, 3);
    Path f = tmp.resolve("px.png");
    MicrographIO.writePng(withPx, f);
    assertEquals(3.3e-9, MicrographIO.read(f, 1.0).pixelSizeM(), 0);
  }

  @Test
  void writersRejectValuesOutsideTheBitDepth() {
    Micrograph m = new Micrograph(2, 1, new float[] {0, 256}, 8, Double.NaN, SignalType.OTHER);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MicrographIO.writeTiff(m, tmp.resolve("x.tif")));
    assertTrue(e.getMessage().contains("pixel (1, 0) = 256.0"), e.getMessage());
    Micrograph f = random(2, 2, 32, Double.NaN, SignalType.OTHER, 1);
    assertThrows(IllegalArgumentException.class, () -> MicrographIO.writePng(f, tmp.resolve("f.png")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"little", "big"})
  void handMadeTiffBothByteOrdersWithVendorMetadata(String endian) throws IOException {
    ByteOrder order = endian.equals("little") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    TiffBuilder t = new TiffBuilder(order);
    byte[] px = t.shorts(0, 1, 2, 300, 65535, 7);
    t.tag(256, 3, 3).tag(257, 3, 2).tag(258, 3, 16).tag(262, 3, 1).tag(277, 3, 1)
        .tag(278, 3, 2).pixels(px)
        .text(34682, 2, "[User]\r\nDate=01/01/2020\r\n[Scan]\r\nInternalScan=1\r\n"
            + "PixelWidth=1.5625e-008\r\nPixelHeight=1.5625e-008\r\n"
            + "[Detectors]\r\nNumber=1\r\nName=CBS\r\nMode=A+B\r\n")
        .rational(282, 300, 1).tag(296, 3, 2);
    Path f = tmp.resolve(endian + ".tif");
    Files.write(f, t.build());
    Micrograph m = MicrographIO.read(f);
    assertArrayEquals(new float[] {0, 1, 2, 300, 65535, 7}, m.pixels());
    assertEquals(16, m.bitDepth());
    assertEquals(1.5625e-8, m.pixelSizeM(), 0);
    assertEquals(SignalType.BSE, m.signal());
  }

  @Test
  void feiBlockAnywhereInTheFileIsFound() throws IOException {
    // FEI/Thermo metadata appended as plain ASCII after the image data (no tag 34682)
    Micrograph m = random(6, 5, 8, Double.NaN, SignalType.OTHER, 4);
    for (String ext : new String[] {"tif", "png"}) {
      Path f = tmp.resolve("fei." + ext);
      if (ext.equals("tif")) {
        MicrographIO.writeTiff(m, f);
      } else {
        MicrographIO.writePng(m, f);
      }
      byte[] b = Files.readAllBytes(f);
      if (ext.equals("tif")) {
        String s = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = s.indexOf("alloyflow");
        Arrays.fill(b, at, at + 9, (byte) 'x'); // hide our own description
      }
      byte[] fei = ("\0[User]\r\nUser=x\r\n[Beam]\r\nHV=15000\r\n[Scan]\r\n"
          + "PixelWidth=2.5e-009\r\n[Detectors]\r\nName=ETD\r\nMode=SE\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      byte[] all = Arrays.copyOf(b, b.length + fei.length);
      System.arraycopy(fei, 0, all, b.length, fei.length);
      if (ext.equals("png")) {
        // a PNG must end with IEND: put the text in a private ancillary chunk instead
        all = insertChunkBeforeIend(b, "feIm", fei);
      }
      Files.write(f, all);
      Micrograph back = MicrographIO.read(f, 1e-3);
      assertEquals(2.5e-9, back.pixelSizeM(), 0, ext);
      assertEquals(SignalType.SE, back.signal(), ext);
      assertArrayEquals(m.pixels(), back.pixels());
    }
  }

  private static byte[] insertChunkBeforeIend(byte[] png, String type, byte[] data) {
    int iend = png.length - 12;
    java.nio.ByteBuffer c = java.nio.ByteBuffer.allocate(12 + data.length);
    c.putInt(data.length).put(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put(data);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(c.array(), 4, 4 + data.length);
    c.putInt((int) crc.getValue());
    byte[] out = new byte[png.length + c.capacity()];
    System.arraycopy(png, 0, out, 0, iend);
    System.arraycopy(c.array(), 0, out, iend, c.capacity());
    System.arraycopy(png, iend, out, iend + c.capacity(), 12);
    return out;
  }

  @Test
  void zeissTag34118PixelSizeAndSignal() throws IOException {
    TiffBuilder t = new TiffBuilder(ByteOrder.LITTLE_ENDIAN);
    t.tag(256, 3, 2).tag(257, 3, 1).tag(258, 3, 8).tag(262, 3, 1).pixels(new byte[] {5, 6})
        .text(34118, 1, "0\r\n0\r\nAP_WD\r\nWD = 8.5 mm\r\nAP_PIXEL_SIZE\r\nPixel Size = 12.3 nm"
            + "\r\nDP_DETECTOR_CHANNEL\r\nSignal A = QBSD\r\n");
    Path f = tmp.resolve("zeiss.tif");
    Files.write(f, t.build());
    Micrograph m = MicrographIO.read(f);
    assertEquals(12.3e-9, m.pixelSizeM(), 1e-20);
    assertEquals(SignalType.BSE, m.signal());
    for (String[] c : new String[][] {{"SE2", "SE"}, {"InLens", "INLENS"}, {"\u00b5m", "x"}}) {
      TiffBuilder z = new TiffBuilder(ByteOrder.LITTLE_ENDIAN);
      String unit = c[0].equals("\u00b5m") ? "\u00b5m" : "um";
      z.tag(256, 3, 2).tag(257, 3, 1).tag(258, 3, 8).pixels(new byte[] {5, 6})
          .text(34118, 2, "AP_PIXEL_SIZE\r\nPixel Size = 2.5 " + unit + "\r\nSignal A = " + c[0]);
      Files.write(f, z.build());
      Micrograph zm = MicrographIO.read(f);
      assertEquals(2.5e-6, zm.pixelSizeM(), 1e-18);
      if (!c[1].equals("x")) {
        assertEquals(SignalType.valueOf(c[1]), zm.signal());
      }
    }
  }

  @Test
  void resolutionUnitsAndScreenDefaults() throws IOException {
    double[][] cases = {
      {3, 10000, 1e-6}, // 10000 px/cm = 1 um
      {2, 25400, 1e-6}, // 25400 dpi = 1 um
      {2, 72, Double.NaN}, // screen default
      {2, 96, Double.NaN},
      {1, 5000, Double.NaN}, // unit none
    };
    for (double[] c : cases) {
      TiffBuilder t = new TiffBuilder(ByteOrder.BIG_ENDIAN);
      t.tag(256, 3, 1).tag(257, 3, 1).tag(258, 3, 8).pixels(new byte[] {9})
          .rational(282, (long) c[1], 1).tag(296, 3, (long) c[0]);
      Path f = tmp.resolve("r.tif");
      Files.write(f, t.build());
      Micrograph m = MicrographIO.read(f);
      if (Double.isNaN(c[2])) {
        assertTrue(Double.isNaN(m.pixelSizeM()), Arrays.toString(c));
        assertEquals(4e-6, MicrographIO.read(f, 4e-6).pixelSizeM(), 0);
      } else {
        assertEquals(c[2], m.pixelSizeM(), 1e-18, Arrays.toString(c));
      }
    }
  }

  @Test
  void whiteIsZeroAndMultipleStrips() throws IOException {
    byte[] base = new TiffBuilder(ByteOrder.BIG_ENDIAN)
        .tag(256, 3, 2).tag(257, 3, 3).tag(258, 3, 8).tag(262, 3, 0).tag(278, 3, 1)
        .stripBytes(2).pixels(new byte[] {0, 10, 20, 30, (byte) 250, (byte) 255}).build();
    Path f = tmp.resolve("w.tif");
    Files.write(f, base);
    Micrograph m = MicrographIO.read(f);
    assertArrayEquals(new float[] {255, 245, 235, 225, 5, 0}, m.pixels());
  }

  @ParameterizedTest
  @ValueSource(strings = {"LZW", "Deflate", "PackBits", "ZLib"})
  void compressedTiffsFromTheJdkWriterDecode(String compression) throws IOException {
    int w = 57;
    int h = 41;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
    Random r = new Random(7);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        // smooth + noisy content so that LZW tables fill up and codes grow past 9 bits
        img.getRaster().setSample(x, y, 0, (x * 1000 + y * 37 + r.nextInt(50)) & 0xffff);
      }
    }
    Path f = tmp.resolve(compression + ".tif");
    ImageWriter wr = ImageIO.getImageWritersByFormatName("tiff").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(f.toFile())) {
      wr.setOutput(out);
      ImageWriteParam p = wr.getDefaultWriteParam();
      p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      p.setCompressionType(compression);
      wr.write(null, new IIOImage(img, null, null), p);
    } finally {
      wr.dispose();
    }
    Micrograph m = MicrographIO.read(f);
    assertEquals(16, m.bitDepth());
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        assertEquals(img.getRaster().getSample(x, y, 0), m.at(x, y), 0, compression + " " + x + "," + y);
      }
    }
  }

  @Test
  void tiledTiffWithPartialEdgeTilesDecodes() throws IOException {
    int w = 57;
    int h = 41;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.getRaster().setSample(x, y, 0, (x * 7 + y * 13) & 0xff);
      }
    }
    Path f = tmp.resolve("tiled.tif");
    ImageWriter wr = ImageIO.getImageWritersByFormatName("tiff").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(f.toFile())) {
      wr.setOutput(out);
      ImageWriteParam p = wr.getDefaultWriteParam();
      p.setTilingMode(ImageWriteParam.MODE_EXPLICIT);
      p.setTiling(16, 16, 0, 0);
      p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      p.setCompressionType("LZW");
      wr.write(null, new IIOImage(img, null, null), p);
    } finally {
      wr.dispose();
    }
    Micrograph m = MicrographIO.read(f);
    assertEquals(8, m.bitDepth());
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        assertEquals(img.getRaster().getSample(x, y, 0), m.at(x, y), 0, x + "," + y);
      }
    }
  }

  @Test
  void grayPalettePngReadsAsGray() throws IOException {
    byte[] ramp = new byte[256];
    for (int i = 0; i < 256; i++) {
      ramp[i] = (byte) (255 - i); // inverted gray palette: index != gray value
    }
    java.awt.image.IndexColorModel cm = new java.awt.image.IndexColorModel(8, 256, ramp, ramp, ramp);
    BufferedImage img = new BufferedImage(4, 2, BufferedImage.TYPE_BYTE_INDEXED, cm);
    img.getRaster().setSample(1, 1, 0, 10);
    Path f = tmp.resolve("pal.png");
    assertTrue(ImageIO.write(img, "png", f.toFile()));
    Micrograph m = MicrographIO.read(f);
    assertEquals(245, m.at(1, 1), 0);
    assertEquals(255, m.at(0, 0), 0);
  }

  @Test
  void rgbTiffNeedsReadLuminance() throws IOException {
    BufferedImage img = new BufferedImage(4, 3, BufferedImage.TYPE_3BYTE_BGR);
    img.setRGB(1, 2, 0x102030);
    img.setRGB(3, 0, 0xff0000);
    Path f = tmp.resolve("rgb.tif");
    assertTrue(ImageIO.write(img, "tiff", f.toFile()));
    FormatException e = assertThrows(FormatException.class, () -> MicrographIO.read(f));
    assertTrue(e.getMessage().contains(
        "expected a single-channel (grayscale) image, found 3 channels"), e.getMessage());
    Micrograph m = MicrographIO.readLuminance(f);
    assertEquals(0.299 * 0x10 + 0.587 * 0x20 + 0.114 * 0x30, m.at(1, 2), 1e-4);
    assertEquals(0.299 * 255, m.at(3, 0), 1e-4);
    RasterImage raw = MicrographIO.readRaster(f);
    assertEquals(3, raw.channels());
    assertEquals(255, raw.at(3, 0, 0), 0);
    assertEquals(0, raw.at(3, 0, 1), 0);
  }

  @Test
  void rgbPngIsRejectedByReadAndAcceptedByReadLuminance() throws IOException {
    BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_ARGB);
    img.setRGB(2, 1, 0x800000ff);
    Path f = tmp.resolve("rgba.png");
    assertTrue(ImageIO.write(img, "png", f.toFile()));
    FormatException e = assertThrows(FormatException.class, () -> MicrographIO.read(f));
    assertTrue(e.getMessage().contains("found 4 channels"), e.getMessage());
    assertEquals(0.114 * 255, MicrographIO.readLuminance(f).at(2, 1), 1e-4);
  }

  // ------------------------------------------------------------------ corrupt inputs

  private FormatException corrupt(String name, byte[] bytes) throws IOException {
    Path f = tmp.resolve(name);
    Files.write(f, bytes);
    FormatException e = assertThrows(FormatException.class, () -> MicrographIO.read(f));
    assertTrue(e.getMessage().startsWith(f + ": byte offset "), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(e.getMessage().contains(": expected "), e.getMessage());
    return e;
  }

  @Test
  void corruptTiffsNameTheByteOffset() throws IOException {
    Micrograph m = random(64, 64, 16, 1e-8, SignalType.BSE, 5);
    Path good = tmp.resolve("good.tif");
    MicrographIO.writeTiff(m, good);
    byte[] b = Files.readAllBytes(good);
    FormatException trunc = corrupt("trunc.tif", Arrays.copyOf(b, b.length / 2));
    assertTrue(trunc.getMessage().contains("strip 0"), trunc.getMessage());
    assertTrue(trunc.getMessage().contains("the file ends at byte " + b.length / 2),
        trunc.getMessage());
    FormatException header = corrupt("short.tif", Arrays.copyOf(b, 5));
    assertTrue(header.getMessage().contains("byte offset 0: expected an 8-byte TIFF header"),
        header.getMessage());
    byte[] magic = b.clone();
    magic[2] = 43;
    assertTrue(corrupt("big.tif", magic).getMessage().contains("byte offset 2"));
    byte[] ifd = b.clone();
    ifd[4] = (byte) 0xf0;
    ifd[5] = (byte) 0xff;
    ifd[6] = (byte) 0xff;
    assertTrue(corrupt("ifd.tif", ifd).getMessage().contains("the file ends at byte"));
    // IFD cut off in the middle of its entries
    FormatException cut = corrupt("cut.tif", Arrays.copyOf(b, 40));
    assertTrue(cut.getMessage().contains("byte offset 10: expected"), cut.getMessage());
    // zero width: entry 0 holds tag 256; its value lives at entry offset + 8 = 18
    byte[] zero = b.clone();
    zero[18] = 0;
    zero[19] = 0;
    FormatException z = corrupt("zero.tif", zero);
    assertTrue(z.getMessage().contains("byte offset 10: expected a positive image size"),
        z.getMessage());
    byte[] notImage = "hello world".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertTrue(corrupt("text.tif", notImage).getMessage().contains("byte offset 0"));
    corrupt("empty.tif", new byte[0]);
    // strip offset beyond the end
    TiffBuilder t = new TiffBuilder(ByteOrder.LITTLE_ENDIAN);
    t.tag(256, 3, 4).tag(257, 3, 4).tag(258, 3, 8).tag(273, 4, 100000).tag(279, 4, 16);
    FormatException off = corrupt("off.tif", t.build());
    assertTrue(off.getMessage().contains("byte offset 100000"), off.getMessage());
    TiffBuilder bits = new TiffBuilder(ByteOrder.LITTLE_ENDIAN);
    bits.tag(256, 3, 8).tag(257, 3, 1).tag(258, 3, 1).pixels(new byte[] {1});
    assertTrue(corrupt("bits.tif", bits.build()).getMessage().contains("8, 16 or 32 bits"));
  }

  @Test
  void corruptPngsNameTheByteOffset() throws IOException {
    Micrograph m = random(40, 30, 8, Double.NaN, SignalType.OTHER, 9);
    Path good = tmp.resolve("good.png");
    MicrographIO.writePng(m, good);
    byte[] b = Files.readAllBytes(good);
    FormatException trunc = corrupt("trunc.png", Arrays.copyOf(b, b.length - 20));
    assertTrue(trunc.getMessage().contains("inside the file"), trunc.getMessage());
    byte[] crc = b.clone();
    crc[20] ^= 1; // inside IHDR data
    FormatException c = corrupt("crc.png", crc);
    assertTrue(c.getMessage().contains("byte offset 29: expected CRC"), c.getMessage());
    byte[] sig = b.clone();
    sig[1] = 'Q';
    corrupt("sig.png", sig);
  }

  // ------------------------------------------------------------------ real files

  @Test
  void p45TiffsRead() throws IOException {
    Path dir = TestData.resolve("eds/spectrum-images/P45-dacite");
    Assumptions.assumeTrue(Files.isDirectory(dir), "shared data absent: " + dir);
    for (String n : new String[] {"P45_12bit_packed_8bit_image0.tif",
        "P45_12bit_packed_8bit_image1.tif"}) {
      Path f = dir.resolve(n);
      Micrograph m = MicrographIO.read(f);
      assertEquals(100, m.width());
      assertEquals(75, m.height());
      assertEquals(16, m.bitDepth());
      // the files carry XResolution 1/1 with ResolutionUnit none: no physical pixel size
      assertTrue(Double.isNaN(m.pixelSizeM()));
      assertEquals(8.74e-6, MicrographIO.read(f, 8.74e-6).pixelSizeM(), 0);
      Raster ref = ImageIO.read(f.toFile()).getRaster();
      double sum = 0;
      for (int y = 0; y < 75; y++) {
        for (int x = 0; x < 100; x++) {
          assertEquals(ref.getSample(x, y, 0), m.at(x, y), 0);
          sum += m.at(x, y);
        }
      }
      assertTrue(sum > 0);
    }
  }

  @Test
  void realRgbAndPngMicrographsRead() throws IOException {
    Path rgb = TestData.resolve("segmentation/nasa-super/Super1/test/spot2_0d_0.tif");
    Path png = TestData.resolve("segmentation/ampis-powder/images");
    Assumptions.assumeTrue(Files.exists(rgb) && Files.isDirectory(png), "shared data absent");
    FormatException e = assertThrows(FormatException.class, () -> MicrographIO.read(rgb));
    assertTrue(e.getMessage().contains("found 3 channels"), e.getMessage());
    Micrograph l = MicrographIO.readLuminance(rgb);
    assertEquals(512, l.width());
    Raster ref = ImageIO.read(rgb.toFile()).getRaster();
    int[] p = ref.getPixel(100, 200, new int[3]);
    assertEquals(0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2], l.at(100, 200), 1e-3);
    Path first;
    try (var s = Files.list(png)) {
      first = s.filter(x -> x.toString().endsWith(".png")).sorted().findFirst().orElseThrow();
    }
    Micrograph g = MicrographIO.read(first);
    assertEquals(1536, g.width());
    assertEquals(1024, g.height());
    assertEquals(8, g.bitDepth());
    Raster gr = ImageIO.read(first.toFile()).getRaster();
    assertEquals(gr.getSample(700, 500, 0), g.at(700, 500), 0);
  }

  static byte[] toBytes(BufferedImage img, String fmt) throws IOException {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ImageIO.write(img, fmt, o);
    return o.toByteArray();
  }
}
