package io.alloyflow.workflows.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.image.SignalType;
import io.alloyflow.core.io.MicrographIO;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input ends with exit code 2 and one line naming what was wrong — before any server starts. */
class CliErrorsTest {
  @TempDir Path tmp;

  record Run(int code, String err) {}

  Run run(String... args) {
    StringWriter sw = new StringWriter();
    int code = AlloyflowCli.execute(new PrintWriter(sw, true), args);
    return new Run(code, sw.toString().trim());
  }

  static void assertOneLine(Run r, String mustContain) {
    assertEquals(2, r.code(), r.err());
    assertFalse(r.err().contains("\n"), "one line, no stack trace: " + r.err());
    assertFalse(r.err().contains("Exception"), "no exception names: " + r.err());
    assertTrue(r.err().contains(mustContain), r.err());
  }

  @Test
  void missingMicrograph() {
    assertOneLine(run("analyze", "--micrograph", tmp.resolve("nope.tif").toString(), "--out",
        tmp.resolve("o").toString()), "nope.tif");
  }

  @Test
  void truncatedTiff() throws Exception {
    Path bad = tmp.resolve("bad.tif");
    Files.write(bad, new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 3});
    assertOneLine(run("analyze", "--micrograph", bad.toString(), "--out", tmp.resolve("o").toString()),
        "bad.tif");
  }

  @Test
  void micrographWithoutPixelSizeAsksForTheOption() throws Exception {
    Path png = tmp.resolve("plain.png");
    MicrographIO.writePng(new Micrograph(8, 8, new float[64], 8, Double.NaN, SignalType.OTHER), png);
    assertOneLine(run("analyze", "--micrograph", png.toString(), "--out", tmp.resolve("o").toString()),
        "--pixel-size-um");
  }

  @Test
  void unknownEdsFileType() throws Exception {
    Path png = tmp.resolve("plain.png");
    MicrographIO.writePng(new Micrograph(8, 8, new float[64], 8, 1e-7, SignalType.OTHER), png);
    Path eds = tmp.resolve("spectrum.xyz");
    Files.writeString(eds, "1 2 3");
    assertOneLine(run("analyze", "--micrograph", png.toString(), "--eds", eds.toString(), "--out",
        tmp.resolve("o").toString()), "unknown EDS file type");
  }

  @Test
  void demoSizeOutOfRange() {
    assertOneLine(run("demo", "--size", "10", "--out", tmp.resolve("o").toString()), "--size");
  }

  @Test
  void unknownOptionIsAUsageError() {
    Run r = run("analyze", "--micrograph", "m.tif", "--out", "o", "--frobnicate");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--frobnicate"), r.err());
  }

  @Test
  void inclusionScanOfAFolderWithoutImagesOrWithABadThreshold() throws Exception {
    java.nio.file.Files.createDirectories(tmp.resolve("empty"));
    assertOneLine(run("inclusion-scan", tmp.resolve("empty").toString(), "--out",
        tmp.resolve("o").toString()), "holds no BSE field image");
    assertOneLine(run("inclusion-scan", tmp.resolve("nope").toString(), "--out",
        tmp.resolve("o").toString()), "not a directory");
    java.nio.file.Files.write(tmp.resolve("empty/f.tif"), new byte[] {1});
    assertOneLine(run("inclusion-scan", tmp.resolve("empty").toString(), "--confidence", "2",
        "--out", tmp.resolve("o").toString()), "confidenceThreshold must be in [0, 1.01]");
  }
}
