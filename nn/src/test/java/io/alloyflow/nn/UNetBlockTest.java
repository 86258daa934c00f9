package io.alloyflow.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class UNetBlockTest {

  @Test
  void stackedChannelsGiveOneLogitMapPerClassAtTheInputSize() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      UNetArchitecture arch = new UNetArchitecture(5, 3, 4, 2);
      UNetBlock block = new UNetBlock(arch);
      block.initialize(m, DataType.FLOAT32, new Shape(2, 5, 16, 24));
      NDArray x = m.randomNormal(new Shape(2, 5, 16, 24));
      NDArray y = block.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
      assertEquals(new Shape(2, 3, 16, 24), y.getShape());
      // trainable scalars: bias-free 3x3 convs (in * 9 per filter), batch-norm scale and shift per
      // channel, a 1x1 head with bias; levels have 4, 8 and 16 channels
      long expected = 0;
      expected += 5 * 9 * 4 + 4 * 9 * 4 + 2 * 2 * 4; // enc0
      expected += 4 * 9 * 8 + 8 * 9 * 8 + 2 * 2 * 8; // enc1
      expected += 8 * 9 * 16 + 16 * 9 * 16 + 2 * 2 * 16; // bottleneck
      expected += 16 * 9 * 8 + 2 * 8 + 16 * 9 * 8 + 8 * 9 * 8 + 2 * 2 * 8; // up1, dec1
      expected += 8 * 9 * 4 + 2 * 4 + 8 * 9 * 4 + 4 * 9 * 4 + 2 * 2 * 4; // up0, dec0
      expected += 4 * 3 + 3; // 1x1 head with bias
      assertEquals(expected, block.parameterCount());
    }
  }

  @Test
  void inputsThatDoNotFitTheArchitectureAreRefusedWithTheExpectedShape() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      UNetBlock block = new UNetBlock(new UNetArchitecture(2, 2, 4, 2));
      block.initialize(m, DataType.FLOAT32, new Shape(1, 2, 8, 8));
      ParameterStore ps = new ParameterStore(m, false);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> block.forward(ps, new NDList(m.zeros(new Shape(1, 1, 8, 8))), false));
      assertEquals("U-Net input must be (N, 2, H, W) with H and W multiples of 4, found (1, 1, 8, 8)",
          e.getMessage());
      assertThrows(IllegalArgumentException.class,
          () -> block.forward(ps, new NDList(m.zeros(new Shape(1, 2, 8, 6))), false));
    }
  }

  @Test
  void nearestUpsamplingRepeatsEachPixelAsA2x2Block() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray x = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
      NDArray y = Upsampling.nearest2x(x);
      assertEquals(new Shape(1, 1, 4, 4), y.getShape());
      assertArrayEquals(
          new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, y.toFloatArray(), 0f);
      assertThrows(IllegalArgumentException.class,
          () -> Upsampling.nearest2x(m.zeros(new Shape(2, 2))));
    }
  }
}
