package io.alloyflow.fusion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.image.SignalType;
import io.alloyflow.core.io.MicrographIO;
import io.alloyflow.core.io.RplIO;
import io.alloyflow.synthetic.fusion.InclusionField;
import io.alloyflow.synthetic.fusion.SemEdsPair;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FusionCliTest {

  static SemEdsPair pair() {
    SemEdsPair.Params r = SemEdsPair.Params.registration();
    return SemEdsPair.aluminium(new SemEdsPair.Params(32, 32, 2e-6, 6, 6, 2, 0.1, 0.01, 0.02,
        1.0, 2000, 1024, r.margin()), 31);
  }

  @Test
  void registerWritesTransformJsonAndOverlayAndClassifyWritesPhases(@TempDir Path dir)
      throws Exception {
    SemEdsPair p = pair();
    Path sem = dir.resolve("sem.tif");
    Path si = dir.resolve("si.rpl");
    MicrographIO.writeTiff(p.sem(), sem);
    RplIO.write(p.spectrumImage(), si);
    Path out = dir.resolve("reg");
    int rc = new CommandLine(new FuseCommand()).execute("register", "--sem", sem.toString(),
        "--eds", si.toString(), "--out", out.toString());
    assertEquals(0, rc);
    JsonNode t = CliSupport.JSON.readTree(out.resolve("transform.json").toFile());
    assertEquals(2, t.get("matrix").size());
    assertEquals(3, t.get("matrix").get(0).size());
    assertTrue(t.has("rmsResidualPx") && t.has("quality") && t.has("reliable")
        && t.has("reason"), t.toString());
    double[][] truth = p.semToEds();
    assertEquals(truth[0][0], t.get("matrix").get(0).get(0).asDouble(), 0.01);
    assertEquals(truth[0][2], t.get("matrix").get(0).get(2).asDouble(), 0.5);
    assertTrue(Files.size(out.resolve("overlay.png")) > 100);
    Path cls = dir.resolve("cls");
    rc = new CommandLine(new FuseCommand()).execute("classify", "--sem", sem.toString(), "--eds",
        si.toString(), "--method", "kmeans", "--classes", "3", "--out", cls.toString());
    assertEquals(0, rc);
    JsonNode ph = CliSupport.JSON.readTree(cls.resolve("phases.json").toFile());
    assertTrue(ph.get("areaFractions").has("alpha-Al"), ph.toString());
    assertTrue(Files.exists(cls.resolve("phases.png")) && Files.exists(cls.resolve(
        "features.arrow")));
    // supervised from the truth mask with region features: the regions enter the stack, and the
    // map it predicts agrees with the mask on most pixels (the same image, so not an accuracy test)
    Path mask = dir.resolve("mask.png");
    io.alloyflow.core.io.LabelMapIO.writePng(p.semLabels(), mask);
    Path sup = dir.resolve("sup");
    rc = new CommandLine(new FuseCommand()).execute("classify", "--sem", sem.toString(), "--eds",
        si.toString(), "--labels", mask.toString(), "--method", "xgb", "--regions", "--out",
        sup.toString());
    assertEquals(0, rc);
    JsonNode sp = CliSupport.JSON.readTree(sup.resolve("phases.json").toFile());
    assertTrue(sp.get("features").toString().contains("reg4_bse_mean")
        && sp.get("features").toString().contains("reg8_eds_Mg"), sp.get("features").toString());
    // the shipped fused U-Net (trained at 0.25 um / 8x; this pair is coarser, so no accuracy
    // claim): runs end to end, names its classes and records the model in phases.json
    Path un = dir.resolve("unet");
    rc = new CommandLine(new FuseCommand()).execute("classify", "--sem", sem.toString(), "--eds",
        si.toString(), "--method", "unet", "--labels", mask.toString(), "--out", un.toString());
    assertEquals(0, rc);
    JsonNode uj = CliSupport.JSON.readTree(un.resolve("phases.json").toFile());
    assertEquals("unet", uj.get("method").asText());
    assertEquals("[\"alpha-Al\",\"Si\",\"Mg2Si\",\"Al-Fe-Si\"]", uj.get("classes").toString());
    assertEquals(10, uj.get("unet").get("channels").size(), uj.toString());
    assertTrue(uj.get("unet").has("macroF1AgainstLabels"), uj.toString());
    assertTrue(Files.size(un.resolve("phases.png")) > 100);
    // a model that is neither a folder nor a shipped name: exit 2, one clear line
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream old = System.err;
    System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      rc = new CommandLine(new FuseCommand()).execute("classify", "--sem", sem.toString(),
          "--eds", si.toString(), "--method", "unet", "--model", "no-such-unet", "--out",
          un.toString());
    } finally {
      System.setErr(old);
    }
    assertEquals(2, rc);
    assertTrue(err.toString(java.nio.charset.StandardCharsets.UTF_8).contains(
        "al-alloy-fusion-unet"), err.toString(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void inclusionsReportsParticlesRuleSetAndEmptyFields(@TempDir Path dir) throws Exception {
    InclusionField f = InclusionField.generate(InclusionField.Params.defaults(), 41);
    Path bse = dir.resolve("bse.tif");
    MicrographIO.writeTiff(f.bse(), bse);
    Path out = dir.resolve("inc");
    assertEquals(0, new CommandLine(new InclusionsCommand()).execute("--bse", bse.toString(),
        "--out", out.toString()));
    JsonNode r = CliSupport.JSON.readTree(out.resolve("report.json").toFile());
    assertEquals("steel-inclusions", r.get("ruleSet").get("name").asText());
    assertTrue(r.get("cleanliness").get("particles").asInt() > 10, r.toString());
    assertTrue(Files.readAllLines(out.resolve("particles.csv")).size() > 10);
    assertTrue(Files.exists(out.resolve("ternary-Al2O3-CaO-MgO.png")));
    // a rule file with a syntax error: exit 2
    Path bad = dir.resolve("bad.rules");
    Files.writeString(bad, "ruleset x\nversion 1\nclass A: Al >=\n");
    assertEquals(2, new CommandLine(new InclusionsCommand()).execute("--bse", bse.toString(),
        "--rules", bad.toString(), "--out", out.toString()));
    // an image without particles: explicit empty result
    float[] px = new float[128 * 128];
    java.util.Arrays.fill(px, 30000f);
    Path empty = dir.resolve("empty.tif");
    MicrographIO.writeTiff(new Micrograph(128, 128, px, 16, 0.25e-6, SignalType.BSE), empty);
    Path out2 = dir.resolve("empty");
    assertEquals(0, new CommandLine(new InclusionsCommand()).execute("--bse", empty.toString(),
        "--out", out2.toString()));
    JsonNode e = CliSupport.JSON.readTree(out2.resolve("report.json").toFile());
    assertEquals(0, e.get("cleanliness").get("particles").asInt());
    assertTrue(e.get("note").asText().contains("no particles"));
  }
}
