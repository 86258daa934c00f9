package io.alloyflow.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Up-sampling operations on NCHW arrays that DJL's PyTorch engine lacks as blocks. */
public final class Upsampling {

  private Upsampling() {}

  /**
   * Nearest-neighbour 2x up-sampling of an {@code (N, C, H, W)} array by reshape and broadcast, so
   * it is differentiable and needs no transposed convolution (which DJL's PyTorch engine does not
   * implement). Output {@code (N, C, 2H, 2W)}; each input pixel becomes a 2x2 block.
   */
  public static NDArray nearest2x(NDArray x) {
    Shape s = x.getShape();
    if (s.dimension() != 4) {
      throw new IllegalArgumentException("2x up-sampling needs an (N, C, H, W) array, found " + s);
    }
    long n = s.get(0);
    long c = s.get(1);
    long h = s.get(2);
    long w = s.get(3);
    return x.reshape(n, c, h, 1, w, 1).broadcast(n, c, h, 2, w, 2).reshape(n, c, 2 * h, 2 * w);
  }
}
