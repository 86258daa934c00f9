package io.alloyflow.prediction.vqvae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.prediction.imagemodels.ImageFeatures;
import io.alloyflow.prediction.imagemodels.StrainExplainer;
import io.alloyflow.prediction.shap.ShapValues;
import io.alloyflow.synthetic.micromech.DpPhaseMaps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped VQ-VAE + PixelCNN fracture-strain model: checksums, loading, physical sense. */
class ShippedVqModelTest {

  /** The surrogate's fidelity floor: the shipped model card states the measured value. */
  static final double FIDELITY_FLOOR = 0.7;

  static final Path DIR =
      Path.of("../../models/fracture-strain-dp-vqvae").toAbsolutePath().normalize();

  @Test
  void shippedFilesMatchTheirChecksums() throws Exception {
    int files = io.alloyflow.core.models.ShippedModels.verify(
        new io.alloyflow.core.models.ShippedModels(DIR.getParent()).resolve("fracture-strain-dp-vqvae", null)).size();
    assertTrue(files >= 8, "SHA256SUMS lists " + files + " files");
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

  @Test
  void shapOverImageFeaturesAndCodeClustersIsAdditiveFaithfulAndSignsTheFraction()
      throws Exception {
    StrainExplainer ex = StrainExplainer.load(DIR);
    CodeClusters cc = CodeClusters.load(DIR);
    assertEquals(VqExplanations.CLUSTERS, cc.count());
    assertEquals(6 + VqExplanations.CLUSTERS, ex.players().size());
    assertTrue(ex.fidelityR2() > FIDELITY_FLOOR, "surrogate fidelity R2 " + ex.fidelityR2());
    assertTrue(Files.size(DIR.resolve(VqExplanations.PLOT)) > 1000);
    List<int[]> maps = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      maps.add(DpPhaseMaps.generate(new DpPhaseMaps.Params(32, 0.12, 2, 0, 2), 100 + s));
      maps.add(DpPhaseMaps.generate(new DpPhaseMaps.Params(32, 0.45, 2, 0, 2), 200 + s));
    }
    try (LikelihoodRegressor m = LikelihoodRegressor.load(DIR)) {
      ShapValues sv = ex.shapOfRows(VqExplanations.features(m.vqvae(), cc, maps, 32));
      assertTrue(sv.maxAdditivityError() < 1e-6, "additivity " + sv.maxAdditivityError());
      for (int s = 0; s < 3; s++) {
        // martensite fraction (player 0) raises the strain of a 12 % map, lowers a 45 % one's
        assertTrue(sv.values()[2 * s][0] > 0 && sv.values()[2 * s + 1][0] < 0,
            "fraction SHAP " + sv.values()[2 * s][0] + " / " + sv.values()[2 * s + 1][0]);
      }
    }
  }
}
