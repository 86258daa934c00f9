package io.alloyflow.prediction.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloyflow.prediction.micromech.MicromechDatasets;
import io.alloyflow.prediction.model.Metrics;
import io.alloyflow.synthetic.micromech.GrainVolumes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The shipped hot-spot model reproduces its recorded held-out numbers: the held-out volumes are
 * regenerated from the dataset seed (no dataset file needed), labelled by the solver and
 * predicted by the shipped ensemble. The default run checks the first {@value #FAST} held-out
 * volumes one by one and that the recorded table follows from the recorded predictions; {@code
 * -Dalloyflow.slow=true} regenerates all held-out volumes and recomputes R2 and MAE.
 */
class ShippedVolumeModelTest {

  static final Path DIR =
      Path.of("../../models/volume-hotspot-316l-cnn3d").toAbsolutePath().normalize();

  static final int FAST = 12;

  @Test
  void shippedFilesMatchTheirChecksums() throws Exception {
    int files = io.alloyflow.core.models.ShippedModels.verify(
        new io.alloyflow.core.models.ShippedModels(DIR.getParent()).resolve("volume-hotspot-316l-cnn3d", null)).size();
    assertTrue(files >= 8, "SHA256SUMS lists " + files + " files");
  }

  @Test
  void recordedTableFollowsFromRecordedPredictionsAndTheCnnWins() throws Exception {
    JsonNode rep = new ObjectMapper().readTree(DIR.resolve("report.json").toFile());
    Csv c = Csv.read(DIR.resolve("predictions.csv"));
    assertEquals(rep.path("split").path("test").asInt(), c.rows.length);
    double[] y = c.col("label");
    JsonNode test = rep.path("test");
    String[] cols = {"ridge", "xgboost", "cnn_single", "cnn_single_tta", "cnn_ensemble_tta"};
    for (int k = 0; k < cols.length; k++) {
      double[] p = c.col(cols[k]);
      assertEquals(test.get(k).path("r2").asDouble(), Metrics.r2(y, p), 2e-5, cols[k] + " R2");
      assertEquals(test.get(k).path("mae").asDouble(), Metrics.mae(y, p), 2e-6, cols[k] + " MAE");
    }
    double[] ens = c.col("cnn_ensemble_tta");
    double[] xgb = c.col("xgboost");
    double[] ridge = c.col("ridge");
    assertTrue(Metrics.r2(y, ens) > Metrics.r2(y, xgb) && Metrics.mae(y, ens) < Metrics.mae(y, xgb),
        "the shipped ensemble beats XGBoost on the held-out volumes");
    assertTrue(Metrics.r2(y, ens) > Metrics.r2(y, ridge) && Metrics.mae(y, ens) < Metrics.mae(y, ridge),
        "the shipped ensemble beats ridge on the held-out volumes");
  }

  @Test
  void firstHeldOutVolumesRegenerateToTheRecordedLabelsAndPredictions() throws Exception {
    check(FAST);
  }

  @Test
  @EnabledIfSystemProperty(named = "alloyflow.slow", matches = "true")
  void allHeldOutVolumesReproduceTheRecordedMetric() throws Exception {
    check(Integer.MAX_VALUE);
  }

  private static void check(int limit) throws Exception {
    JsonNode rep = new ObjectMapper().readTree(DIR.resolve("report.json").toFile());
    int side = rep.path("dataset").path("side").asInt();
    long seed = rep.path("dataset").path("seed").asLong();
    Csv c = Csv.read(DIR.resolve("predictions.csv"));
    int n = Math.min(limit, c.rows.length);
    double[] yRec = c.col("label");
    double[] pRec = c.col("cnn_ensemble_tta");
    float[][] x = new float[n][];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      GrainVolumes.Volume v = MicromechDatasets.volume(side, seed, (long) c.rows[i][0]);
      y[i] = MicromechDatasets.volumeLabels(v).hotSpotFraction();
      assertEquals(yRec[i], y[i], 1e-6, "label of held-out volume " + (long) c.rows[i][0]);
      x[i] = VolumeFeatures.symmetricInput(side, v.grainId(), v.orientation());
    }
    double[] p;
    try (VolumeEnsemble e = VolumeEnsemble.load(DIR)) {
      p = e.predict(x, true)[0];
    }
    for (int i = 0; i < n; i++) {
      assertEquals(pRec[i], p[i], 5e-5, "prediction for held-out volume " + (long) c.rows[i][0]);
    }
    if (n == c.rows.length) {
      JsonNode ens = rep.path("test").get(4);
      assertEquals(ens.path("r2").asDouble(), Metrics.r2(y, p), 1e-4);
      assertEquals(ens.path("mae").asDouble(), Metrics.mae(y, p), 1e-5);
    }
  }

  /** predictions.csv. */
  record Csv(List<String> header, double[][] rows) {
    static Csv read(Path p) throws Exception {
      List<String> lines = Files.readAllLines(p);
      List<String> h = List.of(lines.get(0).split(","));
      double[][] r = new double[lines.size() - 1][];
      for (int i = 1; i < lines.size(); i++) {
        String[] f = lines.get(i).split(",");
        r[i - 1] = new double[f.length];
        for (int k = 0; k < f.length; k++) {
          r[i - 1][k] = Double.parseDouble(f[k]);
        }
      }
      return new Csv(h, r);
    }

    double[] col(String name) {
      int k = header.indexOf(name);
      assertTrue(k >= 0, "column " + name + " in " + header);
      double[] out = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        out[i] = rows[i][k];
      }
      return out;
    }
  }
}
