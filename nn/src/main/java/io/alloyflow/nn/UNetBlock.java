package io.alloyflow.nn;

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
 * A compact U-Net as a DJL {@link Block} (Ronneberger, Fischer and Brox 2015, "U-Net:
 * Convolutional Networks for Biomedical Image Segmentation", MICCAI, LNCS 9351, 234-241), with
 * batch normalisation after every convolution (Ioffe and Szegedy 2015, ICML) and "same" padding
 * so the output has the input's size.
 *
 * <p>Encoder level i: two (3x3 conv, batch norm, ReLU) units with base*2^i filters, then 2x2 max
 * pooling. Decoder level i: nearest-neighbour 2x up-sampling followed by a 3x3 conv-BN-ReLU (the
 * "up-convolution"; a transposed convolution is not implemented by DJL's PyTorch engine),
 * concatenation with the encoder skip of the same level, and two conv-BN-ReLU units. A final 1x1
 * convolution gives one logit per class. Input {@code (N, inChannels, H, W)} with H and W
 * multiples of 2^depth; output {@code (N, numClasses, H, W)} logits.
 */
public final class UNetBlock extends AbstractBlock {

  private static final byte VERSION = 1;

  private final UNetArchitecture arch;
  private final List<Block> encoders = new ArrayList<>();
  private final Block bottleneck;
  private final List<Block> upConvs = new ArrayList<>();
  private final List<Block> decoders = new ArrayList<>();
  private final Block head;

  /** Builds the (uninitialised) network for an architecture. */
  public UNetBlock(UNetArchitecture arch) {
    super(VERSION);
    this.arch = arch;
    for (int i = 0; i < arch.depth(); i++) {
      encoders.add(addChildBlock("enc" + i, doubleConv(arch.channelsAt(i))));
    }
    bottleneck = addChildBlock("bottleneck", doubleConv(arch.channelsAt(arch.depth())));
    for (int i = arch.depth() - 1; i >= 0; i--) {
      upConvs.add(addChildBlock("up" + i, convBnRelu(arch.channelsAt(i))));
      decoders.add(addChildBlock("dec" + i, doubleConv(arch.channelsAt(i))));
    }
    head =
        addChildBlock(
            "head",
            Conv2d.builder()
                .setKernelShape(new Shape(1, 1))
                .setFilters(arch.numClasses())
                .build());
  }

  public UNetArchitecture architecture() {
    return arch;
  }

  private static SequentialBlock convBnRelu(int filters) {
    return new SequentialBlock()
        .add(
            Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .setFilters(filters)
                .optBias(false)
                .build())
        .add(BatchNorm.builder().build())
        .add(Activation::relu);
  }

  private static SequentialBlock doubleConv(int filters) {
    return new SequentialBlock().add(convBnRelu(filters)).add(convBnRelu(filters));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    Shape in = x.getShape();
    if (in.dimension() != 4
        || in.get(1) != arch.inChannels()
        || in.get(2) % arch.sizeMultiple() != 0
        || in.get(3) % arch.sizeMultiple() != 0) {
      throw new IllegalArgumentException(
          "U-Net input must be (N, "
              + arch.inChannels()
              + ", H, W) with H and W multiples of "
              + arch.sizeMultiple()
              + ", found "
              + in);
    }
    List<NDArray> skips = new ArrayList<>();
    for (Block enc : encoders) {
      x = enc.forward(ps, new NDList(x), training, params).singletonOrThrow();
      skips.add(x);
      x = Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
    }
    x = bottleneck.forward(ps, new NDList(x), training, params).singletonOrThrow();
    for (int k = 0; k < decoders.size(); k++) {
      int level = arch.depth() - 1 - k;
      x = upConvs.get(k).forward(ps, new NDList(Upsampling.nearest2x(x)), training, params).singletonOrThrow();
      x = NDArrays.concat(new NDList(skips.get(level), x), 1);
      x = decoders.get(k).forward(ps, new NDList(x), training, params).singletonOrThrow();
    }
    return head.forward(ps, new NDList(x), training, params);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    return new Shape[] {new Shape(s.get(0), arch.numClasses(), s.get(2), s.get(3))};
  }

  @Override
  protected void initializeChildBlocks(
      NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape s = inputShapes[0];
    long n = s.get(0);
    long h = s.get(2);
    long w = s.get(3);
    for (int i = 0; i < arch.depth(); i++) {
      long c = i == 0 ? arch.inChannels() : arch.channelsAt(i - 1);
      encoders.get(i).initialize(manager, dataType, new Shape(n, c, h >> i, w >> i));
    }
    int d = arch.depth();
    bottleneck.initialize(manager, dataType, new Shape(n, arch.channelsAt(d - 1), h >> d, w >> d));
    for (int k = 0; k < decoders.size(); k++) {
      int level = d - 1 - k;
      long below = arch.channelsAt(level + 1);
      upConvs.get(k).initialize(manager, dataType, new Shape(n, below, h >> level, w >> level));
      decoders
          .get(k)
          .initialize(
              manager, dataType, new Shape(n, 2L * arch.channelsAt(level), h >> level, w >> level));
    }
    head.initialize(manager, dataType, new Shape(n, arch.channelsAt(0), h, w));
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
