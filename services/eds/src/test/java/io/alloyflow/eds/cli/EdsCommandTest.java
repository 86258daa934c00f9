package io.alloyflow.eds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.core.io.RplIO;
import io.alloyflow.eds.SyntheticCubes;
import io.alloyflow.eds.TestData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The eds CLI: JSON output, denoise outputs and one-line errors with exit code 2. */
class EdsCommandTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    PrintStream o = System.out;
    PrintStream e = System.err;
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    ByteArrayOutputStream be = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bo, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(be, true, StandardCharsets.UTF_8));
    try {
      int code = EdsCommand.execute(args);
      return new Run(code, bo.toString(StandardCharsets.UTF_8), be.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(o);
      System.setErr(e);
    }
  }

  static Path k412() {
    Path d = TestData.folder("eds/nist-k412");
    Assumptions.assumeTrue(d != null, "NIST K412 data absent");
    return d;
  }

  @Test
  void quantifyJson() throws Exception {
    Path d = k412();
    Run r = run("quantify", "--unknown", d.resolve("III-E K412[0][4].msa").toString(),
        "--standard", "Mg=" + d.resolve("MgO std.msa"), "--standard", "Al=" + d.resolve("Al2O3 std.msa"),
        "--standard", "Si=" + d.resolve("SiO2 std.msa"), "--standard", "Ca=" + d.resolve("CaF2 std.msa"),
        "--standard", "Fe=" + d.resolve("Fe std.msa"), "--oxygen", "stoichiometry", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    JsonNode mg = j.get("elements").get("Mg");
    assertEquals(0.1473, mg.get("kRatio").asDouble(), 0.03 * 0.1473);
    assertEquals(0.1166, mg.get("massFraction").asDouble(), 0.03 * 0.1166);
    assertTrue(mg.get("massFractionSigma").asDouble() > 0);
    assertTrue(mg.get("atomFraction").asDouble() > 0);
    assertTrue(j.get("elements").get("O").get("kRatio").isNull(), "O by stoichiometry has no k");
    assertEquals(1.0, j.get("analyticalTotal").asDouble(), 0.05);
  }

  @Test
  void badInputGivesOneLineAndExitCode2(@TempDir Path tmp) throws Exception {
    Path d = k412();
    String unk = d.resolve("III-E K412[0][4].msa").toString();
    List<String> lines = Files.readAllLines(d.resolve("Fe std.msa"), StandardCharsets.ISO_8859_1);
    Path noGain = tmp.resolve("nogain.msa");
    Files.write(noGain, lines.stream().filter(l -> !l.startsWith("#XPERCHAN")).toList(),
        StandardCharsets.ISO_8859_1);
    Path negative = tmp.resolve("neg.msa");
    List<String> neg = new java.util.ArrayList<>(lines);
    int data = neg.indexOf(neg.stream().filter(l -> l.startsWith("#SPECTRUM")).findFirst().get());
    neg.set(data + 100, "-5,");
    Files.write(negative, neg, StandardCharsets.ISO_8859_1);
    Path beam = tmp.resolve("beam15.msa");
    Files.write(beam, lines.stream().map(l -> l.startsWith("#BEAMKV") ? "#BEAMKV      : 15" : l)
        .toList(), StandardCharsets.ISO_8859_1);
    Path width = tmp.resolve("width.msa");
    Files.write(width, lines.stream().map(l -> l.startsWith("#XPERCHAN") ? "#XPERCHAN    : 5.0" : l)
        .toList(), StandardCharsets.ISO_8859_1);
    String[][] cases = {
      {"quantify", "--unknown", unk, "--standard", "Fe=" + noGain},
      {"quantify", "--unknown", unk, "--standard", "Fe=" + negative},
      {"quantify", "--unknown", unk, "--standard", "Fe=" + beam},
      {"quantify", "--unknown", unk, "--standard", "Fe=" + width},
      {"quantify", "--unknown", unk, "--standard", "Fe=" + d.resolve("Fe std.msa"),
          "--elements", "Fe,Mg"},
      {"identify", tmp.resolve("missing.msa").toString()},
      {"quantify", "--unknown", unk, "--standard", "Fe=" + d.resolve("Fe std.msa"), "--oxygen", "x"},
    };
    String[] expect = {"XPERCHAN", "non-negative", "beam energy", "channel width", "no standard",
        "missing.msa", "--oxygen"};
    for (int i = 0; i < cases.length; i++) {
      Run r = run(cases[i]);
      assertEquals(2, r.code(), "case " + i + ": " + r.err());
      String err = r.err().strip();
      assertEquals(1, err.lines().count(), "one line: " + err);
      assertTrue(err.contains(expect[i]), "case " + i + " message: " + err);
    }
  }

  @Test
  void denoiseWritesCubeMapsSnrAndScree(@TempDir Path tmp) throws Exception {
    SyntheticCubes.Cube cube = SyntheticCubes.make(40, 32, 256, 150, 5);
    Path rpl = tmp.resolve("si.rpl");
    RplIO.write(cube.noisy(), rpl);
    Path out = tmp.resolve("out");
    Run r = run("denoise", rpl.toString(), "--method", "pca", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.exists(out.resolve("denoised.rpl")));
    assertTrue(Files.exists(out.resolve("scree.png")));
    JsonNode snr = new ObjectMapper().readTree(out.resolve("snr.json").toFile());
    assertEquals(3, snr.get("components").asInt());
    JsonNode before = snr.get("snrBefore");
    JsonNode after = snr.get("snrAfter");
    assertTrue(before.size() >= 3, "elements mapped: " + before);
    before.fieldNames().forEachRemaining(el -> assertTrue(
        after.get(el).asDouble() > before.get(el).asDouble(),
        el + " SNR " + before.get(el) + " -> " + after.get(el)));
    assertTrue(Files.exists(out.resolve("maps/Fe-after.png")));
  }
}
