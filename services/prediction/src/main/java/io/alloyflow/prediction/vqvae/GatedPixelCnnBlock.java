package io.alloyflow.prediction.vqvae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;

/**
 * A conditional gated PixelCNN over code maps (van den Oord, Kalchbrenner, Vinyals, Espeholt,
 * Graves and Kavukcuoglu 2016, "Conditional Image Generation with PixelCNN Decoders", NeurIPS):
 * codes are embedded, then {@code layers} gated layers each hold a vertical stack (k x k
 * convolution masked to the rows above the centre; the first layer strictly above, later layers
 * including the centre row, whose inputs already see only earlier rows) and a horizontal stack
 * (a 1 x k row masked to the columns left of the centre: type A in the first layer, which
 * excludes the centre, type B after it, which includes it) that also receives the vertical
 * stack's pre-activation through a 1x1 convolution, so there is no blind spot. Each stack is gated,
 * tanh(W_f * x + V_f c) . sigmoid(W_g * x + V_g c), with c the one-hot property bin; the horizontal
 * stack is residual after the first layer. A 1x1 ReLU head gives logits over the codes. The
 * conditioning vector c may also be a soft one (non-negative weights over the bins summing to 1,
 * see {@link LikelihoodRegressor.Bins#condition}): the learned per-layer biases V c then
 * interpolate between neighbouring bins.
 *
 * <p>Masked convolutions are convolutions with the weight multiplied element-wise by a constant
 * 0/1 mask (DJL has no masked convolution). Input: code indices {@code (B, H, W)} (int64) and
 * either bins {@code (B)} (int64, one-hot inside) or conditioning vectors {@code (B, bins)}
 * (float32); output: logits {@code (B, K, H, W)} whose value at (i, j) depends only
 * on codes before (i, j) in raster order.
 */
final class GatedPixelCnnBlock extends AbstractBlock {

  private static final byte VERSION = 1;

  final PixelCnnPrior.Config cfg;
  private final Parameter emb;
  private final Parameter[] vw;
  private final Parameter[] vb;
  private final Parameter[] hw;
  private final Parameter[] hb;
  private final Parameter[] v2hw;
  private final Parameter[] v2hb;
  private final Parameter[] ow;
  private final Parameter[] ob;
  private final Parameter[] cv;
  private final Parameter[] ch;
  private final Parameter head1w;
  private final Parameter head1b;
  private final Parameter head2w;
  private final Parameter head2b;
  private final float[][] vmask;
  private final float[][] hmask;

