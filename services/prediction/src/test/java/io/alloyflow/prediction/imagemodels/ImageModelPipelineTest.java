package io.alloyflow.prediction.imagemodels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.prediction.imagemodels.cli.MicromechCli;
import io.alloyflow.prediction.micromech.MicromechDatasets;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Tiny end-to-end runs: dataset, training, saved model, CLI predict and its errors. */
class ImageModelPipelineTest {

  @TempDir Path tmp;

  static CommandLine cli() {
    return MicromechCli.standalone();
  }

  @Test
  void fractureStrainDatasetTrainsSavesAndPredicts() throws Exception {
    Path data = tmp.resolve("ds");
    // coarse load steps: this test checks the plumbing, the solver has its own tests
    var ds = MicromechDatasets.buildFracture(data, 10, 16, 3, 1,
        new io.alloyflow.prediction.micromech.DpPhase[] {
            io.alloyflow.prediction.micromech.DpPhase.ferrite(),
            io.alloyflow.prediction.micromech.DpPhase.martensite()},
        new io.alloyflow.prediction.micromech.DpTension.Settings(0.025, 0.5, 1e-3, 3000, 1));
    var back = MicromechDatasets.readFracture(data);
    assertArrayEquals(ds.fractureStrain(), back.fractureStrain(), 1e-6);
    assertArrayEquals(ds.maps().get(5), back.maps().get(5));
    String prov = Files.readString(data.resolve("provenance.json"));
    assertTrue(prov.contains("dp-tension-") && prov.contains("dp-phase-maps-"), prov);

    Path model = tmp.resolve("model");
    var scores = ImageModelTraining.fractureStrain(data, model,
        new ImageModelTraining.Sizes(2, 4, 4, 1e-3, 0.25, 1, true));
    assertEquals(3, scores.size());
    for (var s : scores) {
      assertTrue(Double.isFinite(s.mae()), s.toString());
    }
    assertTrue(Files.readString(model.resolve("REPORT.md")).contains("2D CNN"));
    assertTrue(Files.readString(model.resolve("SHA256SUMS")).contains("cnn-0000.params"));
    assertTrue(Files.size(model.resolve("shap_importance.png")) > 100);
    assertTrue(Files.readString(model.resolve("report.json")).contains("banding_index"));

    // the saved CNN reloads to the same predictions
    float[][] x = {ImageFeatures.cnnInput(ds.maps().get(0))};
    try (ConvRegressor a = ConvRegressor.load(model); ConvRegressor b = ConvRegressor.load(model)) {
      assertEquals(a.predict(x)[0], b.predict(x)[0], 1e-9);
    }

    // CLI predict on a PNG phase map
    Path png = tmp.resolve("map.png");
    writeMap(ds.maps().get(0), 16, png);
    int rc = cli().execute("predict", "fracture-strain", "--model", model.toString(), "--out",
        tmp.resolve("pred").toString(), png.toString());
    assertEquals(0, rc);
    assertTrue(Files.readString(tmp.resolve("pred/predictions.csv")).contains("map.png"));

    // wrong size, three classes, wrong model kind: clear errors, exit code 2
    Path big = tmp.resolve("big.png");
    ImageIO.write(new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_GRAY), "png", big.toFile());
    assertEquals(2, run("predict", "fracture-strain", "--model", model.toString(), "--out",
        tmp.resolve("p2").toString(), big.toString()).rc, "wrong size");
    assertTrue(run("predict", "fracture-strain", "--model", model.toString(), "--out",
        tmp.resolve("p2").toString(), big.toString()).err.contains("16x16"));
    BufferedImage three = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
    three.getRaster().setSample(0, 0, 0, 128);
    three.getRaster().setSample(1, 0, 0, 255);
    Path tp = tmp.resolve("three.png");
    ImageIO.write(three, "png", tp.toFile());
    Out o = run("predict", "fracture-strain", "--model", model.toString(), "--out",
        tmp.resolve("p3").toString(), tp.toString());
    assertEquals(2, o.rc);
    assertTrue(o.err.contains("2 classes"), o.err);
    Out w = run("predict", "volume-property", "--model", model.toString(), "--out",
        tmp.resolve("p4").toString(), data.toString());
    assertEquals(2, w.rc);
    assertTrue(w.err.contains("fracture-strain"), w.err);
  }

  @Test
  void volumePropertyDatasetTrainsAndPredicts() throws Exception {
    Path data = tmp.resolve("vol");
    var ds = MicromechDatasets.buildVolumes(data, 10, 8, 5, 1);
    var c = io.alloyflow.prediction.micromech.CubicCrystal.steel316L();
    for (double e : ds.youngGpa()) {
      // any aggregate lies between the single-crystal <100> and <111> moduli (~102 and ~285 GPa)
      assertTrue(e > c.youngAlong(1, 0, 0) / 1e9 && e < c.youngAlong(1, 1, 1) / 1e9,
          "316L polycrystal E_x " + e);
    }
    Path model = tmp.resolve("vmodel");
    var scores = ImageModelTraining.volumeProperty(data, "young", model,
        new ImageModelTraining.Sizes(2, 4, 4, 1e-3, 0.3, 1, true));
    assertEquals(3, scores.size());
    Out o = run("predict", "volume-property", "--model", model.toString(), "--out",
        tmp.resolve("vp").toString(), data.toString());
    assertEquals(0, o.rc, o.err);
    Out bad = run("predict", "volume-property", "--model", model.toString(), "--out",
        tmp.resolve("vp2").toString(), tmp.toString());
    assertEquals(2, bad.rc);
    assertTrue(bad.err.contains("not a grain-volume"), bad.err);
  }

  @Test
  void shippedModelsMatchTheirChecksumsAndLoad() throws Exception {
    Path models = Path.of("../../models").toAbsolutePath().normalize();
    for (String name : new String[] {"fracture-strain-dp-cnn", "volume-young-316l-cnn3d"}) {
      Path dir = models.resolve(name);
      for (String line : Files.readAllLines(dir.resolve("SHA256SUMS"))) {
        String[] f = line.split("\\s+");
        byte[] b = Files.readAllBytes(dir.resolve(f[1]));
        String sha = java.util.HexFormat.of().formatHex(
            java.security.MessageDigest.getInstance("SHA-256").digest(b));
        assertEquals(f[0], sha, name + "/" + f[1]);
      }
      try (ConvRegressor m = ConvRegressor.load(dir)) {
        int side = m.config().side();
        int len = m.config().channels() * (int) Math.pow(side, m.config().dims());
        double p = m.predict(new float[][] {new float[len]})[0];
        assertTrue(Double.isFinite(p), name + " predicts " + p);
      }
    }
    // a 40 % martensite band map fails earlier than a 10 % one, by the shipped fracture model
    try (ConvRegressor m = ConvRegressor.load(models.resolve("fracture-strain-dp-cnn"))) {
      var lo = io.alloyflow.synthetic.micromech.DpPhaseMaps.generate(
          new io.alloyflow.synthetic.micromech.DpPhaseMaps.Params(32, 0.10, 2, 0, 2), 1);
      var hi = io.alloyflow.synthetic.micromech.DpPhaseMaps.generate(
          new io.alloyflow.synthetic.micromech.DpPhaseMaps.Params(32, 0.45, 2, 0, 2), 1);
      double[] p = m.predict(new float[][] {ImageFeatures.cnnInput(lo), ImageFeatures.cnnInput(hi)});
      assertTrue(p[0] > p[1], "10 % martensite " + p[0] + " vs 45 % " + p[1]);
    }
  }

  record Out(int rc, String err) {}

  static Out run(String... args) {
    PrintStream old = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true));
    try {
      int rc = cli().execute(args);
      return new Out(rc, buf.toString());
    } finally {
      System.setErr(old);
    }
  }

  static void writeMap(int[] m, int n, Path p) throws Exception {
    BufferedImage bi = new BufferedImage(n, n, BufferedImage.TYPE_BYTE_GRAY);
    for (int i = 0; i < m.length; i++) {
      bi.getRaster().setSample(i % n, i / n, 0, m[i] == 1 ? 255 : 0);
    }
    ImageIO.write(bi, "png", p.toFile());
  }
}
