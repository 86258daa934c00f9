package io.alloyflow.prediction.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.prediction.micromech.MicromechDatasets;
import io.alloyflow.prediction.micromech.VolumeLabels;
import io.alloyflow.synthetic.micromech.GrainVolumes;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The load's symmetry group: its maps, and the solver's labels and the CNN input under them. */
class VolumeSymmetryTest {

  @Test
  void sixteenDistinctOrthogonalMapsThatKeepTheLoadAxis() {
    Set<String> seen = new HashSet<>();
    for (VolumeSymmetry.Op op : VolumeSymmetry.GROUP) {
      double[] m = op.matrix();
      assertTrue(seen.add(Arrays.toString(m)), "duplicate map " + op);
      // x goes to +-x
      assertEquals(1, Math.abs(m[0]), 0);
      assertEquals(0, m[3], 0);
      assertEquals(0, m[6], 0);
      for (int a = 0; a < 3; a++) {
        for (int b = 0; b < 3; b++) {
          double d = 0;
          for (int k = 0; k < 3; k++) {
            d += m[3 * a + k] * m[3 * b + k];
          }
          assertEquals(a == b ? 1 : 0, d, 1e-15, "M M^T of " + op);
        }
      }
    }
    assertEquals(16, seen.size());
    assertTrue(VolumeSymmetry.GROUP.get(0).isIdentity());
  }

  @Test
  void voxelMapsArePermutationsAndOrientationsStayRotations() {
    int n = 8;
    double[] g = GrainVolumes.generate(GrainVolumes.Params.random(16, 3, 0), 3).orientation()[0];
    for (VolumeSymmetry.Op op : VolumeSymmetry.GROUP) {
      int[] src = VolumeSymmetry.sourceIndex(n, op, new int[] {1, 6, 3});
      int[] sorted = src.clone();
      Arrays.sort(sorted);
      for (int i = 0; i < sorted.length; i++) {
        assertEquals(i, sorted[i], "not a permutation under " + op);
      }
      double[] h = VolumeSymmetry.orientation(g, op);
      double det = h[0] * (h[4] * h[8] - h[5] * h[7]) - h[1] * (h[3] * h[8] - h[5] * h[6])
          + h[2] * (h[3] * h[7] - h[4] * h[6]);
      assertEquals(1, det, 1e-12, "det of the mapped orientation under " + op);
    }
  }

  /**
   * The check that licenses the augmentation and the test-time averaging: the FFT solver gives a
   * mirrored / y-z exchanged / circularly shifted volume the same labels when every grain's
   * orientation is mapped with it, and different labels when it is not (so the check can fail).
   */
  @Test
  void solverLabelsAreInvariantUnderTheGroupWithMappedOrientations() {
    GrainVolumes.Volume v = MicromechDatasets.volume(16, 17, 0);
    VolumeLabels.Labels l0 = MicromechDatasets.volumeLabels(v);
    boolean anyDiffers = false;
    for (int k : new int[] {1, 6, 8, 13}) {
      VolumeSymmetry.Op op = VolumeSymmetry.GROUP.get(k);
      int[] shift = {3, 5, 11};
      int[] ids = VolumeSymmetry.grains(16, v.grainId(), op, shift);
      VolumeLabels.Labels l = MicromechDatasets.volumeLabels(
          new GrainVolumes.Volume(16, ids, VolumeSymmetry.orientations(v.orientation(), op)));
      assertEquals(l0.youngX(), l.youngX(), 1e-6 * l0.youngX(), "E under " + op);
      assertEquals(l0.hotSpotFraction(), l.hotSpotFraction(), 1e-12, "hot spots under " + op);
      assertEquals(l0.plasticFraction(), l.plasticFraction(), 1e-12, "plastic under " + op);
      assertEquals(l0.yieldOnset(), l.yieldOnset(), 1e-6 * l0.yieldOnset(), "yield under " + op);
      VolumeLabels.Labels wrong = MicromechDatasets.volumeLabels(
          new GrainVolumes.Volume(16, ids, v.orientation()));
      anyDiffers |= Math.abs(wrong.hotSpotFraction() - l0.hotSpotFraction()) > 1e-3;
    }
    assertTrue(anyDiffers, "unmapped orientations should change the hot-spot fraction");
  }

  @Test
  void symmetricInputOfAMappedVolumeIsThePermutedInput() {
    GrainVolumes.Volume v = MicromechDatasets.volume(16, 17, 5);
    float[] x = VolumeFeatures.symmetricInput(16, v.grainId(), v.orientation());
    int ch = VolumeFeatures.SYMMETRIC_CHANNELS;
    for (VolumeSymmetry.Op op : VolumeSymmetry.GROUP) {
      int[] shift = {7, 0, 2};
      float[] direct = VolumeFeatures.symmetricInput(16,
          VolumeSymmetry.grains(16, v.grainId(), op, shift),
          VolumeSymmetry.orientations(v.orientation(), op));
      float[] permuted = new float[x.length];
      VolumeSymmetry.permuteInto(x, ch, VolumeSymmetry.sourceIndex(16, op, shift), permuted, 0);
      assertArrayEquals(direct, permuted, 1e-6f, "input under " + op);
    }
    List<Float> gb = new java.util.ArrayList<>();
    for (int i = 3 * 4096; i < 4 * 4096; i++) {
      gb.add(x[i]);
    }
    assertTrue(gb.contains(0f) && gb.contains(1f), "grain-boundary channel has both values");
  }
}
