package io.alloyflow.fusion.classify.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A compact U-Net on stacked channels as a DJL block (Ronneberger, Fischer and Brox 2015, MICCAI,
 * LNCS 9351, 234-241), with batch normalisation after every convolution (Ioffe and Szegedy 2015,
 * ICML) and "same" padding. Encoder level i: two 3x3 conv-BN-ReLU units with base*2^i filters and
 * 2x2 max pooling; decoder: nearest-neighbour 2x up-sampling and a 3x3 conv-BN-ReLU (DJL's
 * PyTorch engine has no transposed convolution), concatenation with the skip of the same level,
 * two conv-BN-ReLU units; a 1x1 convolution gives one logit per class. Input {@code (N, C, H, W)}
 * with H and W multiples of 2^depth, output {@code (N, classes, H, W)}. The same network as the
 * segmentation service's single-channel U-Net, which this service may not import.
 */
public final class StackedUNetBlock extends AbstractBlock {

  private static final byte VERSION = 1;

  private final UNetShape shape;
  private final List<Block> encoders = new ArrayList<>();
  private final Block bottleneck;
  private final List<Block> ups = new ArrayList<>();
  private final List<Block> decoders = new ArrayList<>();
  private final Block head;

  /** The (uninitialised) network of a shape. */
  public StackedUNetBlock(UNetShape shape) {
    super(VERSION);
    this.shape = shape;
    for (int i = 0; i < shape.depth(); i++) {
      encoders.add(addChildBlock("enc" + i, twoConvs(shape.channelsAt(i))));
    }
    bottleneck = addChildBlock("bottleneck", twoConvs(shape.channelsAt(shape.depth())));
    for (int i = shape.depth() - 1; i >= 0; i--) {
      ups.add(addChildBlock("up" + i, conv(shape.channelsAt(i))));
      decoders.add(addChildBlock("dec" + i, twoConvs(shape.channelsAt(i))));
    }
    head = addChildBlock("head", Conv2d.builder().setKernelShape(new Shape(1, 1))
        .setFilters(shape.numClasses()).build());
  }

  public UNetShape shape() {
    return shape;
  }

  private static SequentialBlock conv(int filters) {
    return new SequentialBlock()
        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
            .setFilters(filters).optBias(false).build())
        .add(BatchNorm.builder().build())
        .add(Activation::relu);
  }

  private static SequentialBlock twoConvs(int filters) {
    return new SequentialBlock().add(conv(filters)).add(conv(filters));
  }

  /** Nearest-neighbour 2x up-sampling of an NCHW array by broadcasting (differentiable). */
  static NDArray upsample2(NDArray x) {
    Shape s = x.getShape();
    long n = s.get(0);
    long c = s.get(1);
    long h = s.get(2);
    long w = s.get(3);
    return x.reshape(n, c, h, 1, w, 1).broadcast(n, c, h, 2, w, 2).reshape(n, c, 2 * h, 2 * w);
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    Shape in = x.getShape();
    if (in.dimension() != 4 || in.get(1) != shape.inChannels()
        || in.get(2) % shape.sizeMultiple() != 0 || in.get(3) % shape.sizeMultiple() != 0) {
      throw new IllegalArgumentException("U-Net input must be (N, " + shape.inChannels()
          + ", H, W) with H and W multiples of " + shape.sizeMultiple() + ", found " + in);
    }
    List<NDArray> skips = new ArrayList<>();
    for (Block enc : encoders) {
      x = enc.forward(ps, new NDList(x), training, params).singletonOrThrow();
      skips.add(x);
      x = Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
    }
    x = bottleneck.forward(ps, new NDList(x), training, params).singletonOrThrow();
    for (int k = 0; k < decoders.size(); k++) {
      int level = shape.depth() - 1 - k;
      x = ups.get(k).forward(ps, new NDList(upsample2(x)), training, params).singletonOrThrow();
      x = NDArrays.concat(new NDList(skips.get(level), x), 1);
      x = decoders.get(k).forward(ps, new NDList(x), training, params).singletonOrThrow();
    }
    return head.forward(ps, new NDList(x), training, params);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    return new Shape[] {new Shape(s.get(0), shape.numClasses(), s.get(2), s.get(3))};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType,
      Shape... inputShapes) {
    Shape s = inputShapes[0];
    long n = s.get(0);
    long h = s.get(2);
    long w = s.get(3);
    for (int i = 0; i < shape.depth(); i++) {
      long c = i == 0 ? shape.inChannels() : shape.channelsAt(i - 1);
      encoders.get(i).initialize(manager, dataType, new Shape(n, c, h >> i, w >> i));
    }
    int d = shape.depth();
    bottleneck.initialize(manager, dataType, new Shape(n, shape.channelsAt(d - 1), h >> d,
        w >> d));
    for (int k = 0; k < decoders.size(); k++) {
      int level = d - 1 - k;
      ups.get(k).initialize(manager, dataType,
          new Shape(n, shape.channelsAt(level + 1), h >> level, w >> level));
      decoders.get(k).initialize(manager, dataType,
          new Shape(n, 2L * shape.channelsAt(level), h >> level, w >> level));
    }
    head.initialize(manager, dataType, new Shape(n, shape.channelsAt(0), h, w));
  }

  /** Number of trainable scalars (after initialisation). */
  public long parameterCount() {
    long total = 0;
    for (var p : getParameters().values()) {
      if (p.isInitialized() && p.requiresGradient()) {
        total += p.getArray().size();
      }
    }
    return total;
  }
}
