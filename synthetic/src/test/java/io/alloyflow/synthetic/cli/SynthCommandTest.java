package io.alloyflow.synthetic.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.io.EmsaIO;
import io.alloyflow.core.io.LabelMapIO;
import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.core.io.RplIO;
import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.synthetic.truth.TruthWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SynthCommandTest {

  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new SynthCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void every2dKindWritesImageLabelsAndTruth() throws Exception {
    for (String kind : List.of("dp-steel", "al-alloy", "inclusions", "powder", "grains2d")) {
      Path dir = tmp.resolve(kind);
      Run r = run(kind, "--seed", "5", "--out", dir.toString(), "--size", "128");
      assertEquals(0, r.code(), kind + ": " + r.err());
      assertTrue(r.out().contains("done"), r.out());
      Map<String, Object> t = TruthWriter.read(dir.resolve("truth.json"));
      assertEquals(kind, t.get("kind"));
      assertEquals(5, ((Number) t.get("seed")).intValue());
      assertTrue(t.containsKey("phaseFractions") && t.containsKey("statistics"));
      String img = kind.equals("powder") ? "se.tif" : "bse.tif";
      Micrograph m = MicrographIO.read(dir.resolve(img));
      assertEquals(128, m.width());
      assertEquals(16, m.bitDepth());
      var phases = LabelMapIO.readPng(dir.resolve("phases.png"), List.of());
      assertEquals(128, phases.width());
      assertTrue(Files.exists(dir.resolve("instances.png")), kind);
    }
  }

  @Test
  void defaultDoseIsARecordedMicrographAndIsWrittenToTruth() throws Exception {
    Path dir = tmp.resolve("dose-default");
    Run r = run("grains2d", "--seed", "3", "--out", dir.toString(), "--size", "64");
    assertEquals(0, r.code(), r.err());
    @SuppressWarnings("unchecked")
    Map<String, Object> sem = (Map<String, Object>) TruthWriter.read(dir.resolve("truth.json"))
        .get("sem");
    // 1 nA x 2 us / e
    assertEquals(12483, ((Number) sem.get("dosePerPixel")).doubleValue(), 1);
    assertEquals(2e-6, ((Number) sem.get("dwellSAt1nA")).doubleValue(), 1e-9);
    assertTrue(r.out().contains("dose 12483 e/px"), r.out());

    Path live = tmp.resolve("dose-200");
    Run rl = run("grains2d", "--seed", "3", "--out", live.toString(), "--size", "64", "--dose",
        "200");
    assertEquals(0, rl.code(), rl.err());
    @SuppressWarnings("unchecked")
    Map<String, Object> semLive = (Map<String, Object>) TruthWriter.read(
        live.resolve("truth.json")).get("sem");
    assertEquals(200, ((Number) semLive.get("dosePerPixel")).doubleValue(), 0);
    // relative shot noise scales as 1/sqrt(dose): the 200 e/px image is visibly noisier
    double sdHigh = residualSd(MicrographIO.read(dir.resolve("bse.tif")));
    double sdLow = residualSd(MicrographIO.read(live.resolve("bse.tif")));
    assertTrue(sdLow > 3 * sdHigh, "pixel-to-pixel noise at 200 e/px " + sdLow
        + " vs at the default dose " + sdHigh);
    assertEquals(2, run("grains2d", "--out", tmp.resolve("bad").toString(), "--dose", "0").code());
  }

  @Test
  @SuppressWarnings("unchecked")
  void aluminiumAlloyIsLabelledByPhaseWithTheEutecticAsAMicroconstituent() throws Exception {
    Path dir = tmp.resolve("al");
    Run r = run("al-alloy", "--seed", "4", "--out", dir.toString(), "--size", "192");
    assertEquals(0, r.code(), r.err());
    Map<String, Object> t = TruthWriter.read(dir.resolve("truth.json"));
    Map<String, Object> byPhase = (Map<String, Object>) t.get("phaseFractions");
    Map<String, Object> micro = (Map<String, Object>) t.get("microconstituentFractions");
    assertEquals(List.of("alpha-Al", "Si", "Mg2Si", "Al5FeSi"), List.copyOf(byPhase.keySet()));
    assertEquals(List.of("alpha-Al", "eutectic", "Mg2Si", "Al5FeSi"),
        List.copyOf(micro.keySet()));
    double eutectic = ((Number) micro.get("eutectic")).doubleValue();
    double si = ((Number) byPhase.get("Si")).doubleValue();
    // the eutectic splits into alpha-Al and Si; the intermetallics keep their pixels
    assertEquals(((Number) micro.get("alpha-Al")).doubleValue() + eutectic,
        ((Number) byPhase.get("alpha-Al")).doubleValue() + si, 1e-9);
    assertEquals(micro.get("Mg2Si"), byPhase.get("Mg2Si"));
    assertTrue(si > 0.02 * eutectic && si < eutectic * 0.5,
        "Si " + si + " of a " + eutectic + " eutectic (lever rule 12.7 %)");
    var phases = LabelMapIO.readPng(dir.resolve("phases.png"), List.of());
    var constituents = LabelMapIO.readPng(dir.resolve("microconstituents.png"), List.of());
    int siPixels = 0;
    for (int i = 0; i < phases.labels().length; i++) {
      if (phases.labels()[i] == 1) {
        siPixels++;
        assertEquals(1, constituents.labels()[i], "Si pixel outside the eutectic at " + i);
      }
    }
    assertEquals(si, siPixels / (192.0 * 192.0), 1e-9);
  }

  /** Standard deviation of horizontal neighbour differences relative to the mean grey level. */
  static double residualSd(Micrograph m) {
    float[] p = m.pixels();
    double s = 0;
    double s2 = 0;
    double mean = 0;
    int n = 0;
    for (int y = 0; y < m.height(); y++) {
      for (int x = 1; x < m.width(); x++) {
        double d = p[y * m.width() + x] - p[y * m.width() + x - 1];
        s += d;
        s2 += d * d;
        mean += p[y * m.width() + x];
        n++;
      }
    }
    return Math.sqrt(s2 / n - (s / n) * (s / n)) / (mean / n);
  }

  @Test
  void edsSpectrumImageKindAndVolume() throws Exception {
    Path dir = tmp.resolve("eds");
    Run r = run("eds-si", "--out", dir.toString(), "--size", "128", "--eds-size", "16",
        "--eds-channels", "1024", "--material", "inclusions", "--inclusion-fraction", "0.05");
    assertEquals(0, r.code(), r.err());
    SpectrumImage si = RplIO.read(dir.resolve("eds.rpl"));
    assertEquals(16, si.width());
    assertEquals(1024, si.channels());
    assertTrue(EmsaIO.read(dir.resolve("eds-sum.msa")).totalCounts() > 0);
    Map<String, Object> t = TruthWriter.read(dir.resolve("truth.json"));
    @SuppressWarnings("unchecked")
    Map<String, Object> eds = (Map<String, Object>) t.get("eds");
    assertTrue(((Map<?, ?>) eds.get("transform")).containsKey("matrixEdsToSem"));
    assertEquals(16L * 16 * 4 * ((List<?>) eds.get("elements")).size(),
        Files.size(dir.resolve("eds-composition.raw")));

    Path vol = tmp.resolve("vol");
    Run rv = run("grains3d", "--out", vol.toString(), "--size", "40", "--depth", "20",
        "--grain-size-um", "5", "--pixel-size-um", "0.5");
    assertEquals(0, rv.code(), rv.err());
    assertEquals(40L * 40 * 20 * 4, Files.size(vol.resolve("grains.raw")));
    Map<String, Object> tv = TruthWriter.read(vol.resolve("truth.json"));
    assertFalse(((List<?>) tv.get("grains")).isEmpty());
  }

  @Test
  void sameSeedSameBytes() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Path c = tmp.resolve("c");
    assertEquals(0, run("dp-steel", "--seed", "9", "--out", a.toString(), "--size", "96").code());
    assertEquals(0, run("dp-steel", "--seed", "9", "--out", b.toString(), "--size", "96").code());
    assertEquals(0, run("dp-steel", "--seed", "10", "--out", c.toString(), "--size", "96").code());
    for (String f : List.of("bse.tif", "phases.png", "instances.png", "truth.json")) {
      assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
    }
    assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.resolve("phases.png")),
        Files.readAllBytes(c.resolve("phases.png"))));
  }

  @Test
  void badOptionsExitWithTwoAndAClearMessage() {
    Run unknown = run("marble", "--out", tmp.toString());
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("unknown KIND"), unknown.err());
    Run frac = run("dp-steel", "--out", tmp.toString(), "--martensite-fraction", "1.5");
    assertEquals(2, frac.code());
    assertTrue(frac.err().contains("martensite fraction"), frac.err());
    Run missing = run("dp-steel");
    assertEquals(2, missing.code());
    Run notNumber = run("dp-steel", "--out", tmp.toString(), "--seed", "abc");
    assertEquals(2, notNumber.code());
    Run tiny = run("grains2d", "--out", tmp.toString(), "--grain-size-um", "0.5");
    assertEquals(2, tiny.code());
    assertTrue(tiny.err().contains("at least 3 pixels"), tiny.err());
  }
  @Test
  void groovesAndEutecticSiOptionsAreRecordedInTruth() throws Exception {
    Path on = tmp.resolve("grooves-on");
    assertEquals(0, run("grains2d", "--out", on.toString(), "--size", "96").code());
    Path off = tmp.resolve("grooves-off");
    assertEquals(0, run("grains2d", "--out", off.toString(), "--size", "96", "--no-grooves")
        .code());
    String tOn = Files.readString(on.resolve("truth.json"));
    String tOff = Files.readString(off.resolve("truth.json"));
    assertTrue(tOn.replace(" ", "").contains("\"etchedGrooves\":true"),
        "grooves on by default for grains2d");
    assertTrue(tOff.replace(" ", "").contains("\"etchedGrooves\":false"));
    assertArrayEquals(Files.readAllBytes(on.resolve("instances.png")),
        Files.readAllBytes(off.resolve("instances.png")), "grooves do not change the truth");
    assertFalse(java.util.Arrays.equals(Files.readAllBytes(on.resolve("bse.tif")),
        Files.readAllBytes(off.resolve("bse.tif"))), "grooves change the image");
    Path mod = tmp.resolve("modified");
    assertEquals(0, run("al-alloy", "--out", mod.toString(), "--size", "96", "--eutectic-si",
        "modified").code());
    assertTrue(Files.readString(mod.resolve("truth.json")).contains("modified"));
    Run bad = run("al-alloy", "--out", mod.toString(), "--eutectic-si", "coarse");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("unmodified, modified or uniform"), bad.err());
  }
}
