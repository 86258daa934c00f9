package io.alloyflow.prediction.vqvae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import java.util.SplittableRandom;

/** Small functional building blocks shared by the VQ-VAE and the PixelCNN prior. */
final class Nn {

  private Nn() {}

  /** A convolution weight {@code (out, in, k, k)} with Xavier initialisation. */
  static Parameter convWeight(String name, int out, int in, int k) {
    return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(out, in, k, k)).optInitializer(new XavierInitializer()).build();
  }

  /** A bias vector (zero-initialised). */
  static Parameter bias(String name, int n) {
    return Parameter.builder().setName(name).setType(Parameter.Type.BIAS).optShape(new Shape(n))
        .build();
  }

  /** A 2D convolution of NCHW input with square stride and padding. */
  static NDArray conv(NDArray x, NDArray w, NDArray b, int stride, int pad) {
    return Conv2d.conv2d(x, w, b, new Shape(stride, stride), new Shape(pad, pad), new Shape(1, 1))
        .singletonOrThrow();
  }

  /** {@link #conv} with the parameters' current values from the store. */
  static NDArray conv(ParameterStore ps, NDArray x, Parameter w, Parameter b, int stride, int pad,
      boolean training) {
    return conv(x, ps.getValue(w, x.getDevice(), training), ps.getValue(b, x.getDevice(), training),
        stride, pad);
  }

  static NDArray relu(NDArray x) {
    return Activation.relu(x);
  }

  /**
   * Element-wise binary cross-entropy of logits {@code l} against targets {@code t} in [0, 1], in
   * the overflow-free form max(l, 0) - l t + log(1 + exp(-|l|)).
   */
  static NDArray bceWithLogits(NDArray l, NDArray t) {
    return Activation.relu(l).sub(l.mul(t)).add(l.abs().neg().exp().add(1).log());
  }

  /**
   * Writes {@code src} (an n x n map, row-major) into {@code dst} at {@code off}, periodically
   * shifted by a random offset along both axes and mirrored along each axis with probability 1/2.
   * The phase maps are periodic cells loaded along x, so their fracture-strain labels are
   * invariant to both operations.
   */
  static void shiftMirror(float[] src, int n, float[] dst, int off, SplittableRandom rnd) {
    int sx = rnd.nextInt(n);
    int sy = rnd.nextInt(n);
    boolean fx = rnd.nextBoolean();
    boolean fy = rnd.nextBoolean();
    for (int y = 0; y < n; y++) {
      int ys = Math.floorMod((fy ? n - 1 - y : y) + sy, n);
      for (int x = 0; x < n; x++) {
        int xs = Math.floorMod((fx ? n - 1 - x : x) + sx, n);
        dst[off + y * n + x] = src[ys * n + xs];
      }
    }
  }
}
