package io.alloyflow.prediction.vqvae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.alloyflow.nn.Upsampling;

/**
 * The VQ-VAE network (van den Oord, Vinyals and Kavukcuoglu 2017, "Neural Discrete
 * Representation Learning", NeurIPS): an encoder of two stride-2 4x4 convolutions, a 3x3 and a
 * 1x1 convolution maps a one-channel {@code side x side} phase map to {@code D x side/4 x side/4}
 * vectors z_e; each is replaced by its nearest codebook vector z_q (squared Euclidean distance,
 * argmin, gathered as one-hot x codebook since those are the operations the engine offers); the
 * decoder (3x3 convolutions with two nearest-neighbour 2x up-samplings, a transposed convolution
 * being unavailable on DJL's PyTorch engine) maps z_e + stopgrad(z_q - z_e) (the straight-through
 * estimator: the forward pass sees z_q, the backward pass copies the decoder's gradient to z_e)
 * to one logit per pixel.
 *
 * <p>The codebook is a parameter without gradient: it is updated by exponential moving averages
 * of the encoder outputs assigned to each code (the paper's appendix A.1) by {@link VqVae}.
 * Forward output: logits {@code (B, 1, side, side)}, z_e and z_q {@code (B, D, h, w)}, code
 * indices {@code (B, h, w)}.
 */
final class VqVaeBlock extends AbstractBlock {

  private static final byte VERSION = 1;

  final VqVae.Config cfg;
  private final Parameter[] w = new Parameter[9];
  private final Parameter[] b = new Parameter[9];
  final Parameter codebook;
  /** Test hook: when false the decoder sees z_q without the straight-through path. */
  boolean straightThrough = true;

  VqVaeBlock(VqVae.Config cfg) {
    super(VERSION);
    this.cfg = cfg;
    int f = cfg.width();
    int d = cfg.codeDim();
    int[][] spec = { // out, in, kernel
        {f, 1, 4}, {2 * f, f, 4}, {2 * f, 2 * f, 3}, {d, 2 * f, 1}, // encoder
        {2 * f, d, 3}, {2 * f, 2 * f, 3}, {f, 2 * f, 3}, {f, f, 3}, {1, f, 1}}; // decoder
    for (int i = 0; i < spec.length; i++) {
      w[i] = addParameter(Nn.convWeight("w" + i, spec[i][0], spec[i][1], spec[i][2]));
      b[i] = addParameter(Nn.bias("b" + i, spec[i][0]));
    }
    codebook = addParameter(Parameter.builder().setName("codebook")
        .setType(Parameter.Type.OTHER).optShape(new Shape(cfg.codes(), d))
        .optInitializer(new NormalInitializer(0.1f)).optRequiresGrad(false).build());
  }

  /** Encoder output z_e {@code (B, D, side/4, side/4)}. */
  NDArray encode(ParameterStore ps, NDArray x, boolean training) {
    NDArray h = Nn.relu(Nn.conv(ps, x, w[0], b[0], 2, 1, training));
    h = Nn.relu(Nn.conv(ps, h, w[1], b[1], 2, 1, training));
    h = Nn.relu(Nn.conv(ps, h, w[2], b[2], 1, 1, training));
    return Nn.conv(ps, h, w[3], b[3], 1, 0, training);
  }

  /** Decoder logits {@code (B, 1, side, side)} from code vectors {@code (B, D, h, w)}. */
  NDArray decode(ParameterStore ps, NDArray z, boolean training) {
    NDArray h = Nn.relu(Nn.conv(ps, z, w[4], b[4], 1, 1, training));
    h = Nn.relu(Nn.conv(ps, h, w[5], b[5], 1, 1, training));
    h = Nn.relu(Nn.conv(ps, Upsampling.nearest2x(h), w[6], b[6], 1, 1, training));
    h = Nn.relu(Nn.conv(ps, Upsampling.nearest2x(h), w[7], b[7], 1, 1, training));
    return Nn.conv(ps, h, w[8], b[8], 1, 0, training);
  }

  /**
   * Nearest codes of z_e: {indices (B, h, w) int64, z_q (B, D, h, w)}; distances
   * |z|^2 - 2 z.e + |e|^2 over the codebook, argmin, gather by one-hot matrix product.
   */
  NDList quantise(ParameterStore ps, NDArray ze, boolean training) {
    Shape s = ze.getShape();
    long bs = s.get(0);
    long d = s.get(1);
    long hh = s.get(2);
    long ww = s.get(3);
    NDArray e = ps.getValue(codebook, ze.getDevice(), training);
    NDArray flat = ze.stopGradient().transpose(0, 2, 3, 1).reshape(-1, d);
    NDArray dist = flat.square().sum(new int[] {1}, true).sub(flat.matMul(e.transpose()).mul(2))
        .add(e.square().sum(new int[] {1}).reshape(1, -1));
    NDArray idx = dist.argMin(1);
    NDArray zq = gather(e, idx).reshape(bs, hh, ww, d).transpose(0, 3, 1, 2);
    return new NDList(idx.reshape(bs, hh, ww), zq);
  }

  /** Rows of the codebook for flat int64 indices. */
  NDArray gather(NDArray e, NDArray idx) {
    return idx.oneHot(cfg.codes(), DataType.FLOAT32).matMul(e);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray ze = encode(ps, x, training);
    NDList q = quantise(ps, ze, training);
    NDArray zq = q.get(1);
    NDArray z = straightThrough ? ze.add(zq.sub(ze).stopGradient()) : zq;
    return new NDList(decode(ps, z, training), ze, zq, q.get(0));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] in) {
    long bs = in[0].get(0);
    long s = in[0].get(2);
    return new Shape[] {new Shape(bs, 1, s, s), new Shape(bs, cfg.codeDim(), s / 4, s / 4),
        new Shape(bs, cfg.codeDim(), s / 4, s / 4), new Shape(bs, s / 4, s / 4)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... in) {
    // no child blocks: all parameters are direct and have fixed shapes
  }
}