  GatedPixelCnnBlock(PixelCnnPrior.Config cfg) {
    super(VERSION);
    this.cfg = cfg;
    int l = cfg.layers();
    int c = cfg.channels();
    int k = cfg.kernel();
    emb = addParameter(Parameter.builder().setName("embedding").setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(cfg.codes(), cfg.embedding()))
        .optInitializer(new NormalInitializer(1f)).build());
    vw = new Parameter[l];
    vb = new Parameter[l];
    hw = new Parameter[l];
    hb = new Parameter[l];
    v2hw = new Parameter[l];
    v2hb = new Parameter[l];
    ow = new Parameter[l];
    ob = new Parameter[l];
    cv = new Parameter[l];
    ch = new Parameter[l];
    vmask = new float[l][];
    hmask = new float[l][];
    for (int i = 0; i < l; i++) {
      int in = i == 0 ? cfg.embedding() : c;
      vw[i] = addParameter(Nn.convWeight("v" + i + "w", 2 * c, in, k));
      vb[i] = addParameter(Nn.bias("v" + i + "b", 2 * c));
      hw[i] = addParameter(Nn.convWeight("h" + i + "w", 2 * c, in, k));
      hb[i] = addParameter(Nn.bias("h" + i + "b", 2 * c));
      v2hw[i] = addParameter(Nn.convWeight("v2h" + i + "w", 2 * c, 2 * c, 1));
      v2hb[i] = addParameter(Nn.bias("v2h" + i + "b", 2 * c));
      ow[i] = addParameter(Nn.convWeight("o" + i + "w", c, c, 1));
      ob[i] = addParameter(Nn.bias("o" + i + "b", c));
      cv[i] = addParameter(condWeight("cv" + i, cfg.bins(), 2 * c));
      ch[i] = addParameter(condWeight("ch" + i, cfg.bins(), 2 * c));
      vmask[i] = mask(2 * c, in, k, true, i == 0);
      hmask[i] = mask(2 * c, in, k, false, i == 0);
    }
    head1w = addParameter(Nn.convWeight("head1w", c, c, 1));
    head1b = addParameter(Nn.bias("head1b", c));
    head2w = addParameter(Nn.convWeight("head2w", cfg.codes(), c, 1));
    head2b = addParameter(Nn.bias("head2b", cfg.codes()));
  }

  private static Parameter condWeight(String name, int bins, int out) {
    return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(bins, out)).optInitializer(new XavierInitializer()).build();
  }

  /**
   * A 0/1 mask of an {@code (out, in, k, k)} weight. Vertical: rows above the centre (first
   * layer) or up to and including it. Horizontal: the centre row only, columns left of the centre
   * (first layer, type A) or up to and including it (type B).
   */
  static float[] mask(int out, int in, int k, boolean vertical, boolean first) {
    int c = k / 2;
    float[] m = new float[out * in * k * k];
    for (int r = 0; r < k; r++) {
      for (int q = 0; q < k; q++) {
        boolean on = vertical ? (first ? r < c : r <= c) : (r == c && (first ? q < c : q <= c));
        if (on) {
          for (int o = 0; o < out * in; o++) {
            m[o * k * k + r * k + q] = 1f;
          }
        }
      }
    }
    return m;
  }

  private NDArray masked(ParameterStore ps, NDArray x, Parameter w, float[] m, boolean training) {
    NDArray wv = ps.getValue(w, x.getDevice(), training);
    // mask first: the product belongs to the mask's (per-step) manager, not to the parameter's
    // (model-lifetime) one, which would keep every step's masked weights until the model closes
    return x.getManager().create(m, wv.getShape()).mul(wv);
  }

  private static NDArray gate(NDArray x) {
    NDList p = x.split(2, 1);
    return Activation.tanh(p.get(0)).mul(Activation.sigmoid(p.get(1)));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray codes = inputs.get(0);
    NDArray bins = inputs.get(1);
    Shape s = codes.getShape();
    long bs = s.get(0);
    long hh = s.get(1);
    long ww = s.get(2);
    int c = cfg.channels();
    int pad = cfg.kernel() / 2;
    var dev = codes.getDevice();
    NDArray x = codes.flatten().oneHot(cfg.codes(), DataType.FLOAT32)
        .matMul(ps.getValue(emb, dev, training)).reshape(bs, hh, ww, cfg.embedding())
        .transpose(0, 3, 1, 2);
    NDArray cond = bins.getDataType() == DataType.FLOAT32 ? bins
        : bins.oneHot(cfg.bins(), DataType.FLOAT32);
    NDArray v = x;
    NDArray h = x;
    for (int i = 0; i < cfg.layers(); i++) {
      NDArray vp = Nn.conv(v, masked(ps, v, vw[i], vmask[i], training),
          ps.getValue(vb[i], dev, training), 1, pad)
          .add(cond.matMul(ps.getValue(cv[i], dev, training)).reshape(bs, 2L * c, 1, 1));
      NDArray hp = Nn.conv(h, masked(ps, h, hw[i], hmask[i], training),
          ps.getValue(hb[i], dev, training), 1, pad)
          .add(Nn.conv(ps, vp, v2hw[i], v2hb[i], 1, 0, training))
          .add(cond.matMul(ps.getValue(ch[i], dev, training)).reshape(bs, 2L * c, 1, 1));
      v = gate(vp);
      NDArray hn = Nn.conv(ps, gate(hp), ow[i], ob[i], 1, 0, training);
      h = i == 0 ? hn : h.add(hn);
    }
    NDArray o = Nn.relu(Nn.conv(ps, Nn.relu(h), head1w, head1b, 1, 0, training));
    return new NDList(Nn.conv(ps, o, head2w, head2b, 1, 0, training));
  }

  /** Per-position log-probability {@code (B, H, W)} of the codes under logits (B, K, H, W). */
  static NDArray logProb(NDArray logits, NDArray codes) {
    Shape s = codes.getShape();
    int k = (int) logits.getShape().get(1);
    NDArray oh = codes.oneHot(k, DataType.FLOAT32).transpose(0, 3, 1, 2);
    return logits.logSoftmax(1).mul(oh).sum(new int[] {1}).reshape(s);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] in) {
    return new Shape[] {new Shape(in[0].get(0), cfg.codes(), in[0].get(1), in[0].get(2))};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... in) {
    // no child blocks: all parameters are direct and have fixed shapes
  }
}
