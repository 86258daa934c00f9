package io.alloyflow.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.core.spectrum.SpectrumImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RplIOTest {
  @TempDir Path tmp;

  private static final int W = 5;
  private static final int H = 3;
  private static final int D = 7;

  /** Expected value at pixel p, channel c: varied signs/magnitudes per data type. */
  private static double expected(int p, int c, String type, int len) {
    double v = p * 11 + c * 3;
    if (type.equals("signed")) {
      v = v - 60;
    }
    if (type.equals("float")) {
      v = v * 0.5 - 7.25;
    }
    if (len >= 2 && !type.equals("float")) {
      v = v * 97;
    }
    return v;
  }

  private static void put(ByteBuffer b, double v, String type, int len) {
    if (type.equals("float")) {
      if (len == 4) {
        b.putFloat((float) v);
      } else {
        b.putDouble(v);
      }
      return;
    }
    long l = (long) v;
    switch (len) {
      case 1 -> b.put((byte) l);
      case 2 -> b.putShort((short) l);
      case 4 -> b.putInt((int) l);
      default -> b.putLong(l);
    }
  }

  private Path handMade(String type, int len, String order, String recordBy, boolean gz,
      int offset) throws IOException {
    ByteOrder bo = order.equals("big-endian") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    ByteBuffer b = ByteBuffer.allocate(offset + W * H * D * len).order(bo);
    b.position(offset);
    if (recordBy.equals("vector")) {
      for (int p = 0; p < W * H; p++) {
        for (int c = 0; c < D; c++) {
          put(b, expected(p, c, type, len), type, len);
        }
      }
    } else {
      for (int c = 0; c < D; c++) {
        for (int p = 0; p < W * H; p++) {
          put(b, expected(p, c, type, len), type, len);
        }
      }
    }
    String name = type + len + order + recordBy + gz;
    Path rpl = tmp.resolve(name + ".rpl");
    String header = ";test file \u00b5\n"
        + "key\tvalue\n"
        + "Width  " + W + "\n"
        + "height\t" + H + "\n"
        + "depth\t" + D + "\n"
        + "offset\t" + offset + "\n"
        + "data-length\t" + len + "\n"
        + "data-type\t" + type + "\n"
        + "byte-order\t" + order + "\n"
        + "record-by\t" + recordBy + "\n"
        + "ev-per-chan\t10.5\n"
        + "ev-offset\t-100\n"
        + "width-scale\t2.5\n"
        + "width-units\t\u00b5m\n"
        + "beam-energy\t15\n";
    Files.write(rpl, header.getBytes(StandardCharsets.ISO_8859_1));
    if (gz) {
      try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(
          tmp.resolve(name + ".raw.gz")))) {
        o.write(b.array());
      }
    } else {
      Files.write(tmp.resolve(name + ".raw"), b.array());
    }
    return rpl;
  }

  @ParameterizedTest
  @CsvSource({
    "unsigned,1,little-endian,vector,false",
    "unsigned,2,big-endian,vector,false",
    "unsigned,2,little-endian,image,true",
    "unsigned,4,big-endian,image,false",
    "unsigned,8,little-endian,vector,true",
    "signed,1,dont-care,image,false",
    "signed,2,big-endian,image,false",
    "signed,4,little-endian,vector,false",
    "signed,8,big-endian,vector,true",
    "float,4,big-endian,vector,false",
    "float,4,little-endian,image,true",
    "float,8,big-endian,image,false",
  })
  void readsEveryDataTypeByteOrderAndRecordBy(
      String type, int len, String order, String recordBy, boolean gz) throws IOException {
    Path rpl = handMade(type, len, order, recordBy, gz, 16);
    SpectrumImage si = RplIO.read(rpl);
    assertEquals(W, si.width());
    assertEquals(H, si.height());
    assertEquals(D, si.channels());
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        for (int c = 0; c < D; c++) {
          assertEquals(expected(y * W + x, c, type, len), si.at(x, y, c), 1e-6,
              rpl.getFileName() + " (" + x + "," + y + "," + c + ")");
        }
      }
    }
    assertEquals(new EnergyAxis(-100, 10.5), si.axis());
    assertEquals(2.5e-6, si.pixelSizeM(), 1e-18);
    assertEquals(15, si.beamEnergyKeV(), 0);
  }

  private static SpectrumImage cube(float scale, float shift, long seed) {
    Random r = new Random(seed);
    float[] d = new float[4 * 6 * 9];
    for (int i = 0; i < d.length; i++) {
      d[i] = r.nextInt(50) * scale + shift;
    }
    return new SpectrumImage(4, 6, 9, d, new EnergyAxis(-472.397235, 10.001), 8.7368e-6, 20,
        0.012);
  }

  @Test
  void writeChoosesAnExactDataTypeAndRoundTrips() throws IOException {
    Object[][] cases = {
      {1f, 0f, "unsigned", "1"},
      {1000f, 0f, "unsigned", "2"},
      {100000f, 0f, "unsigned", "4"},
      {1f, -20f, "signed", "1"},
      {1000f, -20000f, "signed", "2"},
      {0.25f, 0f, "float", "4"},
    };
    for (boolean gz : new boolean[] {false, true}) {
      for (Object[] c : cases) {
        SpectrumImage si = cube((Float) c[0], (Float) c[1], 3);
        Path rpl = tmp.resolve("w" + c[2] + c[3] + gz + ".rpl");
        RplIO.write(si, rpl, gz);
        String header = Files.readString(rpl, StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("data-type\t" + c[2] + "\n"), header);
        assertTrue(header.contains("data-length\t" + c[3] + "\n"), header);
        assertTrue(Files.exists(tmp.resolve("w" + c[2] + c[3] + gz + (gz ? ".raw.gz" : ".raw"))));
        SpectrumImage back = RplIO.read(rpl);
        assertArrayEquals(si.data(), back.data());
        assertEquals(si.axis().offsetEv(), back.axis().offsetEv(), 1e-9);
        assertEquals(si.axis().gainEvPerChannel(), back.axis().gainEvPerChannel(), 1e-12);
        assertEquals(si.pixelSizeM(), back.pixelSizeM(), 1e-15);
        assertEquals(20, back.beamEnergyKeV(), 0);
        assertEquals(0.012, back.liveTimePerPixelS(), 0);
      }
    }
  }

  private FormatException fails(Path rpl) {
    FormatException e = assertThrows(FormatException.class, () -> RplIO.read(rpl));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    return e;
  }

  @Test
  void shortDataFileSaysExpectedAndFoundBytes() throws IOException {
    Path rpl = handMade("unsigned", 2, "little-endian", "vector", false, 0);
    Path raw = tmp.resolve("unsigned2little-endianvectorfalse.raw");
    byte[] b = Files.readAllBytes(raw);
    Files.write(raw, Arrays.copyOf(b, b.length - 10));
    FormatException e = fails(rpl);
    // checked from the file size before the cube is allocated or read
    assertTrue(e.getMessage().startsWith(raw + ": file size: expected "), e.getMessage());
    assertTrue(e.getMessage().contains("5*3*7*2 = 210 bytes"), e.getMessage());
    assertTrue(e.getMessage().endsWith("found a file of 200 bytes"), e.getMessage());
  }

  @Test
  void truncatedGzipIsAFormatException() throws IOException {
    Path rpl = handMade("float", 8, "big-endian", "vector", true, 0);
    Path gz = tmp.resolve("float8big-endianvectortrue.raw.gz");
    byte[] b = Files.readAllBytes(gz);
    Files.write(gz, Arrays.copyOf(b, b.length / 2));
    FormatException e = fails(rpl);
    assertTrue(e.getMessage().startsWith(gz + ": byte offset "), e.getMessage());
    assertTrue(e.getMessage().contains("840 bytes"), e.getMessage());
  }

  @Test
  void headerErrorsNameLineAndKey() throws IOException {
    Path rpl = handMade("unsigned", 1, "little-endian", "vector", false, 0);
    String good = Files.readString(rpl, StandardCharsets.ISO_8859_1);
    String[][] cases = {
      {"data-length\t1", "data-length\t3", "line 7: expected data-length 1, 2, 4 or 8, found a value of 1 character (content not shown)"},
      {"data-type\tunsigned", "data-type\tcomplex", "line 8: expected data-type signed"},
      {"byte-order\tlittle-endian", "byte-order\tmiddle", "line 9: expected byte-order"},
      {"record-by\tvector", "record-by\tdiagonal", "line 10: expected record-by"},
      {"depth\t7\n", "", "expected key 'depth', found no such key"},
      {"height\t3", "height\t-3", "line 4: expected height a positive whole number"},
      {"ev-per-chan\t10.5\n", "", "expected an energy axis"},
      {"data-length\t1", "data-length\t1\ndata-length\t1", "repeated from line 7"},
    };
    for (String[] c : cases) {
      Files.writeString(rpl, good.replace(c[0], c[1]), StandardCharsets.ISO_8859_1);
      FormatException e = fails(rpl);
      assertTrue(e.getMessage().startsWith(rpl + ": line "), e.getMessage());
      assertTrue(e.getMessage().contains(c[2]), c[2] + " in: " + e.getMessage());
    }
    Files.writeString(rpl, good, StandardCharsets.ISO_8859_1);
    Files.delete(tmp.resolve("unsigned1little-endianvectorfalse.raw"));
    assertTrue(fails(rpl).getMessage().contains(".raw.gz beside the header"));
  }

  @Test
  void p45SpectrumImageReadsAndMatchesTheShippedSumSpectrum() throws IOException {
    Path dir = TestData.resolve("eds/spectrum-images/P45-dacite");
    Path rpl = dir.resolve("P45_12bit_packed_8bit_SI.rpl");
    Assumptions.assumeTrue(Files.exists(rpl), "shared data absent: " + rpl);
    SpectrumImage si = RplIO.read(rpl);
    assertEquals(100, si.width());
    assertEquals(75, si.height());
    assertEquals(2048, si.channels());
    assertEquals(10.001, si.axis().gainEvPerChannel(), 1e-9);
    assertEquals(-472.397235, si.axis().offsetEv(), 1e-6);
    assertEquals(8.73678506197786e-6, si.pixelSizeM(), 1e-18); // Latin-1 "µm" unit
    assertEquals(20, si.beamEnergyKeV(), 0);
    double[] sum = si.sumSpectrum();
    Spectrum msa = EmsaIO.read(dir.resolve("P45_12bit_packed_8bit_sum.msa"));
    assertEquals(msa.channels(), sum.length);
    assertEquals(msa.axis().gainEvPerChannel(), si.axis().gainEvPerChannel(), 1e-9);
    for (int c = 0; c < sum.length; c++) {
      assertEquals(msa.counts()[c], sum[c], 1e-6, "channel " + c);
    }
    assertTrue(msa.totalCounts() > 1e5, "total " + msa.totalCounts());
  }

  static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(o)) {
      g.write(b);
    }
    return o.toByteArray();
  }
}
