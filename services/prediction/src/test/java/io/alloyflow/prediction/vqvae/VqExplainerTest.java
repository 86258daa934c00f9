package io.alloyflow.prediction.vqvae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.prediction.imagemodels.ImageFeatures;
import io.alloyflow.prediction.imagemodels.StrainExplainer;
import io.alloyflow.prediction.shap.ShapValues;
import io.alloyflow.synthetic.micromech.DpPhaseMaps;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Code-cluster features and the SHAP surrogate over image features + cluster areas. */
class VqExplainerTest {

  @TempDir Path tmp;

  /**
   * Three well-separated groups of code vectors; group g codes the 2x2 patches with g martensite
   * pixels of 2 (0, 1 or 2 of the top row), so the clusters must come back as the groups, ordered
   * by martensite share.
   */
  @Test
  void kMeansRecoversSeparatedCodeGroupsOrderedByMartensite() throws Exception {
    SplittableRandom r = new SplittableRandom(3);
    int k = 12;
    float[][] book = new float[k][];
    int[] group = new int[k];
    double[][] centre = {{10, 0}, {0, 10}, {-10, -10}};
    for (int i = 0; i < k; i++) {
      group[i] = i % 3;
      book[i] = new float[] {(float) (centre[group[i]][0] + r.nextGaussian()),
          (float) (centre[group[i]][1] + r.nextGaussian())};
    }
    // 4x4 maps, 2x2 code map (cell 2): code i on a patch whose top row holds group[i] martensite
    int side = 4;
    int n = 30;
    int[][] codes = new int[n][4];
    float[][] maps = new float[n][side * side];
    for (int t = 0; t < n; t++) {
      for (int q = 0; q < 4; q++) {
        int c = r.nextInt(k);
        codes[t][q] = c;
        int y0 = (q / 2) * 2;
        int x0 = (q % 2) * 2;
        for (int x = 0; x < group[c]; x++) {
          maps[t][y0 * side + x0 + x] = 1f;
        }
      }
    }
    CodeClusters cc = CodeClusters.fit(book, 3, codes, maps, side, 7);
    for (int i = 0; i < k; i++) {
      // group g has share g / 4 (g of 4 patch pixels): cluster rank = group
      assertEquals(group[i], cc.clusterOfCode()[i], "code " + i);
    }
    assertArrayEquals(new double[] {0, 0.25, 0.5}, cc.martensiteShare(), 1e-12);
    assertEquals(1.0, java.util.Arrays.stream(cc.usage()).sum(), 1e-12);
    double[] a = cc.areas(new int[] {0, 3, 1, 2});
    assertArrayEquals(new double[] {0.5, 0.25, 0.25}, a, 1e-12);
    assertEquals(List.of("code_cluster_0", "code_cluster_1", "code_cluster_2"), cc.columns());
    assertTrue(cc.playerNames().get(2).contains("M 0.50"), cc.playerNames().toString());
    cc.save(tmp);
    CodeClusters back = CodeClusters.load(tmp);
    assertArrayEquals(cc.clusterOfCode(), back.clusterOfCode());
    var e = assertThrows(IllegalArgumentException.class, () -> cc.areas(new int[] {12}));
    assertTrue(e.getMessage().contains("outside the codebook"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> CodeClusters.fit(book, 13, codes, maps, side, 7));
  }

  /**
   * A model that depends on the fraction and on one "cluster area" column: the surrogate over
   * image features + two area columns is faithful on held-out maps, additive, and gives the
   * cluster player a share while a column no player holds is refused.
   */
  @Test
  void surrogateOverImageFeaturesAndClusterAreasIsFaithfulAndAdditive() {
    int n = 160;
    int side = 32;
    double[][] raw = new double[n][];
    double[] y = new double[n];
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < n; i++) {
      int[] m = DpPhaseMaps.generate(DpPhaseMaps.Params.random(side, 61, i), 61L * 100_003L + i);
      double[] f = ImageFeatures.of(m, side);
      double u = r.nextDouble();
      raw[i] = java.util.Arrays.copyOf(f, f.length + 2);
      raw[i][f.length] = u;
      raw[i][f.length + 1] = 1 - u;
      y[i] = 0.45 - 0.7 * f[0] + 0.08 * u;
    }
    List<String> names = new ArrayList<>(ImageFeatures.NAMES);
    names.addAll(List.of("code_cluster_0", "code_cluster_1"));
    List<List<String>> defs = new ArrayList<>(StrainExplainer.PLAYER_DEFS);
    defs.add(List.of("code cluster 0", "code_cluster_0"));
    defs.add(List.of("code cluster 1", "code_cluster_1"));
    StrainExplainer ex = StrainExplainer.fitOn(raw, names, defs, y, 120, 5, "test maps");
    assertTrue(ex.fidelityR2() > 0.95, "fidelity " + ex.fidelityR2());
    ShapValues sv = ex.shapOfRows(java.util.Arrays.copyOfRange(raw, 120, n));
    assertTrue(sv.maxAdditivityError() < 1e-6, "additivity " + sv.maxAdditivityError());
    double[] ma = sv.meanAbs();
    assertEquals(8, ma.length);
    assertTrue(ma[0] > ma[6] + ma[7], "fraction first: " + java.util.Arrays.toString(ma));
    assertTrue(ma[6] + ma[7] > 0.01, "the cluster area carries its effect: "
        + java.util.Arrays.toString(ma));
    var e = assertThrows(IllegalArgumentException.class,
        () -> ex.explain(List.of(new int[side * side]), side));
    assertTrue(e.getMessage().contains("explainRows"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> StrainExplainer.fitOn(raw, names,
        StrainExplainer.PLAYER_DEFS, y, 120, 5, "test maps"));
    assertTrue(e.getMessage().contains("code_cluster_0 belongs to no player"), e.getMessage());
  }
}
