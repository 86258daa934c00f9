package io.alloyflow.segmentation.unet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weighted soft voting of a pixel classifier and a U-Net, weights fitted on validation images. */
class EnsembleSegmenterTest {
  @TempDir Path tmp;

  /**
   * Two members that each get one class wrong: the "pixel classifier" confuses class 0 with 1,
   * the "U-Net" misses class 2. Per-class weights fitted on the images combine the right halves.
   */
  @Test
  void perClassWeightsCombineWhatEachMemberGetsRight() {
    int n = 300;
    int[] truth = new int[n];
    float[][] pixel = new float[3][n];
    float[][] unet = new float[3][n];
    for (int i = 0; i < n; i++) {
      int t = i < 140 ? 0 : i < 280 ? 1 : 2;
      truth[i] = t;
      // pixel classifier: classes 0 and 1 indistinguishable (slightly wrong), class 2 sure
      if (t == 2) {
        pixel[2][i] = 0.9f;
        pixel[0][i] = 0.05f;
        pixel[1][i] = 0.05f;
      } else {
        pixel[0][i] = t == 0 ? 0.44f : 0.46f;
        pixel[1][i] = t == 0 ? 0.46f : 0.44f;
        pixel[2][i] = 0.1f;
      }
      // U-Net: sure about 0 and 1, calls class 2 "0"
      unet[t == 2 ? 0 : t][i] = 0.8f;
      unet[t == 2 ? 1 : (t + 1) % 2][i] = 0.15f;
      unet[2][i] = t == 2 ? 0.05f : 0.05f;
    }
    List<float[][][]> members = List.<float[][][]>of(new float[][][] {pixel, unet});
    double pixelAlone = EnsembleSegmenter.score(members, List.of(truth), new double[] {1, 1, 1});
    double unetAlone = EnsembleSegmenter.score(members, List.of(truth), new double[] {0, 0, 0});
    EnsembleSegmenter.Fit fit = EnsembleSegmenter.fitWeights(members, List.of(truth));
    assertTrue(pixelAlone < 0.5 && unetAlone < 0.7, pixelAlone + " " + unetAlone);
    assertEquals(1.0, fit.mIoU(), 1e-12, fit.toString());
    assertArrayEquals(EnsembleSegmenter.combine(members.get(0), fit.pixelWeight()), truth);
    assertTrue(fit.sharedMIoU() <= fit.mIoU());
  }

  @Test
  void descriptorRejectsBadWeightsAndFoldersWithoutOneAreNotEnsembles() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> new EnsembleSegmenter.Descriptor(
        EnsembleSegmenter.FORMAT, List.of("a", "b"), new double[] {0.5, 1.5}, 0.9, "val"));
    assertThrows(IllegalArgumentException.class, () -> new EnsembleSegmenter.Descriptor(
        EnsembleSegmenter.FORMAT, List.of("a", "b"), new double[] {0.5}, 0.9, "val"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new EnsembleSegmenter.Descriptor("other/2", List.of("a", "b"),
            new double[] {0.5, 0.5}, 0.9, "val"));
    assertTrue(e.getMessage().contains("expected " + EnsembleSegmenter.FORMAT), e.getMessage());
    Path dir = Files.createDirectories(tmp.resolve("not-an-ensemble"));
    assertTrue(!EnsembleSegmenter.isEnsemble(dir));
    java.io.IOException io =
        assertThrows(java.io.IOException.class, () -> EnsembleSegmenter.load(dir));
    assertTrue(io.getMessage().contains(EnsembleSegmenter.FILE_NAME), io.getMessage());
  }
}
