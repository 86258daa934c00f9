package io.alloyflow.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.io.SpectrumImageFiles.Format;
import io.alloyflow.core.io.bruker.BcfReader;
import io.alloyflow.core.io.hspy.HspyIO;
import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.SpectrumImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one dispatch on spectrum-image file types: every type recognised by its bytes (also when
 * renamed), read identically to its own reader, refused in one line when it is none of them;
 * uploads decoded from bytes with parts, not server paths, in the messages. The shared Bruker
 * files are used where present (skipped otherwise), .hspy files are written here.
 */
class SpectrumImageFilesTest {
  @TempDir Path tmp;

  static SpectrumImage cube(int w, int h, int ch, long seed) {
    Random r = new Random(seed);
    float[] d = new float[w * h * ch];
    for (int i = 0; i < d.length; i++) {
      d[i] = r.nextInt(50);
    }
    return new SpectrumImage(w, h, ch, d, new EnergyAxis(-100, 10), 0.25e-6, 20, 0.01);
  }

  static Path bruker() {
    Path d = TestData.resolve("eds/vendor-formats/bruker");
    return Files.isDirectory(d) ? d : null;
  }

  @Test
  void everyTypeIsRecognisedByItsBytesAndReadsAsItsOwnReader() throws Exception {
    SpectrumImage si = cube(6, 5, 64, 1);
    Path arrow = tmp.resolve("cube.bin");
    Files.write(arrow, ArrowIO.toArrow(si));
    Path rpl = tmp.resolve("cube.rpl");
    RplIO.write(si, rpl);
    Path hspy = tmp.resolve("cube.hspy");
    HspyIO.write(HspyIO.of(si, "cube"), hspy);
    Path renamed = tmp.resolve("renamed.dat");
    Files.copy(hspy, renamed);
    assertEquals(Format.ARROW, SpectrumImageFiles.detect(arrow));
    assertEquals(Format.RPL, SpectrumImageFiles.detect(rpl));
    assertEquals(Format.HSPY, SpectrumImageFiles.detect(hspy));
    assertEquals(Format.HSPY, SpectrumImageFiles.detect(renamed));
    for (Path p : new Path[] {arrow, rpl, hspy, renamed}) {
      SpectrumImage back = SpectrumImageFiles.read(p);
      assertEquals(6, back.width(), p.toString());
      assertEquals(5, back.height(), p.toString());
      assertArrayEquals(si.data(), back.data(), p.toString());
      assertEquals(si.axis().gainEvPerChannel(), back.axis().gainEvPerChannel(), 1e-6);
    }
  }

  @Test
  void sharedBrukerFilesReadAsTheBcfReaderAndNopeIsRefused() throws Exception {
    Path d = bruker();
    Assumptions.assumeTrue(d != null, "Bruker BCF files absent (../shared/data/eds/vendor-formats)");
    for (String name : new String[] {"16x16_12bit_packed_8bit.bcf", "over16bit.bcf"}) {
      Path f = d.resolve(name);
      assertEquals(Format.BCF, SpectrumImageFiles.detect(f), name);
      SpectrumImage viaDispatch = SpectrumImageFiles.read(f);
      assertArrayEquals(BcfReader.read(f).spectrumImage().data(), viaDispatch.data(), name);
      SpectrumImage uploaded = SpectrumImageFiles.decode(Files.readAllBytes(f), "part 'si'",
          1L << 26);
      assertArrayEquals(viaDispatch.data(), uploaded.data(), name + " as an upload");
    }
    Path nope = d.resolve("Nope.bcf");
    FormatException e = assertThrows(FormatException.class, () -> SpectrumImageFiles.read(nope));
    assertTrue(e.getMessage().contains("expected a Bruker BCF file"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line");
    IllegalArgumentException u = assertThrows(IllegalArgumentException.class,
        () -> SpectrumImageFiles.decode(Files.readAllBytes(nope), "part 'si'", 1L << 26));
    assertTrue(u.getMessage().startsWith("part 'si': expected a spectrum image"), u.getMessage());
  }

  @Test
  void uploadsDecodeFromBytesAndNameTheirParts() throws Exception {
    SpectrumImage si = cube(4, 3, 32, 2);
    Path hspy = tmp.resolve("c.hspy");
    HspyIO.write(HspyIO.of(si, "c"), hspy);
    assertArrayEquals(si.data(),
        SpectrumImageFiles.decode(Files.readAllBytes(hspy), "request body", 10_000).data());
    assertArrayEquals(si.data(),
        SpectrumImageFiles.decode(ArrowIO.toArrow(si), "request body", 10_000).data());
    Path rpl = tmp.resolve("c.rpl");
    RplIO.writeGzip(si, rpl);
    byte[] header = Files.readAllBytes(rpl);
    byte[] raw = Files.readAllBytes(tmp.resolve("c.raw.gz"));
    assertArrayEquals(si.data(), SpectrumImageFiles.decodeRpl(header, raw, 10_000).data());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SpectrumImageFiles.decode(Files.readAllBytes(hspy), "request body", 100));
    assertTrue(e.getMessage().contains("over this endpoint's limit of 100"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SpectrumImageFiles.decode(header, "part 'si'", 10_000));
    assertTrue(e.getMessage().contains("send it with its RAW data as multipart parts"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SpectrumImageFiles.decodeRpl(header, new byte[] {1, 2, 3}, 10_000));
    assertTrue(e.getMessage().contains("part 'raw'"), e.getMessage());
    assertFalse(e.getMessage().contains(System.getProperty("java.io.tmpdir")),
        "no server path: " + e.getMessage());
    byte[] broken = Files.readAllBytes(hspy);
    java.util.Arrays.fill(broken, 600, broken.length, (byte) 0);
    e = assertThrows(IllegalArgumentException.class,
        () -> SpectrumImageFiles.decode(broken, "part 'eds'", 10_000));
    assertFalse(e.getMessage().contains(System.getProperty("java.io.tmpdir")),
        "no server path: " + e.getMessage());
  }

  @Test
  void otherFilesAreRefusedInOneLineNamingWhatTheyAre() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
    assertNull(SpectrumImageFiles.detect(png));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SpectrumImageFiles.decode(png, "part 'eds'", 10_000));
    assertEquals("part 'eds': expected a spectrum image: Arrow IPC (ARROW1), Bruker .bcf (AAMVHFSS),"
        + " HyperSpy .hspy (HDF5) or a Lispix .rpl header, found a PNG image (a micrograph, not a"
        + " spectrum image)", e.getMessage());
    Path renamed = tmp.resolve("image.png.bin");
    Files.write(renamed, png);
    FormatException r = assertThrows(FormatException.class, () -> SpectrumImageFiles.read(renamed));
    assertTrue(r.getMessage().contains("expected a spectrum image"), r.getMessage());
    Path msa = tmp.resolve("s.msa");
    Files.writeString(msa, "#FORMAT      : EMSA/MAS Spectral Data File\n#VERSION : 1.0\n");
    FormatException f = assertThrows(FormatException.class, () -> SpectrumImageFiles.read(msa));
    assertTrue(f.getMessage().endsWith("found an EMSA spectrum (a single spectrum, not a spectrum"
        + " image)"), f.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SpectrumImageFiles.decode(new byte[0], "request body", 10));
    assertTrue(e.getMessage().startsWith("request body is empty"), e.getMessage());
  }
}
