package io.alloyflow.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.image.SignalType;
import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.SpectrumImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile files: declared sizes far beyond the bytes present, or beyond the limits, fail with a
 * {@link FormatException} naming the declared size and the limit before anything large is
 * allocated (the test JVM would otherwise have to allocate gigabytes), and meaningless input (tiny
 * images, 1-channel spectra, negative calibration) is refused.
 */
class ReadLimitsTest {
  @TempDir Path tmp;

  /** A PNG whose IHDR declares w x h 8-bit gray pixels but whose IDAT holds only a few rows. */
  static byte[] lyingPng(int w, int h) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(PngCodec.SIGNATURE);
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 0)
        .put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", ihdr.array());
    Deflater d = new Deflater();
    d.setInput(new byte[4096]);
    d.finish();
    byte[] buf = new byte[8192];
    int n = d.deflate(buf);
    d.end();
    chunk(out, "IDAT", java.util.Arrays.copyOf(buf, n));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  @Test
  void pngDeclaring40000x40000IsRejectedFromItsHeader() throws IOException {
    Path f = tmp.resolve("huge.png");
    Files.write(f, lyingPng(40000, 40000));
    FormatException e = assertThrows(FormatException.class, () -> MicrographIO.read(f));
    assertTrue(e.getMessage().contains("at most 268435456 pixels (read limit), found "
        + "40000x40000 = 1600000000 pixels declared"), e.getMessage());
    FormatException p = assertThrows(FormatException.class, () -> MicrographIO.probe(f));
    assertTrue(p.getMessage().contains("1600000000 pixels declared"), p.getMessage());
    // within the pixel limit, but far more pixels than the compressed data can hold
    Path g = tmp.resolve("lying.png");
    Files.write(g, lyingPng(16000, 16000));
    FormatException l = assertThrows(FormatException.class, () -> MicrographIO.read(g));
    assertTrue(l.getMessage().contains("IDAT data of at least"), l.getMessage());
    // the header alone is fine for a probe, which never reads pixel data
    assertEquals(16000, MicrographIO.probe(g).width());
    ReadLimits small = ReadLimits.DEFAULT.withMaxPixels(1 << 20);
    assertThrows(FormatException.class, () -> MicrographIO.probe(g, small));
  }

  @Test
  void tiffDeclaringMorePixelsThanItsStripsHoldIsRejectedBeforeDecoding() throws IOException {
    byte[] tif = new TiffBuilder(ByteOrder.LITTLE_ENDIAN)
        .tag(256, 4, 16000).tag(257, 4, 16000).tag(258, 3, 8).tag(259, 3, 1).tag(262, 3, 1)
        .pixels(new byte[64]).build();
    Path f = tmp.resolve("lying.tif");
    Files.write(f, tif);
    FormatException e = assertThrows(FormatException.class, () -> MicrographIO.read(f));
    assertTrue(e.getMessage().contains("strip 0 of"), e.getMessage());
    ImageHeader h = MicrographIO.probe(f);
    assertEquals(16000, h.height());
    assertEquals("tiff", h.format());
    byte[] bomb = new TiffBuilder(ByteOrder.LITTLE_ENDIAN)
        .tag(256, 4, 15000).tag(257, 4, 15000).tag(258, 3, 8).tag(259, 3, 8).tag(262, 3, 1)
        .pixels(new byte[64]).build();
    Files.write(f, bomb);
    FormatException z = assertThrows(FormatException.class, () -> MicrographIO.read(f));
    assertTrue(z.getMessage().contains("compression 8 expands at most 1032x"), z.getMessage());
  }

  @Test
  void probeReadsHeaderAndPixelSizeWithoutPixels() throws IOException {
    Micrograph m = new Micrograph(64, 48, new float[64 * 48], 16, 2.5e-8, SignalType.BSE);
    Path t = tmp.resolve("m.tif");
    MicrographIO.writeTiff(m, t);
    ImageHeader h = MicrographIO.probe(t);
    assertEquals(new ImageHeader("tiff", 64, 48, 1, 16, false, 2.5e-8, SignalType.BSE), h);
    Path p = tmp.resolve("m.png");
    MicrographIO.writePng(m, p);
    ImageHeader hp = MicrographIO.probe(Files.readAllBytes(p));
    assertEquals(new ImageHeader("png", 64, 48, 1, 16, false, 2.5e-8, SignalType.BSE), hp);
    assertThrows(FormatException.class,
        () -> MicrographIO.probe("db_password=x".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void tinyImagesAndBadCalibrationAreRefusedForUserInput() throws IOException {
    Micrograph one = new Micrograph(1, 1, new float[] {7}, 8, Double.NaN, SignalType.OTHER);
    Path t = tmp.resolve("one.tif");
    MicrographIO.writeTiff(one, t);
    FormatException e = assertThrows(FormatException.class,
        () -> MicrographIO.read(t, Double.NaN, ReadLimits.DEFAULT));
    assertTrue(e.getMessage().contains("a micrograph of at least 8x8 pixels, found 1x1"),
        e.getMessage());
    assertThrows(FormatException.class, () -> MicrographIO.probe(t));
    Micrograph ok = new Micrograph(8, 8, new float[64], 8, 1e-7, SignalType.OTHER);
    Path g = tmp.resolve("ok.tif");
    MicrographIO.writeTiff(ok, g);
    IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
        () -> MicrographIO.read(g, -1e-6, ReadLimits.DEFAULT));
    assertTrue(neg.getMessage().contains("found -1.0E-6"), neg.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MicrographIO.read(g, Double.POSITIVE_INFINITY));
    assertEquals(1e-7, MicrographIO.read(g, Double.NaN, ReadLimits.DEFAULT).pixelSizeM(), 1e-20);
  }

  @Test
  void fileSizeIsCheckedBeforeReadingAndDirectoriesAreNotFiles() throws IOException {
    Micrograph ok = new Micrograph(8, 8, new float[64], 8, 1e-7, SignalType.OTHER);
    Path g = tmp.resolve("ok.tif");
    MicrographIO.writeTiff(ok, g);
    ReadLimits tiny = ReadLimits.DEFAULT.withMaxBytes(100);
    FormatException e = assertThrows(FormatException.class,
        () -> MicrographIO.read(g, Double.NaN, tiny));
    assertTrue(e.getMessage().contains("file size: expected at most 100 bytes (read limit)"),
        e.getMessage());
    FormatException d = assertThrows(FormatException.class, () -> MicrographIO.read(tmp));
    assertTrue(d.getMessage().contains("expected a regular file, found a directory"),
        d.getMessage());
    assertThrows(FormatException.class, () -> EmsaIO.read(tmp));
  }

  @Test
  void rplCubeLimitsAndDataFileEscapes() throws IOException {
    Path rpl = tmp.resolve("c.rpl");
    String header = "width\t100000\nheight\t100000\ndepth\t2048\ndata-length\t2\n"
        + "data-type\tunsigned\nbyte-order\tlittle-endian\nrecord-by\tvector\nev-per-chan\t10\n";
    Files.writeString(rpl, header);
    Files.write(tmp.resolve("c.raw"), new byte[16]);
    FormatException e = assertThrows(FormatException.class, () -> RplIO.read(rpl));
    assertTrue(e.getMessage().contains("pixels (read limit), found 100000x100000 pixels declared"),
        e.getMessage());
    Files.writeString(rpl, header.replace("100000", "4").replace("2048", "1"));
    FormatException one = assertThrows(FormatException.class, () -> RplIO.read(rpl));
    assertTrue(one.getMessage().contains("found 1 channels declared"), one.getMessage());
    Files.delete(tmp.resolve("c.raw"));
    Path secret = tmp.resolve("outside").resolve("secret.bin");
    Files.createDirectories(secret.getParent());
    Files.write(secret, new byte[1 << 12]);
    Files.writeString(rpl, header.replace("100000", "4").replace("2048", "4")
        + "data-file\t../outside/secret.bin\n");
    FormatException esc = assertThrows(FormatException.class, () -> RplIO.read(rpl));
    assertTrue(esc.getMessage().contains("a file name beside the header"), esc.getMessage());
    Files.writeString(rpl, header.replace("100000", "4").replace("2048", "4")
        + "data-file\t" + secret + "\n");
    assertThrows(FormatException.class, () -> RplIO.read(rpl));
  }

  @Test
  void arrowDimensionsAreCheckedAgainstLimitsAndBatchesBeforeAllocation() throws IOException {
    SpectrumImage si = new SpectrumImage(2, 2, 4, new float[16], new EnergyAxis(0, 10), 1e-6,
        20, 0.01);
    byte[] good = ArrowIO.toArrow(si);
    assertEquals(16, ArrowIO.spectrumImageFromArrow(good).data().length);
    ReadLimits few = ReadLimits.DEFAULT.withMaxChannels(3);
    FormatException ch = assertThrows(FormatException.class,
        () -> ArrowIO.spectrumImageFromArrow(good, few));
    assertTrue(ch.getMessage().contains("2..3 channels per spectrum (read limit), found 4"),
        ch.getMessage());
    // a micrograph whose metadata claims 16384 x 16384 pixels over 64 stored values
    Micrograph m = new Micrograph(8, 8, new float[64], 8, 1e-7, SignalType.OTHER);
    byte[] a = ArrowIO.toArrow(m);
    byte[] lie = replaceAscii(a, "\u0001\u0000\u0000\u00008", "\u0001\u0000\u0000\u00009");
    FormatException l = assertThrows(FormatException.class,
        () -> ArrowIO.micrographFromArrow(lie));
    assertFalse(l.getMessage().isEmpty());
    FormatException big = assertThrows(FormatException.class,
        () -> ArrowIO.micrographFromArrow(a, ReadLimits.DEFAULT.withMaxPixels(10)));
    assertTrue(big.getMessage().contains("at most 10 pixels"), big.getMessage());
  }

  private static byte[] replaceAscii(byte[] b, String from, String to) {
    String s = new String(b, StandardCharsets.ISO_8859_1);
    return s.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void limitsValidateThemselves() {
    assertThrows(IllegalArgumentException.class, () -> new ReadLimits(0, 10, 10));
    assertThrows(IllegalArgumentException.class, () -> new ReadLimits(10, 1, 10));
    assertThrows(IllegalArgumentException.class, () -> new ReadLimits(10, 10, 0));
    assertEquals(1L << 28, ReadLimits.DEFAULT.maxPixels());
  }
}
