package io.alloyflow.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.image.SignalType;
import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.core.table.FeatureTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ArrowIOTest {

  @Test
  void micrographRoundTrip() throws IOException {
    Random r = new Random(1);
    float[] p = new float[33 * 21];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) r.nextGaussian();
    }
    Micrograph m = new Micrograph(33, 21, p, 32, 4.2e-9, SignalType.INLENS);
    byte[] bytes = ArrowIO.toArrow(m);
    assertEquals("ARROW1", new String(bytes, 0, 6, java.nio.charset.StandardCharsets.US_ASCII));
    Micrograph back = ArrowIO.micrographFromArrow(bytes);
    assertArrayEquals(p, back.pixels());
    assertEquals(33, back.width());
    assertEquals(32, back.bitDepth());
    assertEquals(4.2e-9, back.pixelSizeM(), 0);
    assertEquals(SignalType.INLENS, back.signal());
    // deterministic: equal values give equal bytes (content-addressed keys)
    assertArrayEquals(bytes, ArrowIO.toArrow(back));
    Micrograph nan = new Micrograph(2, 1, new float[] {1, 2}, 8, Double.NaN, SignalType.OTHER);
    assertTrue(Double.isNaN(ArrowIO.micrographFromArrow(ArrowIO.toArrow(nan)).pixelSizeM()));
  }

  @Test
  void labelMapRoundTrip() throws IOException {
    int[] l = new int[40 * 30];
    for (int i = 0; i < l.length; i++) {
      l[i] = (i * 7) % 5 == 0 ? 70000 : i % 3;
    }
    LabelMap m = new LabelMap(40, 30, l, List.of("matrix", "γ' \"precipitate\"", "pore"), 1e-8);
    LabelMap back = ArrowIO.labelMapFromArrow(ArrowIO.toArrow(m));
    assertArrayEquals(l, back.labels());
    assertEquals(m.classNames(), back.classNames());
    assertEquals(1e-8, back.pixelSizeM(), 0);
  }

  @Test
  void spectrumImageRoundTrip() throws IOException {
    Random r = new Random(2);
    float[] d = new float[6 * 4 * 50];
    for (int i = 0; i < d.length; i++) {
      d[i] = r.nextInt(30);
    }
    SpectrumImage si = new SpectrumImage(6, 4, 50, d, new EnergyAxis(-472.397235, 10.001),
        8.7e-6, 20, Double.NaN);
    SpectrumImage back = ArrowIO.spectrumImageFromArrow(ArrowIO.toArrow(si));
    assertArrayEquals(d, back.data());
    assertEquals(si.axis(), back.axis());
    assertEquals(8.7e-6, back.pixelSizeM(), 0);
    assertEquals(20, back.beamEnergyKeV(), 0);
    assertTrue(Double.isNaN(back.liveTimePerPixelS()));
    assertEquals(si.at(5, 3, 49), back.at(5, 3, 49), 0);
  }

  @Test
  void realP45CubeRoundTrips() throws IOException {
    Path rpl = TestData.resolve("eds/spectrum-images/P45-dacite/P45_12bit_packed_8bit_SI.rpl");
    Assumptions.assumeTrue(Files.exists(rpl), "shared data absent: " + rpl);
    SpectrumImage si = RplIO.read(rpl);
    SpectrumImage back = ArrowIO.spectrumImageFromArrow(ArrowIO.toArrow(si));
    assertArrayEquals(si.data(), back.data());
    assertEquals(si.axis(), back.axis());
  }

  @Test
  void featureTableRoundTripWithNaN() throws IOException {
    Map<String, double[]> cols = new LinkedHashMap<>();
    cols.put("grainSizeUm", new double[] {12.5, 8.25, Double.NaN});
    cols.put("ferriteFraction", new double[] {0.7, 0.55, 0.9});
    cols.put("HV", new double[] {180, 210, -1e-300});
    FeatureTable t = FeatureTable.of(List.of("s1", "s2", "s3 µ"), cols);
    FeatureTable back = ArrowIO.featureTableFromArrow(ArrowIO.toArrow(t));
    assertEquals(t, back);
    assertEquals(List.of("grainSizeUm", "ferriteFraction", "HV"), back.columnNames());
    assertTrue(Double.isNaN(back.value("s3 µ", "grainSizeUm")));
    FeatureTable empty = new FeatureTable(List.of(), List.of("a"), List.of(new double[0]));
    assertEquals(empty, ArrowIO.featureTableFromArrow(ArrowIO.toArrow(empty)));
    FeatureTable reserved = FeatureTable.of(List.of("x"), Map.of("id", new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> ArrowIO.toArrow(reserved));
  }

  @Test
  void readsMultipleRecordBatches() throws IOException {
    Map<String, String> meta = Map.of(ArrowIO.KIND, "micrograph", "width", "3", "height", "2",
        "bitDepth", "16", "pixelSizeM", "1.0E-6", "signal", "BSE");
    Schema schema = new Schema(List.of(new Field("pixels", FieldType.notNullable(
        new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)), null)), meta);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (BufferAllocator a = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, a);
        ArrowFileWriter w = new ArrowFileWriter(root, null, Channels.newChannel(out))) {
      w.start();
      Float4Vector v = (Float4Vector) root.getVector(0);
      for (int batch = 0; batch < 2; batch++) {
        v.allocateNew(3);
        for (int i = 0; i < 3; i++) {
          v.set(i, batch * 3 + i + 100);
        }
        v.setValueCount(3);
        root.setRowCount(3);
        w.writeBatch();
      }
      w.end();
    }
    Micrograph m = ArrowIO.micrographFromArrow(out.toByteArray());
    assertArrayEquals(new float[] {100, 101, 102, 103, 104, 105}, m.pixels());
    assertEquals(SignalType.BSE, m.signal());
  }

  @Test
  void foreignOrCorruptBytesAreFormatExceptions() throws IOException {
    Micrograph m = new Micrograph(4, 4, new float[16], 8, Double.NaN, SignalType.OTHER);
    byte[] good = ArrowIO.toArrow(m);
    FormatException kind = assertThrows(FormatException.class,
        () -> ArrowIO.labelMapFromArrow(good));
    assertEquals("arrow:labelMap: schema metadata key alloyflow.kind: expected 'labelMap', "
        + "found 'micrograph'", kind.getMessage());
    FormatException garbage = assertThrows(FormatException.class,
        () -> ArrowIO.micrographFromArrow("not arrow at all".getBytes()));
    assertTrue(garbage.getMessage().startsWith("arrow:micrograph: byte offset 0: expected an "
        + "Arrow IPC file"), garbage.getMessage());
    assertFalse(garbage.getMessage().contains("\n"));
    FormatException trunc = assertThrows(FormatException.class,
        () -> ArrowIO.micrographFromArrow(Arrays.copyOf(good, good.length - 30)));
    assertFalse(trunc.getMessage().contains("\n"), trunc.getMessage());
    assertThrows(FormatException.class, () -> ArrowIO.micrographFromArrow(new byte[0]));
  }

  @Test
  void noAllocatorLeaksOverManyCalls() throws IOException {
    // each call closes its own RootAllocator, which throws IllegalStateException on a leak
    Micrograph m = new Micrograph(64, 64, new float[4096], 16, 1e-6, SignalType.SE);
    for (int i = 0; i < 50; i++) {
      ArrowIO.micrographFromArrow(ArrowIO.toArrow(m));
      assertThrows(FormatException.class, () -> ArrowIO.spectrumImageFromArrow(
          ArrowIO.toArrow(m)));
    }
  }
}
