package io.alloyflow.prediction.vqvae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.prediction.imagemodels.ImageFeatures;
import io.alloyflow.synthetic.micromech.DpPhaseMaps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped VQ-VAE + PixelCNN fracture-strain model: checksums, loading, physical sense. */
class ShippedVqModelTest {

  static final Path DIR =
      Path.of("../../models/fracture-strain-dp-vqvae").toAbsolutePath().normalize();

  @Test
  void shippedFilesMatchTheirChecksums() throws Exception {
    List<String> lines = Files.readAllLines(DIR.resolve("SHA256SUMS"));
    assertTrue(lines.size() >= 8, "SHA256SUMS lists " + lines.size() + " files");
    for (String line : lines) {
      String[] f = line.split("\\s+", 2);
      assertEquals(f[0], VqStrainTraining.sha(DIR.resolve(f[1])), f[1]);
    }
  }

  @Test
  void moreMartensiteMeansLowerPredictedStrainAndRedOverMartensite() throws Exception {
    try (LikelihoodRegressor m = LikelihoodRegressor.load(DIR)) {
      assertEquals(512, m.vqvae().config().codes());
      float[][] maps = new float[6][];
      for (int s = 0; s < 3; s++) {
        maps[2 * s] = ImageFeatures.cnnInput(
            DpPhaseMaps.generate(new DpPhaseMaps.Params(32, 0.12, 2, 0, 2), 100 + s));
        maps[2 * s + 1] = ImageFeatures.cnnInput(
            DpPhaseMaps.generate(new DpPhaseMaps.Params(32, 0.45, 2, 0, 2), 200 + s));
      }
      LikelihoodRegressor.Prediction[] p = m.predict(maps);
      for (int s = 0; s < 3; s++) {
        assertTrue(p[2 * s].mean() > p[2 * s + 1].mean(), "12 % martensite " + p[2 * s].mean()
            + " vs 45 % " + p[2 * s + 1].mean());
        assertTrue(p[2 * s].sd() > 0 && p[2 * s].sd() < 0.2, "posterior sd " + p[2 * s].sd());
      }
      // the critical (low-strain) evidence sits on martensite: negative correlation of the
      // per-position likelihood difference with the cell's martensite fraction
      double[] r = VqStrainTraining.criticalCorrelations(m, maps, 32, 8);
      assertTrue(r[0] < 0, "correlation with martensite fraction " + r[0]);
    }
  }
}
