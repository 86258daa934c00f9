package io.alloyflow.segmentation.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Class-weighted pixel-wise softmax cross-entropy (Ronneberger et al. 2015, eq. 1, with the
 * weight map reduced to per-class inverse-frequency weights as in Long, Shelhamer and Darrell
 * 2015, CVPR, and Eigen and Fergus 2015, ICCV "median frequency balancing").
 *
 * <p>The label is a weighted one-hot target {@code t (N, K, H, W)} with {@code t[c] = w_c} at the
 * true class c and 0 elsewhere (all zeros for ignored pixels). The loss is {@code -sum(t *
 * log_softmax(z)) / sum(t)}, the weighted mean over labelled pixels.
 */
public final class WeightedPixelCrossEntropy extends Loss {

  public WeightedPixelCrossEntropy() {
    super("WeightedPixelCrossEntropy");
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray target = labels.singletonOrThrow();
    NDArray logits = predictions.singletonOrThrow();
    NDArray logp = logits.logSoftmax(1);
    NDArray total = target.sum().maximum(1e-6f);
    return target.mul(logp).sum().neg().div(total);
  }
}
