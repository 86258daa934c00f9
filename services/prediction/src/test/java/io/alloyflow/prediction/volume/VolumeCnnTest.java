package io.alloyflow.prediction.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.alloyflow.prediction.model.TorchRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The symmetric volume CNN: periodic padding, invariances, ensemble save / load. */
class VolumeCnnTest {

  @TempDir Path tmp;

  @Test
  void circularPaddingWrapsEveryAxis() {
    try (NDManager m = TorchRuntime.engine().newBaseManager()) {
      NDArray x = m.arange(64f).reshape(new Shape(1, 1, 4, 4, 4));
      NDArray p = VolumeCnn.circularPad(new NDList(x)).singletonOrThrow();
      assertEquals(new Shape(1, 1, 6, 6, 6), p.getShape());
      float[] v = p.toFloatArray();
      // padded (z, y, x) = (0, 0, 0) is original (3, 3, 3); (5, 5, 5) is (0, 0, 0); (1, 2, 5) is (0, 1, 0)
      assertEquals(63f, v[0], 0);
      assertEquals(0f, v[(5 * 6 + 5) * 6 + 5], 0);
      assertEquals(4f, v[(1 * 6 + 2) * 6 + 5], 0);
    }
  }

  static float[][] randomVolumes(int count, int side, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] x = new float[count][VolumeFeatures.SYMMETRIC_CHANNELS * side * side * side];
    for (float[] v : x) {
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) r.nextDouble();
      }
    }
    return x;
  }

  @Test
  void averagedPredictionIsInvariantUnderTheGroupAndStrideShifts() {
    int side = 8;
    float[][] x = randomVolumes(12, side, 1);
    double[] y = new double[x.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = x[i][0] + x[i][100];
    }
    VolumeCnn.Config c = new VolumeCnn.Config(VolumeFeatures.SYMMETRIC_CHANNELS, side, 4, 2, 4,
        1e-3, 3);
    try (VolumeCnn cnn = VolumeCnn.train(x, y, c)) {
      float[][] probe = {x[0], x[1]};
      double[] base = cnn.predict(probe, true);
      double[] plain = cnn.predict(probe, false);
      boolean anyOpChangesPlain = false;
      for (VolumeSymmetry.Op op : VolumeSymmetry.GROUP) {
        // shifts by multiples of the total pooling stride 4
        int[] src = VolumeSymmetry.sourceIndex(side, op, new int[] {4, 0, 4});
        float[][] moved = new float[2][x[0].length];
        for (int k = 0; k < 2; k++) {
          VolumeSymmetry.permuteInto(probe[k], c.channels(), src, moved[k], 0);
        }
        double[] p = cnn.predict(moved, true);
        double[] q = cnn.predict(moved, false);
        for (int k = 0; k < 2; k++) {
          assertEquals(base[k], p[k], 1e-5 * (1 + Math.abs(base[k])), "TTA under " + op);
          anyOpChangesPlain |= Math.abs(q[k] - plain[k]) > 1e-7;
        }
      }
      // one network is not invariant to the mirrors by construction (the averaging makes it so)
      assertTrue(anyOpChangesPlain, "a single pass should differ for some map");
      // a pure circular shift by the stride leaves a single pass unchanged
      int[] src = VolumeSymmetry.sourceIndex(side, VolumeSymmetry.GROUP.get(0), new int[] {4, 4, 0});
      float[] moved = new float[x[0].length];
      VolumeSymmetry.permuteInto(x[0], c.channels(), src, moved, 0);
      assertEquals(plain[0], cnn.predict(new float[][] {moved}, false)[0], 1e-5);
      assertThrows(IllegalArgumentException.class, () -> cnn.predict(new float[][] {new float[5]}));
    }
  }

  @Test
  void ensembleSavesAndLoadsToTheSamePredictionsWithASpread() throws Exception {
    int side = 8;
    float[][] x = randomVolumes(10, side, 2);
    double[] y = new double[x.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = x[i][7];
    }
    List<VolumeCnn> ms = new ArrayList<>();
    for (int k = 0; k < 2; k++) {
      ms.add(VolumeCnn.train(x, y, new VolumeCnn.Config(VolumeFeatures.SYMMETRIC_CHANNELS, side,
          2, 1, 5, 1e-3, 10 + k)));
    }
    double[][] before;
    try (VolumeEnsemble e = new VolumeEnsemble(ms)) {
      before = e.predict(x, true);
      e.save(tmp);
    }
    try (VolumeEnsemble e = VolumeEnsemble.load(tmp)) {
      assertEquals(2, e.members().size());
      double[][] after = e.predict(x, true);
      for (int i = 0; i < x.length; i++) {
        assertEquals(before[0][i], after[0][i], 1e-9);
        assertEquals(before[1][i], after[1][i], 1e-9);
      }
      assertTrue(after[1][0] > 0, "two seeds should disagree a little");
    }
    var ex = assertThrows(java.io.IOException.class, () -> VolumeEnsemble.load(tmp.resolve("none")));
    assertTrue(ex.getMessage().contains(VolumeEnsemble.FILE), ex.getMessage());
  }
}
