package io.alloyflow.prediction.vqvae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.prediction.imagemodels.cli.MicromechCli;
import io.alloyflow.prediction.micromech.DpPhase;
import io.alloyflow.prediction.micromech.DpTension;
import io.alloyflow.prediction.micromech.MicromechDatasets;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LikelihoodRegressorTest {

  @TempDir Path tmp;

  @Test
  void quantileBinsHoldEqualSharesAndTheirMeans() {
    double[] y = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};
    var b = LikelihoodRegressor.Bins.quantiles(y, 4);
    assertArrayEquals(new double[] {0.3, 0.5, 0.7}, b.edges(), 1e-12);
    assertArrayEquals(new double[] {0.15, 0.35, 0.55, 0.75}, b.centres(), 1e-12);
    assertEquals(0, b.of(0.0));
    assertEquals(1, b.of(0.3));
    assertEquals(3, b.of(9));
    assertEquals(1.0, java.util.Arrays.stream(b.prior()).sum(), 1e-12);
    assertThrows(IllegalArgumentException.class,
        () -> LikelihoodRegressor.Bins.quantiles(new double[] {1, 2}, 3));
  }

  @Test
  void softConditioningIsAKernelOverTheBinAxis() {
    var b = new LikelihoodRegressor.Bins(new double[] {0.2, 0.4}, new double[] {0.1, 0.3, 0.5},
        new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0});
    assertEquals(0, b.position(-1), 1e-12);
    assertEquals(1.5, b.position(0.4), 1e-12);
    assertEquals(2, b.position(7), 1e-12);
    assertArrayEquals(new float[] {0, 1, 0}, b.condition(0.25, 0), 0f);
    assertArrayEquals(new float[] {0, 0, 1}, b.conditionOfBin(2, 0), 0f);
    float[] c = b.condition(0.3, 1);
    assertEquals(1.0, c[0] + c[1] + c[2], 1e-6);
    assertEquals(c[0], c[2], 1e-7);
    assertEquals(Math.exp(-0.5), c[0] / c[1], 1e-6);
    float[] h = b.condition(0.4, 1);
    assertEquals(h[1], h[2], 1e-7);
    assertTrue(h[0] < h[1]);
    assertThrows(IllegalArgumentException.class, () -> b.condition(0.3, -1));
    assertThrows(IllegalArgumentException.class, () -> b.condition(Double.NaN, 1));
  }

  @Test
  void posteriorFollowsBayesAndTheTemperatureFlattensIt() {
    VqVae.Config vc = new VqVae.Config(16, 4, 4, 8, 0, 4, 0.01, 0.25, 0.9, 5, 1, false);
    float[][] maps = VqVaeTest.toyMaps();
    var bins = new LikelihoodRegressor.Bins(new double[] {0.2}, new double[] {0.1, 0.3},
        new double[] {0.5, 0.5});
    try (VqVae vq = VqVae.train(maps, vc);
        PixelCnnPrior p = PixelCnnPrior.untrained(
            new PixelCnnPrior.Config(8, 4, 4, 4, 1, 3, 2, 0, 4, 0.01, 1))) {
      LikelihoodRegressor r = new LikelihoodRegressor(vq, p, bins, 2, 1, 3);
      // equal likelihoods: the prior mean; log-odds ln 3: posterior (1/4, 3/4)
      var e = r.fromLogLikelihoods(new double[][] {{-10, -10}, {-10, -10 + Math.log(3)}});
      assertEquals(0.2, e[0].mean(), 1e-12);
      assertEquals(0.1, e[0].sd(), 1e-12);
      assertEquals(0.25, e[1].posterior()[0], 1e-12);
      assertEquals(0.25, e[1].mean(), 1e-12);
      assertEquals(1, e[1].mapBin());
      var t = r.withTemperature(Math.log(3) / Math.log(2)).fromLogLikelihoods(
          new double[][] {{-10, -10 + Math.log(3)}});
      assertEquals(1 / 3.0, t[0].posterior()[0], 1e-12);
      // the likelihood path runs end to end and the critical map has one value per code
      double[][] ll = r.logLikelihoods(new float[][] {maps[0], maps[1]});
      assertEquals(2, ll[1].length);
      assertEquals(16, r.criticalMap(maps[2]).length);
      assertThrows(IllegalArgumentException.class,
          () -> r.logLikelihoods(new float[][] {new float[7]}));
      // a prior for another codebook is refused
      try (PixelCnnPrior other = PixelCnnPrior.untrained(
          new PixelCnnPrior.Config(9, 4, 4, 4, 1, 3, 2, 0, 4, 0.01, 1))) {
        var ex = assertThrows(IllegalArgumentException.class,
            () -> new LikelihoodRegressor(vq, other, bins, 1, 1, 1));
        assertTrue(ex.getMessage().contains("9 codes"), ex.getMessage());
      }
    }
  }

  @Test
  void tinyDatasetTrainsAgainstTheBaselinesAndTheCliPredictsWithOverlays() throws Exception {
    Path data = tmp.resolve("ds");
    var ds = MicromechDatasets.buildFracture(data, 12, 16, 4, 1,
        new DpPhase[] {DpPhase.ferrite(), DpPhase.martensite()},
        new DpTension.Settings(0.025, 0.5, 1e-3, 3000, 1));
    Path model = tmp.resolve("model");
    var cli = MicromechCli.standalone();
    int rc = cli.execute("train", "fracture-strain", "--method", "vqvae", "--data",
        data.toString(), "--out", model.toString(), "--codes", "16", "--vq-epochs", "2",
        "--prior-epochs", "2", "--prior-channels", "8", "--prior-layers", "2", "--bins", "2",
        "--versions", "2", "--tta", "2", "--epochs", "1", "--width", "4", "--batch", "4",
        "--test-fraction", "0.25");
    assertEquals(0, rc);
    String report = Files.readString(model.resolve("REPORT.md"));
    assertTrue(report.contains("VQ-VAE + PixelCNN (posterior mean)")
        && report.contains("2D CNN (direct regression)") && report.contains("ridge"), report);
    assertTrue(report.contains("perplexity"), report);
    String sums = Files.readString(model.resolve("SHA256SUMS"));
    assertTrue(sums.contains("vqvae/vqvae-0000.params") && sums.contains("prior/pixelcnn-0000.params"),
        sums);
    try (var crit = Files.list(model.resolve("critical"))) {
      // lowest, a third, two thirds and highest test strain (3 distinct of the 3 test maps)
      assertEquals(3, crit.filter(f -> f.toString().endsWith(".png")).count());
    }

    Path png = tmp.resolve("map one.png");
    BufferedImage bi = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
    int[] m = ds.maps().get(0);
    for (int i = 0; i < m.length; i++) {
      bi.getRaster().setSample(i % 16, i / 16, 0, m[i] == 1 ? 255 : 0);
    }
    ImageIO.write(bi, "png", png.toFile());
    Path out = tmp.resolve("pred");
    assertEquals(0, cli.execute("predict", "fracture-strain", "--model", model.toString(),
        "--out", out.toString(), png.toString()));
    String csv = Files.readString(out.resolve("predictions.csv"));
    assertTrue(csv.startsWith("image,martensite_fraction,fracture_strain,fracture_strain_sd"), csv);
    BufferedImage overlay = ImageIO.read(out.resolve("critical-map_one.png").toFile());
    assertEquals(256, overlay.getWidth());

    // maps of other seeds added to the training side only, soft conditioning, cosine schedule
    Path extra = tmp.resolve("extra");
    MicromechDatasets.buildFracture(extra, 6, 16, 5, 1,
        new DpPhase[] {DpPhase.ferrite(), DpPhase.martensite()},
        new DpTension.Settings(0.025, 0.5, 1e-3, 3000, 1));
    Path model2 = tmp.resolve("model2");
    assertEquals(0, cli.execute("train", "fracture-strain", "--method", "vqvae", "--data",
        data.toString(), "--extra-train", extra.toString(), "--out", model2.toString(), "--codes",
        "16", "--vq-epochs", "1", "--prior-epochs", "1", "--prior-channels", "8",
        "--prior-layers", "2", "--bins", "3", "--versions", "1", "--tta", "1", "--epochs", "0",
        "--batch", "4", "--test-fraction", "0.25", "--cond-width", "1",
        "--prior-lr-schedule", "cosine"));
    var rep2 = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        model2.resolve("report.json").toFile());
    assertEquals(3, rep2.path("split").path("test").asInt());
    assertEquals(15, rep2.path("trainingMaps").asInt());
    assertEquals(6, rep2.path("extraTraining").get(0).path("maps").asInt());
    try (LikelihoodRegressor back = LikelihoodRegressor.load(model2)) {
      assertEquals(1.0, back.conditioningWidth(), 0);
      assertTrue(back.prior().config().cosineDecay());
    }
    // SHAP over image features + code-cluster areas, fitted to the VQ model's predictions
    assertEquals(0, cli.execute("train", "fracture-strain-explainer", "--model",
        model2.toString(), "--maps", "40", "--seed", "3"));
    var ex = io.alloyflow.prediction.imagemodels.StrainExplainer.load(model2);
    assertEquals(14, ex.players().size());
    assertTrue(ex.players().get(6).startsWith("code cluster 0"), ex.players().toString());
    assertEquals(8, CodeClusters.load(model2).count());
    BufferedImage bars = ImageIO.read(model2.resolve(VqExplanations.PLOT).toFile());
    assertTrue(bars.getHeight() > 14 * 20, "one bar per player: " + bars.getHeight());
    String sums2 = Files.readString(model2.resolve("SHA256SUMS"));
    assertTrue(sums2.contains("explainer.json") && sums2.contains("code-clusters.json")
        && sums2.contains(VqExplanations.PLOT), sums2);

    Path out2 = tmp.resolve("pred2");
    assertEquals(0, cli.execute("predict", "fracture-strain", "--model", model2.toString(),
        "--out", out2.toString(), png.toString()));
    String csv2 = Files.readString(out2.resolve("predictions.csv"));
    assertTrue(csv2.startsWith("image,martensite_fraction,fracture_strain,fracture_strain_sd,"
        + "critical_overlay,shap_waterfall,surrogate"), csv2);
    assertTrue(ImageIO.read(out2.resolve("shap-map_one.png").toFile()).getWidth() > 100);

    // an extra dataset with the main dataset's seed could repeat held-out maps: refused
    Path same = tmp.resolve("same");
    MicromechDatasets.buildFracture(same, 6, 16, 4, 1,
        new DpPhase[] {DpPhase.ferrite(), DpPhase.martensite()},
        new DpTension.Settings(0.025, 0.5, 1e-3, 3000, 1));
    var err = new java.io.ByteArrayOutputStream();
    var old = System.err;
    System.setErr(new java.io.PrintStream(err, true));
    try {
      assertEquals(2, cli.execute("train", "fracture-strain", "--method", "vqvae", "--data",
          data.toString(), "--extra-train", same.toString(), "--out",
          tmp.resolve("z").toString(), "--codes", "16", "--vq-epochs", "1"));
      // a baseline trained without the extra maps is no fair comparison
      assertEquals(2, cli.execute("train", "fracture-strain", "--method", "vqvae", "--data",
          data.toString(), "--extra-train", extra.toString(), "--baseline-model",
          model.toString(), "--out", tmp.resolve("w").toString()));
      assertEquals(2, cli.execute("train", "fracture-strain", "--method", "vqvae", "--data",
          data.toString(), "--prior-lr-schedule", "steps", "--out", tmp.resolve("v").toString()));
    } finally {
      System.setErr(old);
    }
    String msg = err.toString();
    assertTrue(msg.contains("reuses generator seed 4"), msg);
    assertTrue(msg.contains("not a fair comparison"), msg);
    assertTrue(msg.contains("must be fixed or cosine"), msg);

    assertEquals(2, cli.execute("train", "fracture-strain", "--method", "bogus", "--data",
        data.toString(), "--out", tmp.resolve("x").toString()));
    assertEquals(2, cli.execute("train", "volume-property", "--method", "vqvae", "--data",
        data.toString(), "--out", tmp.resolve("y").toString()));
  }
}
