package io.alloyflow.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.Spectrum;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmsaIOTest {

  private static final String HEADER =
      "#FORMAT      : EMSA/MAS Spectral Data File\n"
          + "#VERSION     : 1.0\n"
          + "#TITLE       : test\n"
          + "#NPOINTS     : 4\n"
          + "#NCOLUMNS    : 1\n"
          + "#XUNITS      : eV\n"
          + "#DATATYPE    : Y\n"
          + "#XPERCHAN    : 10.0\n"
          + "#OFFSET      : -20\n";

  private static List<Path> realFiles() throws IOException {
    Path eds = TestData.resolve("eds");
    Assumptions.assumeTrue(Files.isDirectory(eds), "shared data absent: " + eds);
    try (Stream<Path> s = Files.walk(eds)) {
      return s.filter(p -> p.toString().endsWith(".msa")).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void everyRealMsaReadsAndRoundTrips(@TempDir Path tmp) throws IOException {
    List<Path> files = realFiles();
    assertTrue(files.size() >= 20, "expected the 20 shared .msa files, found " + files.size());
    for (Path f : files) {
      Spectrum s = EmsaIO.read(f);
      assertTrue(s.channels() == 2048 || s.channels() == 4096, f + ": " + s.channels());
      assertTrue(s.totalCounts() > 0, f.toString());
      assertTrue(s.axis().gainEvPerChannel() > 9 && s.axis().gainEvPerChannel() < 11, f.toString());
      assertTrue(s.beamEnergyKeV() == 15 || s.beamEnergyKeV() == 20, f.toString());
      assertEquals(35.0, s.takeoffAngleDeg(), 1e-9, f.toString());
      Path out = tmp.resolve(f.getFileName().toString());
      EmsaIO.write(s, out);
      Spectrum back = EmsaIO.read(out);
      assertArrayEquals(s.counts(), back.counts(), 0.0, f.toString());
      assertEquals(s.axis(), back.axis(), f.toString());
      assertEquals(s.metadata(), back.metadata(), f.toString());
      assertEquals(s.title(), back.title());
      assertEquals(s.liveTimeS(), back.liveTimeS(), 0.0);
      assertEquals(s.realTimeS(), back.realTimeS(), 0.0);
      assertEquals(s.probeCurrentNa(), back.probeCurrentNa(), 0.0);
      // deterministic writer: equal spectra give equal bytes
      assertEquals(EmsaIO.toText(s), EmsaIO.toText(back));
    }
  }

  @Test
  void k412HeaderAndCertifiedComposition() throws IOException {
    Path f = TestData.resolve("eds/nist-k412/III-E K412[0][4].msa");
    Assumptions.assumeTrue(Files.exists(f), "shared data absent: " + f);
    Spectrum s = EmsaIO.read(f);
    assertEquals(4096, s.channels());
    assertEquals(9.99856, s.axis().gainEvPerChannel(), 1e-12);
    assertEquals(1.63032, s.axis().offsetEv(), 1e-12);
    assertEquals(235.48403, s.liveTimeS(), 1e-9);
    assertEquals(286.27913, s.realTimeS(), 1e-9);
    assertEquals(1.11355, s.probeCurrentNa(), 1e-9);
    assertEquals(20.0, s.beamEnergyKeV(), 0);
    assertEquals("III-E K412[0][all]", s.title());
    assertEquals("SDUTW", s.metadata().get("#EDSDET"));
    assertEquals("17.0 mm", s.metadata().get("##WORKING"));
    assertTrue(s.metadata().get("##D2STDCMP").startsWith("K412,(O:42.758)"));
    Map<String, Double> c = EmsaIO.certifiedComposition(s);
    assertEquals(List.of("O", "Mg", "Al", "Si", "Ca", "Fe"), List.copyOf(c.keySet()));
    assertEquals(0.42758, c.get("O"), 1e-12);
    assertEquals(0.116567, c.get("Mg"), 1e-12);
    assertEquals(0.049061, c.get("Al"), 1e-12);
    assertEquals(0.211982, c.get("Si"), 1e-12);
    assertEquals(0.10899, c.get("Ca"), 1e-12);
    assertEquals(0.077742, c.get("Fe"), 1e-12);
    double sum = c.values().stream().mapToDouble(Double::doubleValue).sum();
    assertEquals(0.99, sum, 0.02);
  }

  @Test
  void certifiedCompositionOfPureStandardAndAbsentKeyword() throws IOException {
    Path f = TestData.resolve("eds/nist-k411/Fe std.msa");
    Assumptions.assumeTrue(Files.exists(f), "shared data absent: " + f);
    assertEquals(Map.of("Fe", 1.0), EmsaIO.certifiedComposition(EmsaIO.read(f)));
    Path ref = TestData.resolve("eds/nist-k411/F ref.msa");
    assertTrue(EmsaIO.certifiedComposition(EmsaIO.read(ref)).isEmpty());
  }

  @Test
  void p45SumSpectrumInKevIsConvertedToEv() throws IOException {
    Path f = TestData.resolve("eds/spectrum-images/P45-dacite/P45_12bit_packed_8bit_sum.msa");
    Assumptions.assumeTrue(Files.exists(f), "shared data absent: " + f);
    Spectrum s = EmsaIO.read(f);
    assertEquals(2048, s.channels());
    assertEquals(10.001, s.axis().gainEvPerChannel(), 1e-9);
    assertEquals(-472.397235, s.axis().offsetEv(), 1e-6);
    assertEquals(6.0, s.realTimeS(), 0);
    assertTrue(Double.isNaN(s.liveTimeS()));
    assertEquals("File created by HyperSpy version 1.7.3", s.metadata().get("#COMMENT"));
  }

  @Test
  void xyDataSeveralValuesPerLineKevAndUnitSuffixes() throws IOException {
    String text =
        "#FORMAT      : EMSA/MAS Spectral Data File\r\n"
            + "#VERSION     : 1.0\r\n"
            + "#NPOINTS     : 5\r\n"
            + "#XUNITS      : keV\r\n"
            + "#DATATYPE    : XY\r\n"
            + "#XPERCHAN    : 0.01\r\n"
            + "#OFFSET      : 0.1\r\n"
            + "#BEAMKV   -kV: 15.0\r\n"
            + "#XTILTSTGE -dg: 0.5\r\n"
            + "##OXINSTSTROBE: 12\r\n"
            + "#COMMENT     : one\r\n"
            + "#COMMENT     : two\r\n"
            + "#SPECTRUM    : data\r\n"
            + "0.10, 3  0.11, 4\r\n"
            + "0.12\t5;0.13 ,6\r\n"
            + "\r\n"
            + "0.14, 7.5\r\n"
            + "#ENDOFDATA   : \r\n"
            + "#CHECKSUM    : ignored after the data\r\n";
    Spectrum s = EmsaIO.read(text, "xy.msa");
    assertArrayEquals(new double[] {3, 4, 5, 6, 7.5}, s.counts(), 0);
    assertEquals(new EnergyAxis(100, 10), s.axis());
    assertEquals(15.0, s.beamEnergyKeV(), 0);
    assertEquals("0.5", s.metadata().get("#XTILTSTGE-dg"));
    assertEquals("12", s.metadata().get("##OXINSTSTROBE"));
    assertEquals("one\ntwo", s.metadata().get("#COMMENT"));
    Spectrum back = EmsaIO.read(EmsaIO.toText(s), "back.msa");
    assertArrayEquals(s.counts(), back.counts(), 0);
    assertEquals(s.metadata(), back.metadata());
    assertEquals(s.axis().offsetEv(), back.axis().offsetEv(), 1e-9);
    assertEquals(s.axis().gainEvPerChannel(), back.axis().gainEvPerChannel(), 1e-12);
  }

  @Test
  void writeOfProgrammaticSpectrumRoundTrips(@TempDir Path tmp) throws IOException {
    double[] counts = new double[300];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = i % 7 == 0 ? 0.25 * i : i * 3;
    }
    Spectrum s = new Spectrum(counts, new EnergyAxis(-12.5, 5.0), 50, 60, 15, 40, 0.8, "synthetic",
        Map.of("##SEED", "42", "#SIGNALTYPE", "EDS"));
    Path f = tmp.resolve("sub/s.msa");
    EmsaIO.write(s, f);
    Spectrum back = EmsaIO.read(f);
    assertArrayEquals(counts, back.counts(), 0);
    assertEquals(s.axis(), back.axis());
    assertEquals(40, back.takeoffAngleDeg(), 0);
    assertEquals("42", back.metadata().get("##SEED"));
    assertEquals("EDS", back.metadata().get("#SIGNALTYPE"));
    String text = Files.readString(f);
    assertTrue(text.startsWith("#FORMAT      : EMSA/MAS Spectral Data File\r\n#VERSION     : 1.0\r\n"));
    assertTrue(text.indexOf("##SEED") > text.indexOf("#SIGNALTYPE"));
  }

  private static FormatException fails(String content) {
    FormatException e =
        assertThrows(FormatException.class, () -> EmsaIO.read(content, "bad.msa"));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(e.getMessage().startsWith("bad.msa: line "), e.getMessage());
    return e;
  }

  @Test
  void malformedInputsNameTheLine() {
    String data = "#SPECTRUM    :\n1, 2, 3, 4\n#ENDOFDATA   :\n";
    // sanity: the good file reads
    assertDoesNotFail(HEADER + data);
    FormatException neg = fails(HEADER + "#SPECTRUM    :\n1, 2,\n-3, 4\n#ENDOFDATA   :\n");
    assertTrue(neg.getMessage().contains("line 12") && neg.getMessage().contains("found -3.0"),
        neg.getMessage());
    FormatException nan = fails(HEADER + "#SPECTRUM    :\n1, 2,\n3, abc\n#ENDOFDATA   :\n");
    assertTrue(nan.getMessage().contains("line 12: expected a number, found value 2, text of 3 characters (content not shown)"),
        nan.getMessage());
    FormatException few = fails(HEADER + "#SPECTRUM    :\n1, 2, 3\n#ENDOFDATA   :\n");
    assertTrue(few.getMessage().contains("expected 4 values (#NPOINTS on line 4), found 3 values"),
        few.getMessage());
    FormatException many = fails(HEADER + "#SPECTRUM    :\n1, 2, 3, 4, 5\n#ENDOFDATA   :\n");
    assertTrue(many.getMessage().contains("line 11"), many.getMessage());
    FormatException noEnd = fails(HEADER + "#SPECTRUM    :\n1, 2, 3, 4\n");
    assertTrue(noEnd.getMessage().contains("#ENDOFDATA"), noEnd.getMessage());
    FormatException noNpoints = fails(HEADER.replace("#NPOINTS     : 4\n", "") + data);
    assertTrue(noNpoints.getMessage().contains("line 9: expected required keyword #NPOINTS"),
        noNpoints.getMessage());
    for (String kw : List.of("#FORMAT", "#VERSION", "#XPERCHAN", "#OFFSET")) {
      String h = HEADER.lines().filter(l -> !l.startsWith(kw + " ")).collect(Collectors.joining("\n"))
          + "\n";
      assertTrue(fails(h + data).getMessage().contains("required keyword " + kw), kw);
    }
    FormatException noSpectrum = fails(HEADER);
    assertTrue(noSpectrum.getMessage().contains("#SPECTRUM"), noSpectrum.getMessage());
    FormatException units = fails(HEADER.replace(": eV", ": nm") + data);
    assertTrue(units.getMessage().contains("line 6: expected #XUNITS eV or keV, found a value of 2 characters (content not shown)"),
        units.getMessage());
    FormatException gain = fails(HEADER.replace("10.0", "zero") + data);
    assertTrue(gain.getMessage().contains("line 8: expected a number"), gain.getMessage());
    FormatException notEmsa = fails("hello\n");
    assertTrue(notEmsa.getMessage().contains("line 1"), notEmsa.getMessage());
    // a secrets file passed as a spectrum: the message names the line, never its content
    FormatException secret = fails("db_password=hunter2\n");
    assertFalse(secret.getMessage().contains("hunter2"), secret.getMessage());
    FormatException secretData = fails(HEADER + "#SPECTRUM    :\n1, 2, token=s3cr3t, 4\n#ENDOFDATA   :\n");
    assertFalse(secretData.getMessage().contains("s3cr3t"), secretData.getMessage());
    FormatException one = fails(HEADER.replace("#NPOINTS     : 4", "#NPOINTS     : 1")
        + "#SPECTRUM    :\n7\n#ENDOFDATA   :\n");
    assertTrue(one.getMessage().contains("2..65536 channels per spectrum, found 1 channels"),
        one.getMessage());
    FormatException huge = fails(HEADER.replace("#NPOINTS     : 4", "#NPOINTS     : 2000000000")
        + data);
    assertTrue(huge.getMessage().contains("(read limit), found 2000000000 channels declared"),
        huge.getMessage());
    FormatException negLive = fails(HEADER.replace("#NPOINTS", "#LIVETIME    : -5\n#NPOINTS")
        + data);
    assertTrue(negLive.getMessage().contains("#LIVETIME a finite number >= 0, found -5.0"),
        negLive.getMessage());
    FormatException dup = fails(HEADER + "#NPOINTS     : 4\n" + data);
    assertTrue(dup.getMessage().contains("first on line 4"), dup.getMessage());
  }

  private static void assertDoesNotFail(String content) {
    try {
      EmsaIO.read(content, "good.msa");
    } catch (FormatException e) {
      throw new AssertionError("valid content rejected: " + e.getMessage(), e);
    }
  }

  @Test
  void truncatedRealFileFailsWithLine(@TempDir Path tmp) throws IOException {
    List<Path> files = realFiles();
    String text = Files.readString(files.get(0));
    Path cut = tmp.resolve("cut.msa");
    Files.writeString(cut, text.substring(0, text.length() / 2));
    FormatException e = assertThrows(FormatException.class, () -> EmsaIO.read(cut));
    assertTrue(e.getMessage().startsWith(cut + ": line "), e.getMessage());
    assertTrue(e.getMessage().contains("expected #ENDOFDATA"), e.getMessage());
  }
}
